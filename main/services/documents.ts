/**
 * Printed documents: generation (drafts returned, final documents archived once per content), the dossier's
 * archive, downloads, and printing through an injected print service (Electron).
 *
 * Sources are loaded through their own services (contracts.get, dsp.get, ede.get, fiches.get), which apply the
 * dossier's access rules. A final document is archived with its sha256, date and author, in the same
 * transaction as its audit entry; generating it again with the same content (same source version, same
 * dossier and MDS data) returns the archived bytes, never a new rendering. A contract not signed prints only
 * as a draft (watermark « PROJET – ne vaut pas contrat »); the EP secretary, who only reads dossiers, prints
 * drafts but does not archive.
 */
import { createHash } from 'node:crypto';
import {
  findDocument,
  findFinalDocument,
  findMds,
  insertDocument,
  listDocumentsOfPerson,
  recordDocumentAudit,
  documentSnapshot,
  type DocumentMeta,
} from '../../db/queries';
import type { DocumentRow } from '../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import type { EtatCivil } from '../../shared/api/contracts';
import {
  DOCUMENT_KIND_LABELS,
  PDF_MIME,
  type DocumentFile,
  type DocumentKind,
  type DocumentSummary,
  type Printable,
} from '../../shared/api/documents';
import { ApiError } from '../../shared/api/errors';
import { PROJECT_WATERMARK, renderDocument, type DocumentContext, type RenderedPages } from '../documents';
import { safeFileName } from '../documents/format';
import { contractPages } from '../documents/templates/contract';
import { dspPages } from '../documents/templates/dsp';
import { edePages } from '../documents/templates/ede';
import { ficheAnswerPages, fichePages } from '../documents/templates/fiche';
import { auditActor, type AuthedCall } from './context';
import * as contracts from './contracts';
import { etatCivilOf } from './contracts-support';
import { accessibleDossier } from './dossiers';
import * as fiches from './fiches';
import * as dsp from './interview-dsp';
import * as ede from './interview-ede';

// ---------------------------------------------------------------------------------------------------------
// Print service (Electron)
// ---------------------------------------------------------------------------------------------------------

/** Prints a PDF through the system dialog; resolves false when the user cancels. */
export interface DocumentPrinter {
  print(pdf: Buffer, options: { copies: number; title: string; fileName: string }): Promise<boolean>;
}

let printer: DocumentPrinter | null = null;

/** Main (Electron) installs its print service at start; browser mode has none (the screen opens the PDF). */
export function setDocumentPrinter(service: DocumentPrinter | null): void {
  printer = service;
}

// ---------------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------------

const NOT_SIGNED =
  'Ce contrat n’est pas encore signé : il ne s’imprime qu’en projet (filigrane « PROJET – ne vaut pas contrat »). Enregistrez les signatures pour archiver les exemplaires originaux.';
const NO_ANSWER = 'Cette fiche de liaison n’a pas encore de réponse du correspondant.';
const SECRETARY_NO_FINAL = 'Le secrétariat de l’équipe pluridisciplinaire imprime les documents sans les archiver : demandez au référent ou au correspondant.';

interface Source {
  personId: number;
  sourceEntity: 'contract' | 'dsp_revision' | 'ede_assessment' | 'fiche_liaison';
  sourceVersion: number;
  /** Everything the document is made from (hashed to recognise a reprint). */
  model: unknown;
  pages: RenderedPages;
  /** Why it cannot be archived as final, or null. */
  finalBlocker: string | null;
  watermark: string | null;
}

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

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The issuing MDS of a dossier (its name, territory and address). */
function contextOf(call: AuthedCall, personId: number): DocumentContext {
  const { foyer } = accessibleDossier(call.open.db, call.actor, personId);
  const mds = findMds(call.open.db, foyer.mdsId);
  if (!mds) throw new ApiError('NOT_FOUND', 'La MDS de ce dossier est introuvable.');
  return { mds: { name: mds.name, territory: mds.territory, address: mds.address } };
}

function loadSource(kind: DocumentKind, sourceId: number, call: AuthedCall): Source {
  const source = loadRawSource(kind, sourceId, call);
  return { ...source, pages: { ...source.pages, fileName: safeFileName(source.pages.fileName) } };
}

