import { afterEach, describe, expect, it } from 'vitest';
import { insertDossier, insertMds, openTestDatabase, removeTempDir, type TestDatabase } from '../testing';
import { contractsAuditTargets } from './contracts';

const opened: TestDatabase[] = [];
afterEach(() => {
  while (opened.length) {
    const t = opened.pop()!;
    t.close();
    removeTempDir(t.dir);
  }
});

describe('contractsAuditTargets', () => {
  it('names the journal targets of one person’s contracts, PAP versions, fiches, attachments and saisines', () => {
    const t = openTestDatabase();
    opened.push(t);
    const sql = t.sqlite;
    const mdsId = insertMds(sql);
    const a = insertDossier(sql, { cafNumber: '1111111', mdsId, nomPatronymique: 'A', prenoms: 'A' });
    const b = insertDossier(sql, { cafNumber: '2222222', mdsId, nomPatronymique: 'B', prenoms: 'B' });
    const contract = (personId: number) =>
      Number(
        sql
          .prepare(
            `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, "end", content, suivi_emploi, etat_civil, referent_identity, referentials)
             VALUES (?, 'CERS', 'brouillon', '2025-01-10', 'solidarite', '2025-02-01', 6, '2025-07-31', '{}', '[]', '{}', '{}', '{}')`,
          )
          .run(personId).lastInsertRowid,
      );
    const ca = contract(a.personId);
    contract(b.personId);
    const pap = Number(sql.prepare("INSERT INTO contract_paps (contract_id, version, origin, actions_referential_version) VALUES (?, 1, 'initial', 1)").run(ca).lastInsertRowid);
    const fiche = Number(
      sql
        .prepare("INSERT INTO fiches_liaison (person_id, type, status, date, content, administratif, referentials) VALUES (?, 'appui', 'brouillon', '2026-02-10', '{}', '{}', '{}')")
        .run(a.personId).lastInsertRowid,
    );
    const attachment = Number(
      sql
        .prepare("INSERT INTO attachments (person_id, owner_type, owner_id, kind, file_name, mime, size, sha256, created_by_login) VALUES (?, 'fiche', ?, 'autre', 'a.pdf', 'application/pdf', 1, 'x', 'x')")
        .run(a.personId, fiche).lastInsertRowid,
    );
    const saisine = Number(
      sql
        .prepare("INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids) VALUES (?, 'cers_12_mois', 'x', '2026-02-02', '2026-03-02', '[]')")
        .run(a.personId).lastInsertRowid,
    );
    expect(contractsAuditTargets(t.db, a.personId)).toEqual([
      { entity: 'contract', entityId: ca },
      { entity: 'contract_pap', entityId: pap },
      { entity: 'fiche_liaison', entityId: fiche },
      { entity: 'attachment', entityId: attachment },
      { entity: 'ep_saisine', entityId: saisine },
    ]);
  });
});
