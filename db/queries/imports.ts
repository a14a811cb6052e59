/**
 * Imports (issue 15 §1): batches, their rows, the saved column mappings, the communes of each MDS. The hot paths
 * of a batch (one statement per line, 50,000 lines) use prepared statements on the SQLite connection; the rest
 * drizzle.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Sqlite } from '../open';
import { importBatches, importMappings, mdsCommunes, users, type ImportBatchRow } from '../schema';
import type { DbOrTx } from './types';

export type ImportKindValue = ImportBatchRow['kind'];

export interface ImportBatchListed extends ImportBatchRow {
  userName: string;
  undoneByName: string | null;
}

const undoneBy = sql<string | null>`(SELECT display_name FROM users u2 WHERE u2.id = ${importBatches.undoneById})`;

export function findImportBatch(db: DbOrTx, id: number): ImportBatchListed | undefined {
  return db
    .select({ batch: importBatches, userName: users.displayName, undoneByName: undoneBy })
    .from(importBatches)
    .innerJoin(users, eq(users.id, importBatches.userId))
    .where(eq(importBatches.id, id))
    .all()
    .map((r) => ({ ...r.batch, userName: r.userName, undoneByName: r.undoneByName }))[0];
}

export function listImportBatches(db: DbOrTx, mdsId: number, kind: ImportKindValue | undefined, limit: number): ImportBatchListed[] {
  return db
    .select({ batch: importBatches, userName: users.displayName, undoneByName: undoneBy })
    .from(importBatches)
    .innerJoin(users, eq(users.id, importBatches.userId))
    .where(and(eq(importBatches.mdsId, mdsId), kind ? eq(importBatches.kind, kind) : undefined))
    .orderBy(desc(importBatches.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.batch, userName: r.userName, undoneByName: r.undoneByName }));
}

/** The applied (not undone) batch of the same kind and file content in this MDS, if any. */
export function findAppliedSameFile(db: DbOrTx, mdsId: number, kind: ImportKindValue, sha256: string): ImportBatchRow | undefined {
  return db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.mdsId, mdsId), eq(importBatches.kind, kind), eq(importBatches.fileSha256, sha256), eq(importBatches.status, 'termine')))
    .orderBy(desc(importBatches.id))
    .get();
}

export function insertImportBatch(
  db: DbOrTx,
  values: { kind: ImportKindValue; source: string; fileName: string; fileSha256: string; countsJson: string; mdsId: number; userId: number; createdAt: string },
): number {
  return db
    .insert(importBatches)
    .values({ ...values, status: 'apercu' })
    .returning({ id: importBatches.id })
    .get().id;
}

export function updateImportBatch(db: DbOrTx, id: number, values: Partial<Pick<ImportBatchRow, 'status' | 'countsJson' | 'appliedAt' | 'undoneAt' | 'undoneById'>>): void {
  db.update(importBatches).set(values).where(eq(importBatches.id, id)).run();
}

// Rows ----------------------------------------------------------------------------------------------------------

export interface ImportRowRecord {
  id: number;
  line: number;
  verdict: 'nouveau' | 'mise_a_jour' | 'doublon_possible' | 'rejete' | 'inchange';
  reason: string | null;
  data_json: string;
  person_id: number | null;
  foyer_id: number | null;
  candidate_person_id: number | null;
  resolution: 'confirme' | 'refuse' | null;
  before_json: string | null;
}

const ROW_COLUMNS = 'id, line, verdict, reason, data_json, person_id, foyer_id, candidate_person_id, resolution, before_json';

/** The prepared statements of a batch's rows. */
export interface ImportRowStatements {
  insert: Statement;
  applied: Statement;
  after: Statement;
}

