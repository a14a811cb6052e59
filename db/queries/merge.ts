/**
 * Duplicates and merges (issue 15): the identities of an MDS's dossiers (to find the pairs with the same identity),
 * the import lines waiting for an answer, the counts of a dossier's records, and the merge itself — every record of
 * the merged person moved to the kept one, in the caller's write transaction, nothing deleted.
 *
 * Raw SQL on the better-sqlite3 connection, like the RGPD queries: a merge touches a dozen tables the same way.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { emptyCounts, type RecordCounts } from '../../shared/api/merge';
import { withFrozenRecordsWritable } from './rgpd';

type Sqlite = BetterSqlite3.Database;

/** The tables whose rows belong to a person by `person_id` (each row has an `id`), per kind of record. */
export const PERSON_TABLES = {
  dsp: 'dsp_revisions',
  ede: 'ede_assessments',
  preconisations: 'orientation_preconisations',
  orientations: 'orientations',
  contracts: 'contracts',
  fiches: 'fiches_liaison',
  attachments: 'attachments',
  saisines: 'ep_saisines',
  sanctions: 'ep_sanctions',
  appointments: 'appointments',
  documents: 'documents',
  ftEvents: 'ft_events',
} as const satisfies Record<Exclude<keyof RecordCounts, 'incomes'>, string>;
type TableKey = keyof typeof PERSON_TABLES;
const TABLE_KEYS = Object.keys(PERSON_TABLES) as TableKey[];

const IN = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/** The records of each person, counted (one grouped query per table). */
export function recordCounts(sqlite: Sqlite, personIds: readonly number[]): Map<number, RecordCounts> {
  const out = new Map(personIds.map((id) => [id, emptyCounts()]));
  if (personIds.length === 0) return out;
  const ids = JSON.stringify(personIds);
  const tables: [keyof RecordCounts, string][] = [...TABLE_KEYS.map((k) => [k, PERSON_TABLES[k]] as [TableKey, string]), ['incomes', 'person_incomes']];
  for (const [key, table] of tables) {
    const rows = sqlite.prepare(`SELECT person_id AS id, count(*) AS n FROM ${table} WHERE ${IN('person_id')} GROUP BY person_id`).all(ids) as { id: number; n: number }[];
    for (const r of rows) out.get(r.id)![key] = r.n;
  }
  return out;
}

export interface DossierIdentityRow {
  personId: number;
  nomPatronymique: string;
  nomUsage: string | null;
  prenoms: string;
  sexe: string;
  dateNaissance: string;
  peNumber: string | null;
  cafNumber: string;
  rsaDepuis: string | null;
  city: string;
  mdsId: number;
  referentName: string | null;
  createdAt: string;
  mergedIntoId: number | null;
  purgedAt: string | null;
}

const IDENTITY_SQL = `
SELECT p.id AS personId, p.nom_patronymique AS nomPatronymique, p.nom_usage AS nomUsage, p.prenoms AS prenoms, p.sexe AS sexe,
  p.date_naissance AS dateNaissance, p.pe_number AS peNumber, f.caf_number AS cafNumber, f.rsa_depuis AS rsaDepuis, f.city AS city,
  f.mds_id AS mdsId, r.display_name AS referentName, p.created_at AS createdAt, p.merged_into_id AS mergedIntoId, p.purged_at AS purgedAt
FROM persons p JOIN foyers f ON f.id = p.foyer_id LEFT JOIN users r ON r.id = p.referent_id`;

/** The identities of the given persons (any MDS: the caller checks). */
export function dossierIdentities(sqlite: Sqlite, personIds: readonly number[]): DossierIdentityRow[] {
  if (personIds.length === 0) return [];
  return sqlite.prepare(`${IDENTITY_SQL} WHERE ${IN('p.id')} ORDER BY p.id`).all(JSON.stringify(personIds)) as DossierIdentityRow[];
}

/** The names and birth dates of an MDS's live dossiers (neither merged nor anonymised), for the duplicate pass. */
export function liveIdentitiesOfMds(
  sqlite: Sqlite,
  mdsId: number,
): { personId: number; nomPatronymique: string; nomUsage: string | null; prenoms: string; dateNaissance: string }[] {
  return sqlite
    .prepare(
      `SELECT p.id AS personId, p.nom_patronymique AS nomPatronymique, p.nom_usage AS nomUsage, p.prenoms AS prenoms, p.date_naissance AS dateNaissance
       FROM persons p JOIN foyers f ON f.id = p.foyer_id
       WHERE f.mds_id = ? AND p.merged_into_id IS NULL AND p.purged_at IS NULL ORDER BY p.id`,
    )
    .all(mdsId) as { personId: number; nomPatronymique: string; nomUsage: string | null; prenoms: string; dateNaissance: string }[];
}