function loadRawSource(kind: DocumentKind, sourceId: number, call: AuthedCall): Source {
  const db = call.open.db;
  switch (kind) {
    case 'contrat': {
      const view = contracts.get({ contractId: sourceId }, call);
      const ctx = contextOf(call, view.personId);
      const draft = view.status === 'brouillon';
      return {
        personId: view.personId,
        sourceEntity: 'contract',
        sourceVersion: view.version,
        model: { kind, view, ctx },
        pages: contractPages(view, ctx),
        finalBlocker: draft ? NOT_SIGNED : null,
        watermark: draft ? PROJECT_WATERMARK : null,
      };
    }
    case 'dsp': {
      const revision = dsp.get({ revisionId: sourceId }, call);
      const ctx = contextOf(call, revision.personId);
      const etatCivil: EtatCivil = etatCivilOf(db, revision.personId);
      return {
        personId: revision.personId,
        sourceEntity: 'dsp_revision',
        sourceVersion: 0,
        model: { kind, revision, etatCivil, ctx },
        pages: dspPages(revision, etatCivil, ctx),
        finalBlocker: null,
        watermark: null,
      };
    }
    case 'ede': {
      const assessment = ede.get({ edeId: sourceId }, call);
      const ctx = contextOf(call, assessment.personId);
      const etatCivil: EtatCivil = etatCivilOf(db, assessment.personId);
      const grid = ede.currentEdeGrid();
      const usable = grid.version === assessment.gridVersion ? grid : null;
      return {
        personId: assessment.personId,
        sourceEntity: 'ede_assessment',
        sourceVersion: 0,
        model: { kind, assessment, etatCivil, ctx, grid: usable },
        pages: edePages(assessment, usable, etatCivil, ctx),
        finalBlocker: null,
        watermark: null,
      };
    }
    case 'fiche_liaison':
    case 'reponse_fiche': {
      const view = fiches.get({ ficheId: sourceId }, call);
      const ctx = contextOf(call, view.personId);
      if (kind === 'reponse_fiche' && !view.answer) throw new ApiError('RULE', NO_ANSWER);
      return {
        personId: view.personId,
        sourceEntity: 'fiche_liaison',
        sourceVersion: view.version,
        model: { kind, view, ctx },
        pages: kind === 'reponse_fiche' ? ficheAnswerPages(view, ctx) : fichePages(view, ctx),
        finalBlocker: null,
        watermark: null,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------

export const pageCountOf = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page(?!s)\b/g) ?? []).length;

function summaryOf(row: DocumentMeta): DocumentSummary {
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

function fileOf(row: DocumentRow): DocumentFile {
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

async function render(pages: RenderedPages): Promise<Buffer> {
  try {
    return await renderDocument(pages);
  } catch (error) {
    console.error('[documents] génération impossible', error);
    const detail = error instanceof Error && error.message.startsWith('Les polices') ? ` ${error.message}` : '';
    throw new ApiError('INTERNAL', `La génération du document a échoué.${detail}`);
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

// ---------------------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------------------

export function list(input: MethodParsedInput<'documents.list'>, call: AuthedCall): MethodOutput<'documents.list'> {
  const { person } = accessibleDossier(call.open.db, call.actor, input.personId);
  return listDocumentsOfPerson(call.open.db, person.id).map(summaryOf);
}

export function get(input: MethodParsedInput<'documents.get'>, call: AuthedCall): MethodOutput<'documents.get'> {
  const row = findDocument(call.open.db, input.id);
  if (!row) throw new ApiError('NOT_FOUND', 'Ce document est introuvable.');
  accessibleDossier(call.open.db, call.actor, row.personId);
  return { ...fileOf(row), document: summaryOf(row) };
}

export async function generate(input: MethodParsedInput<'documents.generate'>, call: AuthedCall): Promise<MethodOutput<'documents.generate'>> {
  const db = call.open.db;
  const source = loadSource(input.kind, input.sourceId, call);
  if (!input.final) {
    const bytes = await render(source.pages);
    return {
      fileName: source.pages.fileName,
      mime: PDF_MIME,
      base64: bytes.toString('base64'),
      sha256: sha256(bytes),
      size: bytes.length,
      copies: source.pages.copies,
      pageCount: pageCountOf(bytes),
      document: null,
      reprint: false,
      watermark: source.watermark,
    };
  }
  if (call.actor.role === 'secretaire_ep') throw new ApiError('FORBIDDEN', SECRETARY_NO_FINAL);
  if (source.finalBlocker) throw new ApiError('RULE', source.finalBlocker);
  const key = { kind: input.kind, sourceEntity: source.sourceEntity, sourceId: input.sourceId, inputHash: sha256(canonicalJson(source.model)) };
  const archived = findFinalDocument(db, key);
  if (archived) return { ...fileOf(archived), document: summaryOf(archived), reprint: true, watermark: null };

  const bytes = await render(source.pages);
  const at = call.app.nowIso();
  try {
    const row = db.transaction((tx) => {
      const meta = insertDocument(tx, {
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
      recordDocumentAudit(tx, { actor: auditActor(call.actor), at, entityId: meta.id, action: 'create', before: null, after: documentSnapshot(meta) });
      return meta;
    });
    return { ...fileOf({ ...row, pdf: bytes }), document: summaryOf(row), reprint: false, watermark: null };
  } catch (error) {
    // Generated twice at the same time: the first one archived wins.
    const winner = isUniqueViolation(error) ? findFinalDocument(db, key) : undefined;
    if (winner) return { ...fileOf(winner), document: summaryOf(winner), reprint: true, watermark: null };
    throw error;
  }
}

export function printable(input: MethodParsedInput<'documents.printable'>, call: AuthedCall): MethodOutput<'documents.printable'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const latest = new Map<string, number>();
  for (const d of [...listDocumentsOfPerson(db, person.id)].reverse()) latest.set(`${d.kind}:${d.sourceId}`, d.id);
  const roleBlocker = call.actor.role === 'secretaire_ep' ? SECRETARY_NO_FINAL : null;
  const entry = (kind: DocumentKind, sourceId: number, title: string, date: string, blocker: string | null): Printable => ({
    kind,
    kindLabel: DOCUMENT_KIND_LABELS[kind],
    sourceId,
    title,
    date,
    finalBlocker: roleBlocker ?? blocker,
    latestDocumentId: latest.get(`${kind}:${sourceId}`) ?? null,
    copies: kind === 'contrat' ? 2 : 1,
  });
  const out: Printable[] = [];
  for (const c of contracts.listForDossier({ personId: person.id }, call)) {
    out.push(entry('contrat', c.id, `${c.type} n° ${c.id} (${c.statusLabel})`, c.start, c.status === 'brouillon' ? NOT_SIGNED : null));
  }
  for (const f of fiches.listForDossier({ personId: person.id }, call)) {
    out.push(entry('fiche_liaison', f.id, `Fiche de liaison n° ${f.id} : ${f.typeLabel} (${f.statusLabel})`, f.date, null));
    if (f.status === 'acceptee' || f.status === 'refusee' || f.status === 'close') {
      out.push(entry('reponse_fiche', f.id, `Réponse à la fiche de liaison n° ${f.id}`, f.date, null));
    }
  }
  for (const e of ede.list({ personId: person.id }, call)) {
    out.push(entry('ede', e.id, `Échelle de distance à l’emploi du ${e.date.split('-').reverse().join('/')} (${e.total} points)`, e.date, null));
  }
  for (const r of dsp.history({ personId: person.id }, call)) {
    out.push(entry('dsp', r.id, `DSP, révision n° ${r.number}`, r.createdAt.slice(0, 10), null));
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

export async function print(input: MethodParsedInput<'documents.print'>, call: AuthedCall): Promise<MethodOutput<'documents.print'>> {
  let pdf: Buffer;
  let title: string;
  let fileName: string;
  if ('id' in input) {
    const row = findDocument(call.open.db, input.id);
    if (!row) throw new ApiError('NOT_FOUND', 'Ce document est introuvable.');
    accessibleDossier(call.open.db, call.actor, row.personId);
    ({ pdf, title, fileName } = row);
  } else {
    const source = loadSource(input.draft.kind, input.draft.sourceId, call);
    pdf = await render(source.pages);
    ({ title } = source.pages.meta);
    ({ fileName } = source.pages);
  }
  if (!printer) {
    throw new ApiError('RULE', 'L’impression directe n’est disponible que dans l’application de bureau : ouvrez le PDF pour l’imprimer.');
  }
  return { printed: await printer.print(pdf, { copies: input.copies, title, fileName }) };
}

export function printSupport(_input: MethodParsedInput<'documents.printSupport'>, _call: AuthedCall): MethodOutput<'documents.printSupport'> {
  return { systemDialog: printer !== null };
}
