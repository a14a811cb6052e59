/**
 * Queries of the documents archive. Rows are only inserted, never updated: an archived PDF stays as issued.
 */
import { and, desc, eq } from 'drizzle-orm';
import { documents, type DocumentRow, type NewDocumentRow } from '../schema';
import { recordAudit, type AuditWrite } from './audit';
import type { DbOrTx } from './types';

/** Metadata of a row (everything but the bytes). */
export type DocumentMeta = Omit<DocumentRow, 'pdf'>;

const META = {
  id: documents.id,
  kind: documents.kind,
  personId: documents.personId,
  sourceEntity: documents.sourceEntity,
  sourceId: documents.sourceId,
  sourceVersion: documents.sourceVersion,
  inputHash: documents.inputHash,
  title: documents.title,
  fileName: documents.fileName,
  mime: documents.mime,
  copies: documents.copies,
  pageCount: documents.pageCount,
  sha256: documents.sha256,
  size: documents.size,
  isFinal: documents.isFinal,
  createdAt: documents.createdAt,
  createdBy: documents.createdBy,
  createdByName: documents.createdByName,
} as const;

export function insertDocument(db: DbOrTx, values: NewDocumentRow): DocumentMeta {
  return db.insert(documents).values(values).returning(META).get();
}

/** A document with its bytes. */
export function findDocument(db: DbOrTx, id: number): DocumentRow | undefined {
  return db.select().from(documents).where(eq(documents.id, id)).get();
}

/** The person's documents, newest first (no bytes). */
export function listDocumentsOfPerson(db: DbOrTx, personId: number): DocumentMeta[] {
  return db.select(META).from(documents).where(eq(documents.personId, personId)).orderBy(desc(documents.createdAt), desc(documents.id)).all();
}

/** The final document already archived for this source and content, if any (with its bytes). */
export function findFinalDocument(
  db: DbOrTx,
  key: { kind: DocumentRow['kind']; sourceEntity: string; sourceId: number; inputHash: string },
): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.kind, key.kind),
        eq(documents.sourceEntity, key.sourceEntity),
        eq(documents.sourceId, key.sourceId),
        eq(documents.inputHash, key.inputHash),
        eq(documents.isFinal, true),
      ),
    )
    .get();
}

/** What the journal keeps of an archived document (not the bytes: their hash). */
export const documentSnapshot = (row: DocumentMeta) => ({
  kind: row.kind,
  personId: row.personId,
  source: { entity: row.sourceEntity, id: row.sourceId, version: row.sourceVersion },
  title: row.title,
  fileName: row.fileName,
  sha256: row.sha256,
  size: row.size,
  pageCount: row.pageCount,
  copies: row.copies,
  isFinal: row.isFinal,
});

/** `recordAudit` for the 'document' entity. */
export function recordDocumentAudit(db: DbOrTx, entry: Omit<AuditWrite, 'entity'>): void {
  recordAudit(db, { ...entry, entity: 'document' });
}
