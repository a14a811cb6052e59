/**
 * Printed documents: generation (drafts returned, final documents archived once per content), the dossier's
 * archive, downloads, and printing through the print service the app was given (Electron).
 *
 * A contract not signed prints only as a draft (watermark « PROJET – ne vaut pas contrat »); the EP secretary, who
 * only reads dossiers, prints a dossier's drafts but does not archive them. The EP's own documents (convocations,
 * session file, procès-verbal, letters) are printed and archived by the EP's readers.
 */
import { findDocument, listDocumentsOfPerson } from '../../../db/queries';
import type { DocumentRow } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { DOCUMENT_KIND_LABELS, isEpDocumentKind, PDF_MIME, type DocumentKind, type Printable } from '../../../shared/api/documents';
import { ApiError } from '../../../shared/api/errors';
import type { AuthedCall } from '../context';
import { contractsOfDossier } from '../contracts';
import { fichesOfDossier } from '../fiches';
import { accessibleDossier } from '../foundation';
import { dspHistory, edesOfDossier } from '../interview';
import { accessibleSession } from '../ep';
import { archive, fileOf, pageCountOf, render, sha256, summaryOf, withSafeFileName, type Source } from './archive';
import { requireEpReader, epSource } from './ep';
import { dossierSource, NOT_SIGNED } from './sources';

const SECRETARY_NO_FINAL = 'Le secrétariat de l’équipe pluridisciplinaire imprime les documents sans les archiver : demandez au référent ou au correspondant.';

function loadSource(kind: DocumentKind, sourceId: number, call: AuthedCall): Source {
  return withSafeFileName(isEpDocumentKind(kind) ? epSource(kind, sourceId, call) : dossierSource(kind, sourceId, call));
}

/** An archived document, if the actor may read it: its dossier's rules, or the EP session's for a session's document. */
function accessibleDocument(call: AuthedCall, id: number): DocumentRow {
  const row = findDocument(call.open.db, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Ce document est introuvable.');
  if (row.personId !== null) accessibleDossier(call.open.db, call.actor, row.personId);
  else {
    requireEpReader(call);
    accessibleSession(call.open.db, call.actor, row.sourceId, 'secretariat');
  }
  return row;
}

export function list(input: MethodParsedInput<'documents.list'>, call: AuthedCall): MethodOutput<'documents.list'> {
  const { person } = accessibleDossier(call.open.db, call.actor, input.personId);
  return listDocumentsOfPerson(call.open.db, person.id).map(summaryOf);
}

export function get(input: MethodParsedInput<'documents.get'>, call: AuthedCall): MethodOutput<'documents.get'> {
  const row = accessibleDocument(call, input.id);
  return { ...fileOf(row), document: summaryOf(row) };
}

export async function generate(input: MethodParsedInput<'documents.generate'>, call: AuthedCall): Promise<MethodOutput<'documents.generate'>> {
  const source = loadSource(input.kind, input.sourceId, call);
  if (!input.final) {
    const bytes = await render(source);
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
  if (call.actor.role === 'secretaire_ep' && !isEpDocumentKind(input.kind)) throw new ApiError('FORBIDDEN', SECRETARY_NO_FINAL);
  if (source.finalBlocker) throw new ApiError('RULE', source.finalBlocker);
  const { row, reprint } = await archive(call, source);
  return { ...fileOf(row), document: summaryOf(row), reprint, watermark: null };
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
  for (const c of contractsOfDossier({ personId: person.id }, call)) {
    out.push(entry('contrat', c.id, `${c.type} n° ${c.id} (${c.statusLabel})`, c.start, c.status === 'brouillon' ? NOT_SIGNED : null));
  }
  for (const f of fichesOfDossier({ personId: person.id }, call)) {
    out.push(entry('fiche_liaison', f.id, `Fiche de liaison n° ${f.id} : ${f.typeLabel} (${f.statusLabel})`, f.date, null));
    if (f.status === 'acceptee' || f.status === 'refusee' || f.status === 'close') {
      out.push(entry('reponse_fiche', f.id, `Réponse à la fiche de liaison n° ${f.id}`, f.date, null));
    }
  }
  for (const e of edesOfDossier({ personId: person.id }, call)) {
    out.push(entry('ede', e.id, `Échelle de distance à l’emploi du ${e.date.split('-').reverse().join('/')} (${e.total} points)`, e.date, null));
  }
  for (const r of dspHistory({ personId: person.id }, call)) {
    out.push(entry('dsp', r.id, `DSP, révision n° ${r.number}`, r.createdAt.slice(0, 10), null));
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

export async function print(input: MethodParsedInput<'documents.print'>, call: AuthedCall): Promise<MethodOutput<'documents.print'>> {
  let pdf: Buffer;
  let title: string;
  let fileName: string;
  if ('id' in input) {
    ({ pdf, title, fileName } = accessibleDocument(call, input.id));
  } else {
    const source = loadSource(input.draft.kind, input.draft.sourceId, call);
    pdf = await render(source);
    ({ title } = source.pages.meta);
    ({ fileName } = source.pages);
  }
  const printer = call.app.options.printer;
  if (!printer) {
    throw new ApiError('RULE', 'L’impression directe n’est disponible que dans l’application de bureau : ouvrez le PDF pour l’imprimer.');
  }
  return { printed: await printer.print(pdf, { copies: input.copies, title, fileName }) };
}

export function printSupport(_input: MethodParsedInput<'documents.printSupport'>, call: AuthedCall): MethodOutput<'documents.printSupport'> {
  return { systemDialog: call.app.options.printer !== null };
}
