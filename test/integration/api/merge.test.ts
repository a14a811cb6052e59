/**
 * Duplicates and merges through the API (issue 15 §1): the pairs of dossiers found across accents, hyphens, case and
 * particles; the import lines waiting for an answer; a merge that moves every kind of record and keeps the counts; a
 * refused merge that writes nothing; the merged dossier read-only and out of the search, the échéancier and the work
 * lists; access per role and per MDS.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERSON_TABLES } from '../../../db/queries/merge';
import { expectNothingWritten } from './contracts-fixtures';
import { settleDueItems } from './desk-fixtures';
import { epWorld, moveToOtherTerritory, withSql, type EpWorld } from './ep-fixtures';
import { dossierInput, startHarness, type Harness } from './harness';

let h: Harness;
let w: EpWorld;
beforeEach(async () => {
  h = await startHarness();
  w = await epWorld(h);
}, 60_000);
afterEach(async () => {
  await h.dispose();
});

const corr = () => w.staff.correspondant.session;

/** A line of a CAF list as the import stores it (field key → text as read). */
const CAF_LINE = {
  nom: 'Feraud Lecuyer',
  prenoms: 'Helene',
  dateNaissance: '03/11/1988',
  sexe: 'F',
  adresse: '4 rue des Lilas',
  codePostal: '62000',
  commune: 'Arras',
  situationFamiliale: 'Célibataire',
  enfants: '0',
  rsaDepuis: '01/02/2026',
};

/** A dossier of référent A, with this identity. */
async function dossier(nom: string, prenoms: string, dateNaissance = '1988-11-03', nomUsage?: string) {
  const input = dossierInput({ nom, prenoms, referentId: w.staff.referentA.id, correspondantId: w.staff.correspondant.id });
  input.person.dateNaissance = dateNaissance;
  if (nomUsage) input.person.nomUsage = nomUsage;
  const d = await h.ok('dossiers.create', input, corr());
  return d.person.id;
}

const pairIds = (list: { a: { personId: number }; b: { personId: number } }[]) => list.map((p) => [p.a.personId, p.b.personId]);

/** Rows of every table of a person's records, per person. */
function countsOf(sqlite: Database.Database, personId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of [...Object.values(PERSON_TABLES), 'person_incomes']) {
    out[table] = sqlite.prepare(`SELECT count(*) FROM ${table} WHERE person_id = ?`).pluck().get(personId) as number;
  }
  return out;
}

/** Gives a dossier one record of every kind the orientation/fiches/EP fixtures did not give it (raw SQL, as each capability stores them). */
function seedEveryKind(sqlite: Database.Database, personId: number, by: number, options: { dspDates: string[]; contractStatus?: string }) {
  const run = (query: string, ...params: unknown[]) => Number(sqlite.prepare(query).run(...params).lastInsertRowid);
  const dspBase = (sqlite.prepare('SELECT coalesce(max(number), 0) FROM dsp_revisions WHERE person_id = ?').pluck().get(personId) as number) + 1;
  options.dspDates.forEach((at, i) =>
    run(`INSERT INTO dsp_revisions (person_id, number, content_json, referential_version, created_at, created_by) VALUES (?, ?, '{}', 1, ?, ?)`, personId, dspBase + i, at, by),
  );
  run(
    `INSERT INTO ede_assessments (person_id, date, grid_version, answers_json, total, proposal, score_json, created_by) VALUES (?, '2026-01-02', 1, '{}', 40, 'solidarite', '{}', ?)`,
    personId,
    by,
  );
  run(
    `INSERT INTO orientation_preconisations (person_id, date, team, preconisation, recorded_by, recorded_by_name) VALUES (?, '2026-01-03', 'EO Arrageois', 'solidarite', ?, 'Cora')`,
    personId,
    by,
  );
  run(
    `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, "end", pap_version, content, suivi_emploi, etat_civil, referent_identity, referentials, created_by_id)
     VALUES (?, 'CERS', ?, '2026-01-05', 'solidarite', '2026-01-15', 6, '2026-07-14', 1, '{}', '[]', '{}', '{}', '{}', ?)`,
    personId,
    options.contractStatus ?? 'en_cours',
    by,
  );
  run(
    `INSERT INTO appointments (person_id, referent_user_id, date, time, place, object, with_convocation, created_by_id) VALUES (?, ?, '2026-03-20', '10:00', 'MDS d’Arras', 'Point d’étape', 0, ?)`,
    personId,
    by,
    by,
  );
  run(
    `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, mime, copies, page_count, sha256, size, pdf, is_final, created_by, created_by_name)
     VALUES ('dsp', ?, 'dsp_revision', 1, 1, ?, 'DSP', 'dsp.pdf', 'application/pdf', 1, 1, 'x', 4, x'25504446', 0, ?, 'Cora')`,
    personId,
    `hash-${personId}`,
    by,
  );
  run(`INSERT INTO ft_events (person_id, event, date, code, motif) VALUES (?, 'inscription', '2026-01-10', 'A', 'Inscription')`, personId);
  run(`INSERT INTO person_incomes (person_id, has_professional_activity, monthly_income_cents, updated_at, updated_by) VALUES (?, 0, 0, '2026-01-01T00:00:00.000Z', ?)`, personId, by);
  // A sanction belongs to an EP decision; its decision is not what this test is about (foreign keys off for this row).
  sqlite.pragma('foreign_keys = OFF');
  run(
    `INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, 'reduction', '2026-02-01', 0, 0, '{}', 1)`,
    900_000 + personId,
    personId,
  );
  sqlite.pragma('foreign_keys = ON');
  sqlite.prepare(`UPDATE persons SET pe_number = '1234567A123', ft_status = 'inscription', ft_status_date = '2026-01-10' WHERE id = ?`).run(personId);
}