export function importRowStatements(sqlite: Sqlite): ImportRowStatements {
  return {
    insert: sqlite.prepare(
      'INSERT INTO import_rows (batch_id, line, verdict, reason, data_json, candidate_person_id) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    /** After applying a line: its verdict (it may have changed since the preview), what it wrote, and before. */
    applied: sqlite.prepare(
      'UPDATE import_rows SET verdict = ?, reason = ?, person_id = ?, foyer_id = ?, candidate_person_id = ?, before_json = ? WHERE id = ?',
    ),
    /** A page of rows by id (for chunked reading). */
    // `+batch_id`: walk the rowid range (the batch's rows are contiguous), not the (batch, line) index.
    after: sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM import_rows WHERE +batch_id = ? AND id > ? ORDER BY id LIMIT ?`),
  };
}

export function listImportRows(sqlite: Sqlite, batchId: number, verdict: string | undefined, offset: number, limit: number): { total: number; rows: ImportRowRecord[] } {
  const where = verdict ? 'batch_id = ? AND verdict = ?' : 'batch_id = ?';
  const params = verdict ? [batchId, verdict] : [batchId];
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM import_rows WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM import_rows WHERE ${where} ORDER BY line, id LIMIT ? OFFSET ?`).all(...params, limit, offset) as ImportRowRecord[];
  return { total, rows };
}

export function countImportRows(sqlite: Sqlite, batchId: number): Record<string, number> {
  const rows = sqlite.prepare('SELECT verdict, count(*) AS n FROM import_rows WHERE batch_id = ? GROUP BY verdict').all(batchId) as { verdict: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.verdict, r.n]));
}

// Mappings ------------------------------------------------------------------------------------------------------

export function listImportMappings(db: DbOrTx, mdsId: number, kind: ImportKindValue | undefined) {
  return db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.mdsId, mdsId), kind ? eq(importMappings.kind, kind) : undefined))
    .orderBy(desc(importMappings.updatedAt), desc(importMappings.id))
    .all();
}

export function findImportMapping(db: DbOrTx, mdsId: number, kind: ImportKindValue, source: string) {
  return db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.mdsId, mdsId), eq(importMappings.kind, kind), eq(importMappings.source, source)))
    .get();
}

export function saveImportMapping(db: DbOrTx, values: { mdsId: number; kind: ImportKindValue; source: string; mappingJson: string; userId: number; at: string }): void {
  db.insert(importMappings)
    .values({ mdsId: values.mdsId, kind: values.kind, source: values.source, mappingJson: values.mappingJson, updatedById: values.userId, updatedAt: values.at })
    .onConflictDoUpdate({
      target: [importMappings.mdsId, importMappings.kind, importMappings.source],
      set: { mappingJson: values.mappingJson, updatedById: values.userId, updatedAt: values.at },
    })
    .run();
}

// Communes ------------------------------------------------------------------------------------------------------

export type CommuneRow = typeof mdsCommunes.$inferSelect;

export function listCommunes(db: DbOrTx, mdsId?: number): CommuneRow[] {
  return db
    .select()
    .from(mdsCommunes)
    .where(mdsId === undefined ? undefined : eq(mdsCommunes.mdsId, mdsId))
    .orderBy(asc(mdsCommunes.name), asc(mdsCommunes.inseeCode))
    .all();
}

export function findCommune(db: DbOrTx, id: number): CommuneRow | undefined {
  return db.select().from(mdsCommunes).where(eq(mdsCommunes.id, id)).get();
}

export function findCommuneByInsee(db: DbOrTx, inseeCode: string): CommuneRow | undefined {
  return db.select().from(mdsCommunes).where(eq(mdsCommunes.inseeCode, inseeCode)).get();
}

export function insertCommune(db: DbOrTx, values: Omit<CommuneRow, 'id'>): CommuneRow {
  return db.insert(mdsCommunes).values(values).returning().get();
}

export function updateCommune(db: DbOrTx, id: number, values: Omit<CommuneRow, 'id' | 'mdsId'>): CommuneRow {
  const row = db.update(mdsCommunes).set(values).where(eq(mdsCommunes.id, id)).returning().get();
  if (!row) throw new Error(`mds_communes.id ${id} absent`);
  return row;
}

export function deleteCommune(db: DbOrTx, id: number): void {
  db.delete(mdsCommunes).where(eq(mdsCommunes.id, id)).run();
}
