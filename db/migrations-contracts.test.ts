/**
 * Migration of the contracts capability: '0004_contracts_guards' (triggers). Its tables (contracts, contract_paps,
 * contract_pap_actions, fiches_liaison, attachments, attachment_blobs, ep_saisines) were created by the
 * migration generated just before it ('0003_interview', with the interview capability's tables).
 */
import { describe, expect, it } from 'vitest';
import type { Sqlite } from './open';
import { insertDossier, insertMds, migrationCase } from './testing';

const TAG = '0004_contracts_guards';

function seed(sql: Sqlite) {
  const mdsId = insertMds(sql);
  const { personId } = insertDossier(sql, { cafNumber: '7654321', mdsId, nomPatronymique: 'MARTIN', prenoms: 'Anne' });
  const contract = (status: string) =>
    Number(
      sql
        .prepare(
          `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, "end", content, suivi_emploi, etat_civil, referent_identity, referentials)
           VALUES (?, 'CERS', ?, '2025-01-10', 'solidarite', '2025-02-01', 6, '2025-07-31', '{"objectifs":"Logement"}', '[]', '{}', '{}', '{"actions":1,"rome":1,"diplomas":1}')`,
        )
        .run(personId, status).lastInsertRowid,
    );
  const pap = (contractId: number, version: number) =>
    Number(
      sql
        .prepare("INSERT INTO contract_paps (contract_id, version, origin, actions_referential_version) VALUES (?, ?, ?, 1)")
        .run(contractId, version, version === 1 ? 'initial' : 'avenant').lastInsertRowid,
    );
  const insertRow = sql.prepare(
    `INSERT INTO contract_pap_actions (pap_id, position, theme, action_code, services, start, "end", engagement_referent, engagement_beneficiaire, origin)
     VALUES (?, ?, 'A', 'A.1.1', '[]', '2025-02-01', '2025-05-31', 'Référent', 'Bénéficiaire', 'saisie')`,
  );
  const signed = contract('valide');
  const signedPap = pap(signed, 1);
  const signedRow = Number(insertRow.run(signedPap, 0).lastInsertRowid);
  const draft = contract('brouillon');
  const draftPap = pap(draft, 1);
  insertRow.run(draftPap, 0);
  const fiche = (status: string) =>
    Number(
      sql
        .prepare("INSERT INTO fiches_liaison (person_id, type, status, date, content, administratif, referentials) VALUES (?, 'appui', ?, '2026-02-10', '{\"texte\":\"Aide\"}', '{}', '{}')")
        .run(personId, status).lastInsertRowid,
    );
  const sent = fiche('envoyee');
  const draftFiche = fiche('brouillon');
  const attachment = Number(
    sql
      .prepare(
        "INSERT INTO attachments (person_id, owner_type, owner_id, kind, file_name, mime, size, sha256, created_by_login) VALUES (?, 'fiche', ?, 'autre', 'a.pdf', 'application/pdf', 4, 'x', 'remi')",
      )
      .run(personId, draftFiche).lastInsertRowid,
  );
  sql.prepare('INSERT INTO attachment_blobs (attachment_id, data) VALUES (?, ?)').run(attachment, Buffer.from('%PDF'));
  return { signed, signedPap, signedRow, draft, draftPap, sent, draftFiche, attachment, insertRow, pap };
}