export interface PendingImportRow {
  rowId: number;
  batchId: number;
  line: number;
  kind: string;
  fileName: string;
  importedAt: string;
  reason: string | null;
  dataJson: string;
  candidatePersonId: number;
}

const PENDING_SQL = `
SELECT r.id AS rowId, r.batch_id AS batchId, r.line AS line, b.kind AS kind, b.file_name AS fileName,
  coalesce(b.applied_at, b.created_at) AS importedAt, r.reason AS reason, r.data_json AS dataJson, r.candidate_person_id AS candidatePersonId
FROM import_rows r JOIN import_batches b ON b.id = r.batch_id
WHERE b.mds_id = ? AND b.status = 'termine' AND r.verdict = 'doublon_possible' AND r.resolution IS NULL AND r.candidate_person_id IS NOT NULL`;

/** The lines of the MDS's applied batches that may be an existing dossier, not yet answered (oldest batch first). */
export function pendingImportDuplicates(sqlite: Sqlite, mdsId: number): PendingImportRow[] {
  return sqlite.prepare(`${PENDING_SQL} ORDER BY b.id, r.line`).all(mdsId) as PendingImportRow[];
}

/** One of them, to answer it (undefined: not a waiting line of this MDS). */
export function pendingImportDuplicate(sqlite: Sqlite, mdsId: number, rowId: number): PendingImportRow | undefined {
  return sqlite.prepare(`${PENDING_SQL} AND r.id = ?`).get(mdsId, rowId) as PendingImportRow | undefined;
}

export function setImportRowResolution(sqlite: Sqlite, rowId: number, resolution: 'confirme' | 'refuse'): void {
  sqlite.prepare('UPDATE import_rows SET resolution = ? WHERE id = ? AND resolution IS NULL').run(resolution, rowId);
}

// ---------------------------------------------------------------------------------------------------------------
// What forbids a merge
// ---------------------------------------------------------------------------------------------------------------

export interface MergeFacts {
  /** Orientations without an end date (one per person at most). */
  openOrientations: { personId: number; orientation: string; startDate: string }[];
  contracts: { personId: number; id: number; type: string; status: string; start: string; end: string; endedOn: string | null }[];
}