describe('duplicates.list: pairs of dossiers with the same identity', () => {
  it('pairs « FÉRAUD-LÉCUYER » and « Feraud Lecuyer », « de la Fontaine » and « LA FONTAINE », a usage name and a birth name; not another birth date', async () => {
    const a = await dossier('FÉRAUD-LÉCUYER', 'Hélène Marie');
    const b = await dossier('Feraud Lecuyer', 'HELENE');
    const c = await dossier('Feraud Lecuyer', 'Hélène', '1988-11-04');
    const d = await dossier('de la Fontaine', 'Jean', '1970-01-01');
    const e = await dossier('LA FONTAINE', 'jean', '1970-01-01');
    const f = await dossier('LEFÈVRE', 'Inès', '1990-05-05', 'DUPRÉ');
    const g = await dossier('Dupre', 'Ines', '1990-05-05');
    const list = await h.ok('duplicates.list', {}, corr());
    const pairs = pairIds(list.dossiers);
    expect(pairs).toContainEqual([a, b]);
    expect(pairs).toContainEqual([d, e]);
    expect(pairs).toContainEqual([f, g]);
    expect(pairs.flat()).not.toContain(c);
    const ab = list.dossiers.find((p) => p.a.personId === a)!;
    expect(ab.a.name).toBe('FÉRAUD-LÉCUYER Hélène Marie');
    expect(ab.b.name).toBe('FERAUD LECUYER HELENE');
    expect(ab.a.counts.dsp).toBe(0);
    expect(list.truncated).toBe(false);
  });

  it('lists the import lines waiting for an answer, and takes the answer once', async () => {
    const candidate = await dossier('FÉRAUD-LÉCUYER', 'Hélène');
    const { pending, other } = await withSql(h, (s) => {
      const mdsId = s.prepare('SELECT mds_id FROM users WHERE id = ?').pluck().get(w.staff.correspondant.id) as number;
      const batch = (status: string) =>
        Number(
          s
            .prepare(
              `INSERT INTO import_batches (kind, source, file_name, file_sha256, status, counts_json, mds_id, user_id, applied_at)
               VALUES ('caf_nouveaux', 'CAF', 'caf.csv', ?, ?, '{}', ?, ?, '2026-03-01T10:00:00.000Z')`,
            )
            .run(`sha-${status}`, status, mdsId, w.staff.correspondant.id).lastInsertRowid,
        );
      const line = (batchId: number, n: number) =>
        Number(
          s
            .prepare(`INSERT INTO import_rows (batch_id, line, verdict, reason, data_json, candidate_person_id) VALUES (?, ?, 'doublon_possible', 'Même nom et date de naissance', ?, ?)`)
            .run(batchId, n, JSON.stringify({ ...CAF_LINE, numeroAllocataire: String(7654320 + n) }), candidate)
            .lastInsertRowid,
        );
      s.prepare(`INSERT INTO mds_communes (mds_id, insee_code, postal_code, name) VALUES (?, '62041', '62000', 'Arras')`).run(mdsId);
      const applied = batch('termine');
      return { pending: [line(applied, 2), line(applied, 3)], other: line(batch('apercu'), 2) };
    });
    const list = await h.ok('duplicates.list', {}, corr());
    expect(list.imports.map((r) => r.rowId)).toEqual(pending);
    const first = list.imports[0]!;
    expect(first.lineIdentity).toEqual({ nom: 'Feraud Lecuyer', prenoms: 'Helene', dateNaissance: '03/11/1988', cafNumber: '7654322', peNumber: null, commune: 'Arras' });
    expect(first.candidate.personId).toBe(candidate);
    expect(first.kindLabel).toBe('Nouveaux bénéficiaires (liste CAF)');

    // « Not the same person »: the line's dossier is created, as the import creates a new line's.
    const refused = await h.ok('duplicates.resolve', { rowId: pending[0]!, resolution: 'refuse' }, corr());
    expect(refused.resolution).toBe('refuse');
    expect(refused.personId).not.toBeNull();
    expect(refused.message).toBe(`Ligne 2 : ce n’est pas la même personne que FÉRAUD-LÉCUYER Hélène (dossier n° ${candidate}). Le dossier n° ${refused.personId} est créé.`);
    const created = await h.ok('dossiers.get', { personId: refused.personId! }, corr());
    expect(created.foyer.cafNumber).toBe('7654322');
    expect(created.person.nomPatronymique.toUpperCase()).toBe('FERAUD LECUYER');
    const confirmed = await h.ok('duplicates.resolve', { rowId: pending[1]!, resolution: 'confirme' }, corr());
    expect(confirmed).toMatchObject({ resolution: 'confirme', personId: candidate });
    expect(await withSql(h, (s) => s.prepare('SELECT count(*) FROM foyers WHERE caf_number = ?').pluck().get('7654323'))).toBe(0);
    await h.err('duplicates.resolve', { rowId: pending[0]!, resolution: 'confirme' }, 'NOT_FOUND', corr());
    await h.err('duplicates.resolve', { rowId: other, resolution: 'confirme' }, 'NOT_FOUND', corr());
    expect((await h.ok('duplicates.list', {}, corr())).imports).toEqual([]);
    const stored = await withSql(h, (s) => s.prepare('SELECT resolution FROM import_rows WHERE id IN (?, ?) ORDER BY id').pluck().all(...pending));
    expect(stored).toEqual(['refuse', 'confirme']);
    const journal = await withSql(h, (s) => s.prepare(`SELECT count(*) FROM audit_log WHERE entity = 'duplicate_resolution'`).pluck().get());
    expect(journal).toBe(2);
  });
});

