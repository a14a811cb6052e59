/**
 * The answers of « Doublons à vérifier » that change dossiers (issue 15 §1):
 * - « C’est la même personne » for an import line applies it to the existing dossier, as an update line of its kind
 *   would be: a CAF line updates the foyer (address, situation, RSA date, children; its CAF number kept when it has
 *   one), a France Travail line records the identifiant and the event on the person; journaled; the batch can no
 *   longer be undone (said with the line and the dossier); a line that no longer applies is refused, nothing written;
 * - « Ce ne sont pas les mêmes personnes » for a pair of dossiers: recorded once, journaled, the pair leaves the list;
 *   refused for another MDS, another role, a dossier unknown or merged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNothingWritten } from './contracts-fixtures';
import { withSql } from './ep-fixtures';
import { dossierInput, type Harness } from './harness';
import { previewInput, useImportWorld, type ImportWorld } from './imports-fixtures';

const world = useImportWorld();
let h: Harness;
let w: ImportWorld;
let corr: string;
beforeAll(() => ({ h, w, corr } = world));

const journal = (entity: string, entityId: number) =>
  withSql(h, (s) =>
    s
      .prepare('SELECT action, before_json, after_json FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id')
      .all(entity, String(entityId)) as { action: string; before_json: string | null; after_json: string | null }[],
  );

/** A radiation of « de la Fontaine Jean » (LA FONTAINE Jean in the world), as a France Travail list gives it. */
const FT_LINE = {
  identifiant: '4567890E456',
  nom: 'de la Fontaine',
  prenom: 'Jean',
  dateNaissance: '05/05/1975',
  date: '20/02/2026',
  code: 'RAD3',
  motif: 'Insuffisance de recherche',
  commune: 'Arras',
};

/** A France Travail line waiting as a possible duplicate of `candidate`, in an applied batch of radiations of our MDS. */
const pendingFtLine = (candidate: number, values: Record<string, string>) =>
  withSql(h, (s) => {
    const mdsId = s.prepare('SELECT mds_id FROM users WHERE id = ?').pluck().get(w.staff.correspondant.id) as number;
    const batchId = Number(
      s
        .prepare(
          `INSERT INTO import_batches (kind, source, file_name, file_sha256, status, counts_json, mds_id, user_id, applied_at)
           VALUES ('ft_radiations', 'France Travail Arras', 'radiations.csv', ?, 'termine', '{}', ?, ?, '2026-03-01T10:00:00.000Z')`,
        )
        .run(`sha-${candidate}-${values.identifiant}`, mdsId, w.staff.correspondant.id).lastInsertRowid,
    );
    const rowId = Number(
      s
        .prepare(`INSERT INTO import_rows (batch_id, line, verdict, reason, data_json, candidate_person_id) VALUES (?, 2, 'doublon_possible', 'Même nom et date de naissance', ?, ?)`)
        .run(batchId, JSON.stringify(values), candidate).lastInsertRowid,
    );
    return { batchId, rowId };
  });

