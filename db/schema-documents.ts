/**
 * Archive of the printed documents. Every FINAL document generated (a contract's two originals, a DSP, an EDE,
 * a fiche de liaison, the correspondent's answer) is kept here, bytes included (the PDF lives in the encrypted
 * database, never as a file), with its hash, date and author: a reprint returns these exact bytes.
 *
 * `source_entity` / `source_id` / `source_version` name the record printed (a contract and its version…);
 * `input_hash` is the sha256 of everything the document was made from (source, dossier, MDS), so generating the
 * same document again finds the archived one instead of adding a copy. Rows are never updated.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DOCUMENT_KINDS } from '../shared/api/documents';
import { persons, users } from './schema-foundation';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    /** The dossier it belongs to; null for a document of an EP session (convocations, session file, procès-verbal). */
    personId: integer('person_id').references(() => persons.id),
    /** What was printed: 'contract', 'dsp_revision', 'ede_assessment', 'orientation', 'fiche_liaison', 'ep_session', 'ep_session_item'. */
    sourceEntity: text('source_entity').notNull(),
    sourceId: integer('source_id').notNull(),
    sourceVersion: integer('source_version').notNull(),
    /** sha256 (hex) of the canonical JSON the document was rendered from. */
    inputHash: text('input_hash').notNull(),
    title: text('title').notNull(),
    /** Suggested file name. */
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull().default('application/pdf'),
    /** Originals in the file (2 for a contract). */
    copies: integer('copies').notNull().default(1),
    pageCount: integer('page_count').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    pdf: blob('pdf', { mode: 'buffer' }).notNull(),
    isFinal: integer('is_final', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(nowIso),
    /** The author; their name as it was, should the account change later. */
    createdBy: integer('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [
    index('documents_person_idx').on(t.personId, t.createdAt),
    index('documents_source_idx').on(t.sourceEntity, t.sourceId),
    uniqueIndex('documents_final_input_uq').on(t.kind, t.sourceEntity, t.sourceId, t.inputHash).where(sql`is_final = 1`),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