describe('merge.apply: every record moves, nothing is deleted', () => {
  it('moves every kind of record of the merged dossier to the kept one, keeps the counts, and records what moved', async () => {
    const merged = w.susp.person.id; // orientation in force, a sent fiche with two attachments, an EP saisine
    const kept = await dossier('Fontaine', 'MARC');
    const by = w.staff.correspondant.id;
    await withSql(h, (s) => {
      seedEveryKind(s, merged, by, { dspDates: ['2026-01-01T09:00:00.000Z', '2026-02-15T09:00:00.000Z'] });
      s.prepare(
        `INSERT INTO dsp_revisions (person_id, number, content_json, referential_version, created_at, created_by) VALUES (?, 1, '{"kept":true}', 1, '2026-02-01T09:00:00.000Z', ?)`,
      ).run(kept, by);
    });
    const before = await withSql(h, (s) => ({ merged: countsOf(s, merged), kept: countsOf(s, kept) }));
    for (const [table, n] of Object.entries(before.merged)) expect(n, `${table} du dossier fusionné`).toBeGreaterThan(0);

    const preview = await h.ok('merge.preview', { keptPersonId: kept, mergedPersonId: merged }, corr());
    expect(preview.refusals).toEqual([]);
    expect(preview.moves.dsp).toBe(2);
    expect(preview.moves.attachments).toBe(2);
    expect(preview.moves.incomes).toBe(1);

    const result = await h.ok('merge.apply', { keptPersonId: kept, mergedPersonId: merged, confirm: true }, corr());
    expect(result.moved).toEqual(preview.moves);
    const after = await withSql(h, (s) => ({ merged: countsOf(s, merged), kept: countsOf(s, kept) }));
    for (const table of Object.keys(before.merged)) {
      expect(after.merged[table], table).toBe(0);
      expect(after.kept[table], table).toBe(before.kept[table]! + before.merged[table]!);
    }
    const facts = await withSql(h, (s) => ({
      person: s.prepare('SELECT merged_into_id, nom_patronymique, prenoms FROM persons WHERE id = ?').get(merged),
      keptPerson: s.prepare('SELECT pe_number, ft_status FROM persons WHERE id = ?').get(kept),
      dsp: s.prepare('SELECT number, content_json FROM dsp_revisions WHERE person_id = ? ORDER BY number').all(kept),
      mergeRow: s.prepare('SELECT kept_person_id, merged_person_id, moved_json, user_id FROM person_merges').all(),
      journal: s.prepare(`SELECT entity, entity_id FROM audit_log WHERE entity IN ('person_merge', 'person') AND action = 'update' OR entity = 'person_merge' ORDER BY id`).all(),
      searchRows: s.prepare('SELECT count(*) FROM person_search_key WHERE person_id = ?').pluck().get(merged),
    }));
    // The merged dossier keeps its identity and points to the kept one.
    expect(facts.person).toEqual({ merged_into_id: kept, nom_patronymique: 'FONTAINE', prenoms: 'Marc' });
    expect(facts.keptPerson).toEqual({ pe_number: '1234567A123', ft_status: 'inscription' });
    // One DSP history, in the order the revisions were written.
    expect(facts.dsp.map((r) => (r as { content_json: string }).content_json)).toEqual(['{}', '{"kept":true}', '{}']);
    expect(facts.dsp.map((r) => (r as { number: number }).number)).toEqual([1, 2, 3]);
    const mergeRow = facts.mergeRow as { kept_person_id: number; merged_person_id: number; moved_json: string; user_id: number }[];
    expect(mergeRow).toHaveLength(1);
    expect(mergeRow[0]).toMatchObject({ kept_person_id: kept, merged_person_id: merged, user_id: by });
    const moved = JSON.parse(mergeRow[0]!.moved_json) as { moved: Record<string, number[]>; incomes: string };
    expect(moved.moved.attachments).toHaveLength(2);
    expect(moved.moved.saisines).toHaveLength(1);
    expect(moved.incomes).toBe('moved');
    expect(facts.journal).toEqual(
      expect.arrayContaining([
        { entity: 'person_merge', entity_id: String(merged) },
        { entity: 'person', entity_id: String(merged) },
        { entity: 'person', entity_id: String(kept) },
      ]),
    );
    expect(facts.searchRows).toBe(0);
  });

  it('makes the merged dossier read-only, out of the search, the échéancier and the work lists; still readable', async () => {
    const merged = await dossier('FÉRAUD-LÉCUYER', 'Hélène');
    const kept = await dossier('Feraud Lecuyer', 'Helene');
    await h.ok('merge.apply', { keptPersonId: kept, mergedPersonId: merged, confirm: true }, corr());

    const read = await h.ok('dossiers.get', { personId: merged }, corr());
    expect(read.person.nomPatronymique).toBe('FÉRAUD-LÉCUYER');
    const refused = await h.err(
      'dossiers.update',
      { personId: merged, version: read.version, foyer: dossierInput().foyer, person: { ...dossierInput().person, nomPatronymique: 'AUTRE' } } as never,
      'RULE',
      corr(),
    );
    expect(refused.message).toBe(`Ce dossier a été fusionné dans le dossier n° ${kept} : il se consulte mais ne se modifie plus.`);
    await h.err('appointments.plan', { personId: merged, date: '2026-03-20', time: '10:00', place: 'MDS', object: 'Point', withConvocation: false }, 'RULE', corr());
    await h.ok('appointments.plan', { personId: kept, date: '2026-03-20', time: '10:00', place: 'MDS', object: 'Point', withConvocation: false }, corr());

    const hits = await h.ok('dossiers.search', { query: 'Lecuyer', limit: 20 }, corr());
    expect(hits.map((x) => x.personId)).toEqual([kept]);
    await settleDueItems(h);
    const items = await withSql(h, (s) => s.prepare('SELECT count(*) FROM due_items WHERE person_id = ?').pluck().get(merged));
    expect(items).toBe(0);
    const worklist = await h.ok('worklists.list', { list: 'dsp_manquante', limit: 100 } as never, corr());
    expect(JSON.stringify(worklist)).not.toContain(`"personId":${merged},`);
    expect(pairIds((await h.ok('duplicates.list', {}, corr())).dossiers).flat()).not.toContain(merged);
    // A merged dossier is merged once.
    const again = await h.err('merge.apply', { keptPersonId: kept, mergedPersonId: merged, confirm: true }, 'RULE', corr());
    expect(again.message).toContain('a déjà été fusionné');
  });

  it('refuses a merge that would give a person two orientations in force or two contracts in progress, and writes nothing', async () => {
    const kept = w.reo.person.id; // orientation in force
    const merged = w.susp.person.id; // orientation in force
    const preview = await h.ok('merge.preview', { keptPersonId: kept, mergedPersonId: merged }, corr());
    expect(preview.refusals).toHaveLength(1);
    expect(preview.refusals[0]).toBe(
      `Les deux dossiers ont chacun une orientation en cours (orientation solidarité depuis le 05/01/2026, dossier n° ${kept} ; orientation solidarité depuis le 05/01/2026, dossier n° ${merged}) : une personne n’a qu’une orientation en cours. Mettez fin à l’une d’elles avant de fusionner.`,
    );
    await expectNothingWritten(h, async () => {
      const error = await h.err('merge.apply', { keptPersonId: kept, mergedPersonId: merged, confirm: true }, 'RULE', corr());
      expect(error.message).toBe(preview.refusals[0]);
    });

    const a = await dossier('GIRAUD', 'Lou');
    const b = await dossier('Giraud', 'Lou');
    await withSql(h, (s) => {
      for (const id of [a, b]) seedEveryKind(s, id, w.staff.correspondant.id, { dspDates: [], contractStatus: id === a ? 'brouillon' : 'en_cours' });
    });
    const contracts = await h.ok('merge.preview', { keptPersonId: a, mergedPersonId: b }, corr());
    expect(contracts.refusals).toEqual([expect.stringMatching(/^Les deux dossiers ont chacun un contrat en cours \(CERS du 15\/01\/2026 au 14\/07\/2026, brouillon/u)]);
    await expectNothingWritten(h, () => h.err('merge.apply', { keptPersonId: a, mergedPersonId: b, confirm: true }, 'RULE', corr()));
  });
});

describe('access', () => {
  it('is the correspondants’ and administrators’, on the dossiers of their MDS only', async () => {
    const a = await dossier('FÉRAUD-LÉCUYER', 'Hélène');
    const b = await dossier('Feraud Lecuyer', 'Helene');
    for (const session of [w.staff.referentA.session, w.staff.secretaire.session]) {
      await h.err('duplicates.list', {}, 'FORBIDDEN', session);
      await h.err('duplicates.resolve', { rowId: 1, resolution: 'refuse' }, 'FORBIDDEN', session);
      await h.err('merge.preview', { keptPersonId: a, mergedPersonId: b }, 'FORBIDDEN', session);
      await h.err('merge.apply', { keptPersonId: a, mergedPersonId: b, confirm: true }, 'FORBIDDEN', session);
    }
    expect(pairIds((await h.ok('duplicates.list', {}, w.staff.admin.session)).dossiers)).toContainEqual([a, b]);

    const password = 'oscar-mot-de-passe';
    const oscar = await h.ok('users.create', { login: 'oscar', displayName: 'Oscar Ailleurs', role: 'correspondant', structure: 'MDS de l’Audomarois', password }, w.staff.admin.session);
    await moveToOtherTerritory(h, oscar.id);
    const { session } = await h.ok('auth.login', { login: 'oscar', password });
    expect(await h.ok('duplicates.list', {}, session)).toEqual({ imports: [], dossiers: [], truncated: false });
    await h.err('merge.preview', { keptPersonId: a, mergedPersonId: b }, 'FORBIDDEN', session);
    await expectNothingWritten(h, () => h.err('merge.apply', { keptPersonId: a, mergedPersonId: b, confirm: true }, 'FORBIDDEN', session));
    await h.err('merge.apply', { keptPersonId: a, mergedPersonId: a, confirm: true }, 'VALIDATION', corr());
  });
});
