/**
 * Data in (issue 15): import batches with their rows (for the preview, the undo and the rejected-rows file), the
 * column mappings saved per source, France Travail registration events, the communes of each MDS (to route a CAF
 * line to its MDS, and to reject an unknown commune), and the merges of two dossiers found to be the same person.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foyers, mds, persons, users } from './schema-foundation';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const IMPORT_KINDS = ['caf_nouveaux', 'ft_inscriptions', 'ft_cessations', 'ft_radiations', 'ft_stock'] as const;
export const IMPORT_BATCH_STATUSES = ['apercu', 'termine', 'echoue', 'annule'] as const;
export const IMPORT_ROW_VERDICTS = ['nouveau', 'mise_a_jour', 'doublon_possible', 'rejete', 'inchange'] as const;

/** One import of one file: its hash (the same file twice changes nothing), counts, who, and its undo. */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    /** The source whose column mapping was used (e.g. « CAF du Pas-de-Calais »). */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    status: text('status', { enum: IMPORT_BATCH_STATUSES }).notNull(),
    /** { lines, nouveau, mise_a_jour, doublon_possible, rejete, inchange } */
    countsJson: text('counts_json').notNull(),
    mdsId: integer('mds_id')
      .notNull()
      .references(() => mds.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull().default(nowIso),
    appliedAt: text('applied_at'),
    undoneAt: text('undone_at'),
    undoneById: integer('undone_by_id').references(() => users.id),
  },
  (t) => [index('import_batches_sha_idx').on(t.kind, t.fileSha256), index('import_batches_created_idx').on(t.createdAt)],
);

/** One line of a batch: its verdict and reason, the records it created or changed, and what they were before. */
export const importRows = sqliteTable(
  'import_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    verdict: text('verdict', { enum: IMPORT_ROW_VERDICTS }).notNull(),
    reason: text('reason'),
    /** The line's values as read (after mapping), JSON. */
    dataJson: text('data_json').notNull(),
    personId: integer('person_id').references(() => persons.id),
    foyerId: integer('foyer_id').references(() => foyers.id),
    /** A possible duplicate: the existing person it may be, and the user's answer ('confirme' | 'refuse'). */
    candidatePersonId: integer('candidate_person_id').references(() => persons.id),
    resolution: text('resolution'),
    /** What the line changed, to undo it: JSON of the records before. */
    beforeJson: text('before_json'),
  },
  (t) => [
    index('import_rows_batch_idx').on(t.batchId, t.line),
    index('import_rows_person_idx').on(t.personId),
    // Deleting a person or a foyer (an undo) checks these foreign keys: without an index, a scan of every row.
    index('import_rows_candidate_idx').on(t.candidatePersonId),
    index('import_rows_foyer_idx').on(t.foyerId),
  ],
);

/** Column mappings, saved once per kind and source. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    source: text('source').notNull(),
    mappingJson: text('mapping_json').notNull(),
    mdsId: integer('mds_id')
      .notNull()
      .references(() => mds.id),
    updatedById: integer('updated_by_id').references(() => users.id),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [uniqueIndex('import_mappings_kind_source_idx').on(t.mdsId, t.kind, t.source)],
);

export const FT_EVENTS = ['inscription', 'cessation', 'radiation', 'stock'] as const;

/** France Travail registration history of a person (each imported line), newest last. */
export const ftEvents = sqliteTable(
  'ft_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    event: text('event', { enum: FT_EVENTS }).notNull(),
    date: text('date').notNull(),
    code: text('code'),
    motif: text('motif'),
    batchId: integer('batch_id').references(() => importBatches.id),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('ft_events_person_idx').on(t.personId, t.date), index('ft_events_event_idx').on(t.event, t.date)],
);

/** The communes an MDS covers: a CAF line goes to the MDS of its commune; an unknown commune is rejected. */
export const mdsCommunes = sqliteTable(
  'mds_communes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mdsId: integer('mds_id')
      .notNull()
      .references(() => mds.id),
    /** Code INSEE (5 characters, Corsica 2A/2B) and postal code; name as written (compared without accents). */
    inseeCode: text('insee_code').notNull(),
    postalCode: text('postal_code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('mds_communes_insee_idx').on(t.inseeCode), index('mds_communes_postal_idx').on(t.postalCode), index('mds_communes_mds_idx').on(t.mdsId)],
);

/** Two dossiers found to be the same person: the merged one points to the kept one; both histories are kept. */
export const personMerges = sqliteTable(
  'person_merges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    keptPersonId: integer('kept_person_id')
      .notNull()
      .references(() => persons.id),
    mergedPersonId: integer('merged_person_id')
      .notNull()
      .unique()
      .references(() => persons.id),
    /** What moved (record ids per table), JSON. */
    movedJson: text('moved_json').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('person_merges_kept_idx').on(t.keptPersonId)],
);

export type ImportBatchRow = typeof importBatches.$inferSelect;
export type ImportRowRow = typeof importRows.$inferSelect;

/**
 * Two dossiers a user said are NOT the same person (issue 15): the pair is never proposed again as a possible
 * duplicate. Stored with the smaller id first.
 */
export const identityExclusions = sqliteTable(
  'identity_exclusions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personAId: integer('person_a_id')
      .notNull()
      .references(() => persons.id),
    personBId: integer('person_b_id')
      .notNull()
      .references(() => persons.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('identity_exclusions_pair_uq').on(t.personAId, t.personBId), index('identity_exclusions_b_idx').on(t.personBId)],
);