describe('« C’est la même personne »: the import line applied to the existing dossier', () => {
  it('a CAF line updates the foyer as an update line, keeps its CAF number, is journaled; the batch can no longer be undone', async () => {
    const file = [
      'N° allocataire;Nom;Prénoms;Date de naissance;Sexe;Adresse;Code postal;Commune;Situation familiale;Enfants à charge;RSA depuis le',
      '4000006;Feraud Lecuyer;Anne;12/04/1985;F;8 rue Neuve;62000;Arras;Marié(e);Léo 02/03/2016;01/12/2025',
      '4000007;NOUVEL;Ana;01/01/1990;F;1 rue Large;62000;Arras;Célibataire;0;01/02/2026',
    ].join('\r\n');
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', file, 'caf-doublon.csv'), corr);
    const batch = await h.ok('imports.apply', { batchId: preview.batchId! }, corr);
    expect(batch.counts).toMatchObject({ nouveau: 1, doublon_possible: 1 });
    const line = (await h.ok('duplicates.list', {}, corr)).imports.find((l) => l.batchId === batch.id)!;
    expect(line.candidate.personId).toBe(w.persons.feraud);
    const before = await h.ok('dossiers.get', { personId: w.persons.feraud }, corr);
    expect(before.foyer.address.line1).not.toBe('8 rue Neuve');

    const answer = await h.ok('duplicates.resolve', { rowId: line.rowId, resolution: 'confirme' }, corr);
    expect(answer).toMatchObject({ resolution: 'confirme', personId: w.persons.feraud });
    expect(answer.message).toBe(
      `Ligne 2 : c’est la même personne que FÉRAUD-LÉCUYER Anne (dossier n° ${w.persons.feraud}) ; aucun nouveau dossier n’est créé. ` +
        'Mis à jour : adresse (8 rue Neuve, 62000 ARRAS), situation familiale (Marié(e)), RSA depuis le 01/12/2025, enfants à charge (1). ' +
        'Le foyer garde son N° allocataire 1111111 (la ligne porte le 4000006).',
    );
    const after = await h.ok('dossiers.get', { personId: w.persons.feraud }, corr);
    expect(after.foyer).toMatchObject({
      cafNumber: '1111111',
      rsaDepuis: '2025-12-01',
      situationFamiliale: 'marie',
      address: { line1: '8 rue Neuve', postalCode: '62000', city: 'ARRAS' },
      enfants: [{ prenom: 'Léo', dateNaissance: '2016-03-02' }],
    });
    expect(after.person.nomPatronymique).toBe('FÉRAUD-LÉCUYER');
    expect(await withSql(h, (s) => s.prepare('SELECT count(*) FROM foyers WHERE caf_number = ?').pluck().get('4000006'))).toBe(0);

    // Journaled: the foyer's update (before → after) and the answer, with what was applied.
    const foyerJournal = await journal('foyer', after.foyer.id);
    const update = foyerJournal.at(-1)!;
    expect(update.action).toBe('update');
    expect(JSON.parse(update.before_json!)).toMatchObject({ address: { line1: before.foyer.address.line1 } });
    expect(JSON.parse(update.after_json!)).toMatchObject({ address: { line1: '8 rue Neuve' }, rsaDepuis: '2025-12-01' });
    const [resolution] = await journal('duplicate_resolution', line.rowId);
    expect(JSON.parse(resolution!.after_json!)).toMatchObject({ resolution: 'confirme', candidatePersonId: w.persons.feraud, applied: expect.stringContaining('8 rue Neuve') });
    // The line points at the dossier and keeps the values before.
    const row = await withSql(h, (s) => s.prepare('SELECT person_id, foyer_id, before_json FROM import_rows WHERE id = ?').get(line.rowId) as Record<string, unknown>);
    expect(row).toMatchObject({ person_id: w.persons.feraud, foyer_id: after.foyer.id });
    expect(JSON.parse(row.before_json as string)).toMatchObject({ foyer: { address: { line1: before.foyer.address.line1 } } });

    // The batch's undo no longer covers it: refused, with the line and the dossier, nothing changed.
    await expectNothingWritten(h, async () => {
      const refused = await h.err('imports.undo', { batchId: batch.id }, 'RULE', corr);
      expect(refused.message).toBe(
        `Cet import ne peut plus être annulé : la ligne 2 a été appliquée depuis au dossier n° ${w.persons.feraud} (« C’est la même personne »).`,
      );
    });
  });

  it('a France Travail line whose identifiant is another dossier’s is refused, nothing written', async () => {
    const { rowId } = await pendingFtLine(w.persons.fontaine, { ...FT_LINE, identifiant: '1234567A123' });
    await expectNothingWritten(h, async () => {
      const error = await h.err('duplicates.resolve', { rowId, resolution: 'confirme' }, 'RULE', corr);
      expect(error.message).toBe(
        `La ligne 2 ne peut pas être appliquée à ce dossier : l’identifiant France Travail 1234567A123 est déjà celui du dossier n° ${w.persons.durand2}.`,
      );
    });
  });

  it('a France Travail line records the identifiant, the event and the status on the person, journaled; its batch can no longer be undone', async () => {
    const { batchId, rowId } = await pendingFtLine(w.persons.fontaine, FT_LINE);
    const answer = await h.ok('duplicates.resolve', { rowId, resolution: 'confirme' }, corr);
    expect(answer.message).toBe(
      `Ligne 2 : c’est la même personne que LA FONTAINE Jean (dossier n° ${w.persons.fontaine}) ; aucun nouveau dossier n’est créé. ` +
        'Mis à jour : identifiant France Travail 4567890E456, radiation du 20/02/2026 (situation France Travail).',
    );
    const person = await withSql(h, (s) => s.prepare('SELECT pe_number, ft_status, ft_status_date FROM persons WHERE id = ?').get(w.persons.fontaine));
    expect(person).toEqual({ pe_number: '4567890E456', ft_status: 'radiation', ft_status_date: '2026-02-20' });
    const events = await withSql(h, (s) => s.prepare('SELECT event, date, code, motif, batch_id FROM ft_events WHERE person_id = ?').all(w.persons.fontaine));
    expect(events).toEqual([{ event: 'radiation', date: '2026-02-20', code: 'RAD3', motif: 'Insuffisance de recherche', batch_id: batchId }]);
    const personJournal = await journal('person', w.persons.fontaine);
    expect(JSON.parse(personJournal.at(-1)!.before_json!)).toEqual({ peNumber: null, ftStatus: null, ftStatusDate: null });
    expect(JSON.parse(personJournal.at(-1)!.after_json!)).toEqual({ peNumber: '4567890E456', ftStatus: 'radiation', ftStatusDate: '2026-02-20' });
    // The radiation is on the référent’s desk, as an imported one.
    const items = await h.ok('echeancier.list', { filter: { kinds: ['radiation_france_travail'] } }, w.staff.referentA.session);
    expect(items.items.map((i) => i.personId)).toContain(w.persons.fontaine);

    const refused = await h.err('imports.undo', { batchId }, 'RULE', corr);
    expect(refused.message).toContain(`la ligne 2 a été appliquée depuis au dossier n° ${w.persons.fontaine}`);
  });
});

