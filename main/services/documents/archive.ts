/**
 * The archive of final documents. A source (a contract, a DSP revision, an EP session…) is laid out by its template;
 * its final PDF is archived once per content: with its sha256, date and author, in the same transaction as its
 * audit entry. Generating it again with the same content (same record, same dossier and MDS data) returns the
 * archived bytes, never a new rendering.
 */
import { createHash } from 'node:crypto';
import { documentSnapshot, findFinalDocument, insertDocument, recordDocumentAudit, type DocumentMeta } from '../../../db/queries';
import type { DocumentRow } from '../../../db/schema';
import { DOCUMENT_KIND_LABELS, PDF_MIME, type DocumentFile, type DocumentKind, type DocumentSummary } from '../../../shared/api/documents';
import { ApiError } from '../../../shared/api/errors';
import type { RenderedPages } from '../../documents';
import { layOut, type DocumentJob } from '../../documents/jobs';
import { renderInPool } from '../../documents/pool';
import { safeFileName } from '../../documents/format';
import { auditActor, type AuthedCall } from '../context';

/** A record laid out as a document, ready to render and archive. */
export interface Source {
  kind: DocumentKind;
  sourceId: number;
  /** The dossier the document belongs to; null for a document of an EP session. */
  personId: number | null;
  sourceEntity: 'contract' | 'dsp_revision' | 'ede_assessment' | 'orientation' | 'fiche_liaison' | 'appointment' | 'ep_session' | 'ep_session_item';
  sourceVersion: number;
  /** Everything the document is made from (hashed to recognise a reprint). */
  model: unknown;
  /** Its template and the template's data: rendered by the PDF worker pool. */
  job: DocumentJob;
  /** The job laid out here (title, file name, copies). */
  pages: RenderedPages;
  /** Why it cannot be archived as final, or null. */
  finalBlocker: string | null;
  watermark: string | null;
}

/** A job with its pages laid out (`job` and `pages` of a Source). */
export const laidOut = (job: DocumentJob): { job: DocumentJob; pages: RenderedPages } => ({ job, pages: layOut(job) });

/** The source with a file name safe on every system. */
export const withSafeFileName = (source: Source): Source => ({ ...source, pages: { ...source.pages, fileName: safeFileName(source.pages.fileName) } });

/** Fields of the views that depend on who asks or on the day, not on the record: left out of the hash. */
const VOLATILE = new Set(['allowedActions', 'readOnly', 'missing', 'missingFields']);

/** JSON with sorted keys (the same content always gives the same text). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([k]) => !VOLATILE.has(k))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export const pageCountOf = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page(?!s)\b/g) ?? []).length;

export function summaryOf(row: DocumentMeta): DocumentSummary {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: DOCUMENT_KIND_LABELS[row.kind],
    personId: row.personId,
    sourceEntity: row.sourceEntity,
    sourceId: row.sourceId,
    sourceVersion: row.sourceVersion,
    title: row.title,
    fileName: row.fileName,
    mime: PDF_MIME,
    copies: row.copies,
    pageCount: row.pageCount,
    sha256: row.sha256,
    size: row.size,
    isFinal: row.isFinal,
    createdAt: row.createdAt,
    createdBy: row.createdByName,
  };
}

export function fileOf(row: DocumentRow): DocumentFile {
  return {
    fileName: row.fileName,
    mime: PDF_MIME,
    base64: row.pdf.toString('base64'),
    sha256: row.sha256,
    size: row.size,
    copies: row.copies,
    pageCount: row.pageCount,
  };
}

/** The source's PDF (a rendering failure is a French INTERNAL error, logged). */
export async function render(source: Source): Promise<Buffer> {
  try {
    return await renderInPool(source.job);
  } catch (error) {
    console.error('[documents] génération impossible', error);
    const detail = error instanceof Error && error.message.startsWith('Les polices') ? ` ${error.message}` : '';
    throw new ApiError('INTERNAL', `La génération du document a échoué.${detail}`);
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The final document of this content: the archived one (a reprint), or rendered now and archived with its journal entry. */
export async function archive(call: AuthedCall, source: Source): Promise<{ row: DocumentRow; reprint: boolean }> {
  const db = call.open.db;
  const key = { kind: source.kind, sourceEntity: source.sourceEntity, sourceId: source.sourceId, inputHash: sha256(canonicalJson(source.model)) };
  const archived = findFinalDocument(db, key);
  if (archived) return { row: archived, reprint: true };

  const bytes = await render(source);
  const at = call.app.nowIso();
  try {
    const meta = db.transaction((tx) => {
      const inserted = insertDocument(tx, {
        ...key,
        personId: source.personId,
        sourceVersion: source.sourceVersion,
        title: source.pages.meta.title,
        fileName: source.pages.fileName,
        mime: PDF_MIME,
        copies: source.pages.copies,
        pageCount: pageCountOf(bytes),
        sha256: sha256(bytes),
        size: bytes.length,
        pdf: bytes,
        isFinal: true,
        createdAt: at,
        createdBy: call.actor.id,
        createdByName: call.actor.displayName,
      });
      recordDocumentAudit(tx, { actor: auditActor(call.actor), at, entityId: inserted.id, action: 'create', before: null, after: documentSnapshot(inserted) });
      return inserted;
    });
    return { row: { ...meta, pdf: bytes }, reprint: false };
  } catch (error) {
    // Generated twice at the same time: the first one archived wins.
    const winner = isUniqueViolation(error) ? findFinalDocument(db, key) : undefined;
    if (winner) return { row: winner, reprint: true };
    throw error;
  }
}