export function mergeFacts(sqlite: Sqlite, personIds: readonly number[]): MergeFacts {
  const ids = JSON.stringify(personIds);
  return {
    openOrientations: sqlite
      .prepare(`SELECT person_id AS personId, orientation, start_date AS startDate FROM orientations WHERE end_date IS NULL AND ${IN('person_id')}`)
      .all(ids) as MergeFacts['openOrientations'],
    contracts: sqlite
      .prepare(`SELECT person_id AS personId, id, type, status, start, "end", ended_on AS endedOn FROM contracts WHERE ${IN('person_id')} ORDER BY start, id`)
      .all(ids) as MergeFacts['contracts'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The merge
// ---------------------------------------------------------------------------------------------------------------

export interface MergeMoves {
  /** Record ids moved, per kind of record. */
  moved: Record<TableKey, number[]>;
  /** DSP revisions renumbered into one history: id → [previous person, previous number, new number]. */
  dspNumbers: Record<number, [number, number, number]>;
  /** The person's declared incomes: moved (the kept dossier had none) or left with the merged dossier. */
  incomes: 'moved' | 'left' | 'none';
  /** Import lines waiting for an answer, now asking about the kept dossier. */
  pendingImportRows: number[];
  /** What the kept dossier took from the merged one: its France Travail identifier and latest registration status. */
  kept: { peNumber?: string; ftStatus?: { status: string; date: string } };
}

const ids = (sqlite: Sqlite, query: string, ...params: unknown[]): number[] => sqlite.prepare(query).pluck().all(...params) as number[];

/**
 * Moves every record of `mergedId` to `keptId` and marks the merged dossier (merged_into_id, out of the search index);
 * the échéancier of both is marked for recomputation. Call inside a write transaction, after checking the rules
 * (an open orientation on both sides would break the one-open-orientation index). Nothing is deleted.
 */
export function mergePersons(sqlite: Sqlite, keptId: number, mergedId: number, at: string): MergeMoves {
  return withFrozenRecordsWritable(sqlite, () => {
    const moved = Object.fromEntries(TABLE_KEYS.map((k) => [k, [] as number[]])) as Record<TableKey, number[]>;

    // DSP revisions: one history numbered 1, 2, 3… in the order they were written (numbers are unique per person).
    const revisions = sqlite
      .prepare(
        `SELECT id, person_id AS personId, number FROM dsp_revisions WHERE person_id IN (?, ?)
         ORDER BY created_at, CASE person_id WHEN ? THEN 0 ELSE 1 END, number`,
      )
      .all(keptId, mergedId, keptId) as { id: number; personId: number; number: number }[];
    const dspNumbers: MergeMoves['dspNumbers'] = {};
    const park = sqlite.prepare('UPDATE dsp_revisions SET person_id = ?, number = ? WHERE id = ?');
    revisions.forEach((r) => park.run(keptId, 1_000_000 + r.number + (r.personId === keptId ? 0 : 500_000), r.id));
    revisions.forEach((r, i) => {
      park.run(keptId, i + 1, r.id);
      if (r.personId === mergedId) moved.dsp.push(r.id);
      if (r.personId === mergedId || r.number !== i + 1) dspNumbers[r.id] = [r.personId, r.number, i + 1];
    });

    for (const key of TABLE_KEYS) {
      if (key === 'dsp') continue;
      const table = PERSON_TABLES[key];
      moved[key] = ids(sqlite, `SELECT id FROM ${table} WHERE person_id = ? ORDER BY id`, mergedId);
      sqlite.prepare(`UPDATE ${table} SET person_id = ? WHERE person_id = ?`).run(keptId, mergedId);
    }

    const hasIncome = (id: number) => sqlite.prepare('SELECT count(*) FROM person_incomes WHERE person_id = ?').pluck().get(id) === 1;
    let incomes: MergeMoves['incomes'] = 'none';
    if (hasIncome(mergedId)) {
      incomes = hasIncome(keptId) ? 'left' : 'moved';
      if (incomes === 'moved') sqlite.prepare('UPDATE person_incomes SET person_id = ? WHERE person_id = ?').run(keptId, mergedId);
    }

    const pendingImportRows = ids(sqlite, 'SELECT id FROM import_rows WHERE candidate_person_id = ? AND resolution IS NULL ORDER BY id', mergedId);
    sqlite.prepare('UPDATE import_rows SET candidate_person_id = ? WHERE candidate_person_id = ? AND resolution IS NULL').run(keptId, mergedId);

    const person = (id: number) =>
      sqlite.prepare('SELECT pe_number AS peNumber, ft_status AS ftStatus, ft_status_date AS ftStatusDate FROM persons WHERE id = ?').get(id) as {
        peNumber: string | null;
        ftStatus: string | null;
        ftStatusDate: string | null;
      };
    const k = person(keptId);
    const m = person(mergedId);
    const kept: MergeMoves['kept'] = {};
    if (!k.peNumber && m.peNumber) kept.peNumber = m.peNumber;
    if (m.ftStatus && m.ftStatusDate && (!k.ftStatusDate || m.ftStatusDate > k.ftStatusDate)) kept.ftStatus = { status: m.ftStatus, date: m.ftStatusDate };
    sqlite
      .prepare(
        `UPDATE persons SET pe_number = coalesce(pe_number, @pe), ft_status = coalesce(@ftStatus, ft_status), ft_status_date = coalesce(@ftDate, ft_status_date),
           version = version + 1, updated_at = @at WHERE id = @id`,
      )
      .run({ pe: kept.peNumber ?? null, ftStatus: kept.ftStatus?.status ?? null, ftDate: kept.ftStatus?.date ?? null, at, id: keptId });
    sqlite.prepare('UPDATE persons SET merged_into_id = ?, version = version + 1, updated_at = ? WHERE id = ?').run(keptId, at, mergedId);

    // Out of the search (the index follows the persons rows by triggers; a merged dossier is no longer written).
    sqlite.prepare('DELETE FROM person_search WHERE rowid = ?').run(mergedId);
    sqlite.prepare('DELETE FROM person_search_key WHERE person_id = ?').run(mergedId);
    sqlite.prepare('INSERT OR IGNORE INTO due_dirty (person_id) VALUES (?), (?)').run(keptId, mergedId);
    return { moved, dspNumbers, incomes, pendingImportRows, kept };
  });
}

export function insertPersonMerge(sqlite: Sqlite, values: { keptId: number; mergedId: number; moves: MergeMoves; userId: number; at: string }): number {
  const result = sqlite
    .prepare('INSERT INTO person_merges (kept_person_id, merged_person_id, moved_json, user_id, at) VALUES (?, ?, ?, ?, ?)')
    .run(values.keptId, values.mergedId, JSON.stringify(values.moves), values.userId, values.at);
  return Number(result.lastInsertRowid);
}