describe('« Ce ne sont pas les mêmes personnes » for a pair of dossiers', () => {
  const pairIds = async (session: string) => (await h.ok('duplicates.list', {}, session)).dossiers.map((p) => [p.a.personId, p.b.personId]);

  it('is refused for another MDS, another role, an unknown dossier or the same one: nothing written', async () => {
    const { durand2, durand3 } = w.persons;
    expect(await pairIds(corr)).toContainEqual([durand2, durand3]);
    await expectNothingWritten(h, async () => {
      await h.err('duplicates.dismissPair', { personAId: durand2, personBId: durand3 }, 'FORBIDDEN', w.other.session);
      await h.err('duplicates.dismissPair', { personAId: durand2, personBId: durand3 }, 'FORBIDDEN', w.staff.referentA.session);
      await h.err('duplicates.dismissPair', { personAId: durand2, personBId: 999_999 }, 'NOT_FOUND', corr);
      await h.err('duplicates.dismissPair', { personAId: durand2, personBId: durand2 }, 'VALIDATION', corr);
    });
  });

  it('records the pair once (smaller id first), journaled; the list no longer offers it', async () => {
    const { durand2, durand3 } = w.persons;
    const answer = await h.ok('duplicates.dismissPair', { personAId: durand3, personBId: durand2 }, corr);
    expect(answer).toEqual({
      personAId: durand2,
      personBId: durand3,
      message: `Les dossiers n° ${durand2} (DURAND Claire) et n° ${durand3} (DURAND Claire) ne sont plus proposés comme doublons : ce ne sont pas les mêmes personnes.`,
    });
    expect(await pairIds(corr)).not.toContainEqual([durand2, durand3]);
    const stored = await withSql(h, (s) => s.prepare('SELECT id, person_a_id, person_b_id, user_id FROM identity_exclusions').all() as Record<string, number>[]);
    expect(stored).toEqual([{ id: expect.any(Number), person_a_id: durand2, person_b_id: durand3, user_id: w.staff.correspondant.id }]);
    const [entry] = await journal('identity_exclusion', stored[0]!.id!);
    expect(entry!.action).toBe('create');
    expect(JSON.parse(entry!.after_json!)).toMatchObject({ personAId: durand2, personBId: durand3 });

    // Answered again: said, nothing more written.
    await expectNothingWritten(h, async () => {
      const again = await h.ok('duplicates.dismissPair', { personAId: durand2, personBId: durand3 }, corr);
      expect(again.message).toContain('sont déjà notés comme deux personnes différentes');
    });
    // A third DURAND Claire still pairs with both.
    const input = dossierInput({ caf: '1000099', nom: 'DURAND', prenoms: 'Claire', referentId: w.staff.referentA.id });
    const third = await h.ok('dossiers.create', { ...input, person: { ...input.person, dateNaissance: '1988-11-03' } }, corr);
    const pairs = await pairIds(corr);
    expect(pairs).toContainEqual([durand2, third.person.id]);
    expect(pairs).toContainEqual([durand3, third.person.id]);
  });

  it('is refused for a merged dossier', async () => {
    const { durand3 } = w.persons;
    const others = (await h.ok('duplicates.list', {}, corr)).dossiers.filter((p) => p.a.personId === durand3 || p.b.personId === durand3);
    const other = others.map((p) => (p.a.personId === durand3 ? p.b.personId : p.a.personId)).find((id) => id !== w.persons.durand2)!;
    await h.ok('merge.apply', { keptPersonId: durand3, mergedPersonId: other, confirm: true }, corr);
    const error = await h.err('duplicates.dismissPair', { personAId: durand3, personBId: other }, 'NOT_FOUND', corr);
    expect(error.message).toContain(`fusionné dans le dossier n° ${durand3}`);
  });
});