describe(`migration '${TAG}'`, () => {
  it('keeps the rows, then freezes signed contracts and their PAP versions, sent fiches and attachment bytes', () => {
    migrationCase(
      TAG,
      (sql) => {
        const ids = seed(sql);
        // Before the migration nothing stopped a direct edit of a signed PAP.
        sql.prepare('UPDATE contract_pap_actions SET "end" = \'2025-06-30\' WHERE id = ?').run(ids.signedRow);
        return ids;
      },
      (sql, ids) => {
        expect(sql.prepare('SELECT "end" FROM contract_pap_actions WHERE id = ?').get(ids.signedRow)).toEqual({ end: '2025-06-30' });
        expect(sql.prepare('SELECT count(*) AS n FROM contracts').get()).toEqual({ n: 2 });

        // A signed contract: content and dates frozen, life cycle, suivi and bilan open.
        expect(() => sql.prepare("UPDATE contracts SET content = '{}' WHERE id = ?").run(ids.signed)).toThrow('Contrat signé : il ne se modifie que par un avenant');
        expect(() => sql.prepare("UPDATE contracts SET start = '2025-03-01' WHERE id = ?").run(ids.signed)).toThrow('Contrat signé');
        sql.prepare("UPDATE contracts SET status = 'en_cours', started_on = '2025-02-03', suivi_emploi = '[]', bilan_general = 'ok', version = version + 1 WHERE id = ?").run(ids.signed);
        // Its PAP rows: only résultat and bilan change; rows are neither removed nor added to the current version.
        expect(() => sql.prepare('UPDATE contract_pap_actions SET "end" = \'2025-07-31\' WHERE id = ?').run(ids.signedRow)).toThrow('ne se modifie que par un avenant');
        sql.prepare("UPDATE contract_pap_actions SET resultat = 'atteint', bilan = 'Fait' WHERE id = ?").run(ids.signedRow);
        expect(() => sql.prepare('DELETE FROM contract_pap_actions WHERE id = ?').run(ids.signedRow)).toThrow('ne se modifie que par un avenant');
        expect(() => ids.insertRow.run(ids.signedPap, 1)).toThrow('ne se modifie que par un avenant');
        // An avenant adds version 2 with its rows, then becomes the current version; version 1 stays.
        const v2 = ids.pap(ids.signed, 2);
        ids.insertRow.run(v2, 0);
        ids.insertRow.run(v2, 1);
        sql.prepare('UPDATE contracts SET pap_version = 2 WHERE id = ?').run(ids.signed);
        expect(() => ids.insertRow.run(v2, 2)).toThrow('ne se modifie que par un avenant');
        expect(() => sql.prepare('DELETE FROM contract_paps WHERE id = ?').run(ids.signedPap)).toThrow('ne se supprime pas');
        expect(() => sql.prepare('UPDATE contract_paps SET version = 9 WHERE id = ?').run(ids.signedPap)).toThrow('ne se modifie pas');
        expect(sql.prepare('SELECT count(*) AS n FROM contract_pap_actions WHERE pap_id = ?').get(ids.signedPap)).toEqual({ n: 1 });

        // A draft changes freely and is deleted with its PAP.
        sql.prepare("UPDATE contracts SET content = '{\"objectifs\":\"Budget\"}', start = '2025-03-01' WHERE id = ?").run(ids.draft);
        sql.prepare('UPDATE contract_pap_actions SET "end" = \'2025-04-30\' WHERE pap_id = ?').run(ids.draftPap);
        ids.insertRow.run(ids.draftPap, 1);
        sql.prepare('DELETE FROM contracts WHERE id = ?').run(ids.draft);
        expect(sql.prepare('SELECT count(*) AS n FROM contract_paps WHERE contract_id = ?').get(ids.draft)).toEqual({ n: 0 });

        // A sent fiche keeps its request; its answer is recorded. A draft fiche changes.
        expect(() => sql.prepare("UPDATE fiches_liaison SET content = '{}' WHERE id = ?").run(ids.sent)).toThrow('Fiche de liaison envoyée');
        sql.prepare("UPDATE fiches_liaison SET status = 'acceptee', answer_text = 'Oui', answer_date = '2026-02-11' WHERE id = ?").run(ids.sent);
        sql.prepare("UPDATE fiches_liaison SET content = '{\"texte\":\"Autre\"}' WHERE id = ?").run(ids.draftFiche);

        // Attachment bytes never change; a draft's attachment may be removed.
        expect(() => sql.prepare("UPDATE attachment_blobs SET data = x'00' WHERE attachment_id = ?").run(ids.attachment)).toThrow('ne se modifie pas');
        sql.prepare('DELETE FROM attachment_blobs WHERE attachment_id = ?').run(ids.attachment);
        sql.prepare('DELETE FROM attachments WHERE id = ?').run(ids.attachment);
      },
    );
  });
});
