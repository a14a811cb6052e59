/** The EP's documents as PDFs (main/documents/ep): the session file, full or anonymised, and the letters. */
import { findMds, findUserById } from '../../db/queries';
import type { EpRow } from '../../db/schema-ep';
import type { MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { convocationsPages, decisionLetterPages, informationsPages, minutesPages, renderLetters } from '../documents/ep/letters';
import { renderSessionFile, sessionFilePages } from '../documents/ep/session-file';
import type { DocumentContext, RenderedPages } from '../documents/model';
import type { AuthedCall } from './context';
import { accessibleSession, loadSessionData } from './ep-common';
import { decisionLetter } from './ep-decisions';
import { convocations, minutes, sessionFileData } from './ep-documents';

function documentContext(call: AuthedCall, ep: EpRow): DocumentContext {
  const mds = findMds(call.open.db, call.actor.mdsId);
  return { mds: { name: mds?.name ?? '', territory: mds?.territory ?? ep.territory, address: mds?.address ?? null } };
}

export async function filePdf(input: MethodParsedInput<'ep.sessions.filePdf'>, call: AuthedCall): Promise<MethodOutput<'ep.sessions.filePdf'>> {
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, call.actor, input.sessionId);
  const data = sessionFileData(db, session, ep, input.anonymised);
  const doc = sessionFilePages(data, documentContext(call, ep));
  const bytes = await renderSessionFile(doc);
  return { fileName: doc.fileName, mime: 'application/pdf', contentBase64: bytes.toString('base64') };
}

/** The pages of a decision letter; refused (RULE) until the Président's decision on that case is recorded. */
function decisionPages(input: MethodParsedInput<'ep.sessions.letterPdf'>, call: AuthedCall, to: 'beneficiaire' | 'referent'): RenderedPages {
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, call.actor, input.sessionId);
  if (input.itemId === undefined) throw new ApiError('VALIDATION', 'Choisissez le dossier du courrier de décision.');
  const data = loadSessionData(db, session, ep);
  const item = data.items.find((i) => i.itemId === input.itemId);
  if (!item) throw new ApiError('NOT_FOUND', 'Ce dossier ne figure pas à l’ordre du jour de la séance.');
  if (!item.decision) throw new ApiError('RULE', 'Le Président n’a pas encore pris sa décision sur ce dossier : pas de courrier de décision.');
  const letter = decisionLetter({ sessionId: session.id, itemId: item.itemId }, call);
  const person = data.saisines.get(item.saisineId)?.person;
  const referent = person?.referentId ? (findUserById(db, person.referentId)?.displayName ?? null) : null;
  return decisionLetterPages({ letter, decision: item.decision, referent, territory: ep.territory }, to, documentContext(call, ep));
}

export async function letterPdf(input: MethodParsedInput<'ep.sessions.letterPdf'>, call: AuthedCall): Promise<MethodOutput<'ep.sessions.letterPdf'>> {
  const { ep } = accessibleSession(call.open.db, call.actor, input.sessionId);
  const ctx = () => documentContext(call, ep);
  let doc: RenderedPages;
  switch (input.kind) {
    case 'convocations':
      doc = convocationsPages(convocations({ sessionId: input.sessionId }, call), ctx());
      if (doc.pages.length === 0) throw new ApiError('RULE', 'L’équipe pluridisciplinaire n’a aucun membre à convoquer.');
      break;
    case 'informations':
      doc = informationsPages(convocations({ sessionId: input.sessionId }, call), ctx());
      break;
    case 'proces_verbal':
      doc = minutesPages(minutes({ sessionId: input.sessionId }, call), ctx());
      break;
    case 'decision_beneficiaire':
      doc = decisionPages(input, call, 'beneficiaire');
      break;
    case 'decision_referent':
      doc = decisionPages(input, call, 'referent');
      break;
  }
  const bytes = await renderLetters(doc);
  return { fileName: doc.fileName, mime: 'application/pdf', contentBase64: bytes.toString('base64') };
}
