/**
 * The EP's documents (main/documents/ep): the members' convocations, the beneficiaries' information letters, the
 * session file (full or anonymised), the procès-verbal and the decision letters. Archived like every final document;
 * a decision letter also belongs to the dossier of the person it concerns.
 */
import { findMds, findSessionItem, findUserById } from '../../../db/queries';
import type { EpRow } from '../../../db/schema-ep';
import { ROLE_LABELS } from '../../../shared/api/common';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { PDF_MIME, type EpDocumentKind } from '../../../shared/api/documents';
import { EP_READERS, type EpLetterKind } from '../../../shared/api/ep';
import { ApiError } from '../../../shared/api/errors';
import type { DocumentContext } from '../../documents/model';
import type { AuthedCall } from '../context';
import { ruleFailure, todayOf } from '../kit';
import { formatDate } from '../../../shared/domain/format';
import { accessibleSession, cancellationData, cancelSession, convocations, decisionLetter, loadSessionData, minutes, sessionFileData } from '../ep';
import { archive, laidOut, summaryOf, withSafeFileName, type Source } from './archive';

const NOT_ON_AGENDA = 'Ce dossier ne figure pas à l’ordre du jour de la séance.';

function documentContext(call: AuthedCall, ep: EpRow, letterDate?: string): DocumentContext {
  const mds = findMds(call.open.db, call.actor.mdsId);
  const context: DocumentContext = { mds: { name: mds?.name ?? '', territory: mds?.territory ?? ep.territory, address: mds?.address ?? null, commune: mds?.commune ?? null } };
  return letterDate === undefined ? context : { ...context, letterDate };
}

/** Only the EP's readers (administrators, EP secretaries, correspondents) print its documents. */
export function requireEpReader(call: AuthedCall): void {
  if (!(EP_READERS as readonly string[]).includes(call.actor.role)) {
    throw new ApiError('FORBIDDEN', `Votre rôle (${ROLE_LABELS[call.actor.role]}) ne permet pas cette action.`);
  }
}

/**
 * A document of a session (`sourceId`: the session) or a decision letter (`sourceId`: the agenda item). Letters are
 * dated on `letterDate` (the sending date chosen), by default on the day they are produced — never on the session day.
 */
export function epSource(kind: EpDocumentKind, sourceId: number, call: AuthedCall, letterDate = todayOf(call)): Source {
  requireEpReader(call);
  const db = call.open.db;
  if (kind === 'ep_decision_beneficiaire' || kind === 'ep_decision_referent') {
    const item = findSessionItem(db, sourceId);
    if (!item) throw new ApiError('NOT_FOUND', NOT_ON_AGENDA);
    const { session, ep, ownMdsOnly } = accessibleSession(db, call.actor, item.sessionId);
    const data = loadSessionData(db, session, ep, ownMdsOnly);
    const found = data.items.find((i) => i.itemId === item.id);
    if (!found) throw new ApiError('NOT_FOUND', NOT_ON_AGENDA);
    if (!found.decision) throw new ApiError('RULE', 'Le Président n’a pas encore pris sa décision sur ce dossier : pas de courrier de décision.');
    const letter = decisionLetter({ sessionId: session.id, itemId: item.id }, call);
    const person = data.saisines.get(found.saisineId)?.person;
    const referent = person?.referentId ? (findUserById(db, person.referentId)?.displayName ?? null) : null;
    const ctx = documentContext(call, ep, letterDate);
    const to = kind === 'ep_decision_beneficiaire' ? 'beneficiaire' : 'referent';
    const input = { letter, decision: found.decision, referent, territory: ep.territory };
    return {
      kind,
      sourceId,
      personId: letter.personId,
      sourceEntity: 'ep_session_item',
      sourceVersion: session.version,
      model: { kind, input, ctx },
      ...laidOut({ template: 'epDecisionLetter', args: [input, to, ctx] }),
      finalBlocker: null,
      watermark: null,
    };
  }
  // Session-wide papers (convocations, session file, procès-verbal, cancellation): the EP's secretariat only.
  const { session, ep } = accessibleSession(db, call.actor, sourceId, 'secretariat');
  const ctx = documentContext(call, ep);
  const letterCtx = documentContext(call, ep, letterDate);
  const base = { kind, sourceId, personId: null, sourceEntity: 'ep_session', sourceVersion: session.version, finalBlocker: null, watermark: null } as const;
  switch (kind) {
    case 'ep_convocations':
    case 'ep_informations': {
      const data = convocations({ sessionId: session.id }, call);
      const document = laidOut({ template: kind === 'ep_convocations' ? 'epConvocations' : 'epInformations', args: [data, letterCtx] });
      if (document.pages.pages.length === 0) throw new ApiError('RULE', 'L’équipe pluridisciplinaire n’a aucun membre à convoquer.');
      return { ...base, model: { kind, data, ctx: letterCtx }, ...document };
    }
    case 'ep_annulation': {
      const data = cancellationData(db, session, ep);
      return { ...base, model: { kind, data, ctx: letterCtx }, ...laidOut({ template: 'epCancellation', args: [data, letterCtx] }) };
    }
    case 'ep_proces_verbal': {
      const data = minutes({ sessionId: session.id }, call);
      return { ...base, model: { kind, data, ctx }, ...laidOut({ template: 'epMinutes', args: [data, ctx] }) };
    }
    case 'ep_dossier_seance':
    case 'ep_dossier_seance_anonymise': {
      const data = sessionFileData(db, session, ep, kind === 'ep_dossier_seance_anonymise');
      return { ...base, model: { kind, data, ctx }, ...laidOut({ template: 'epSessionFile', args: [data, ctx] }) };
    }
  }
}

/** Archives (or finds archived) and returns an EP document the way the EP screens take it. */
async function archivedEpDocument(call: AuthedCall, source: Source): Promise<MethodOutput<'ep.sessions.letterPdf'>> {
  const { row, reprint } = await archive(call, withSafeFileName(source));
  return { fileName: row.fileName, mime: PDF_MIME, contentBase64: row.pdf.toString('base64'), document: summaryOf(row), reprint };
}

export function filePdf(input: MethodParsedInput<'ep.sessions.filePdf'>, call: AuthedCall): Promise<MethodOutput<'ep.sessions.filePdf'>> {
  const kind = input.anonymised ? 'ep_dossier_seance_anonymise' : 'ep_dossier_seance';
  return archivedEpDocument(call, epSource(kind, input.sessionId, call));
}

const LETTER_KINDS: Record<EpLetterKind, EpDocumentKind> = {
  convocations: 'ep_convocations',
  informations: 'ep_informations',
  proces_verbal: 'ep_proces_verbal',
  decision_beneficiaire: 'ep_decision_beneficiaire',
  decision_referent: 'ep_decision_referent',
  annulation: 'ep_annulation',
};

/** The date of a letter: the sending date chosen (never before today), by default today. */
function letterDateOf(call: AuthedCall, sendingDate: string | undefined): string {
  const today = todayOf(call);
  const letterDate = sendingDate ?? today;
  if (letterDate < today) {
    throw ruleFailure([{ path: 'sendingDate', message: `La date d’envoi (${formatDate(letterDate)}) ne peut pas être antérieure à aujourd’hui (${formatDate(today)}).` }]);
  }
  return letterDate;
}

export function letterPdf(input: MethodParsedInput<'ep.sessions.letterPdf'>, call: AuthedCall): Promise<MethodOutput<'ep.sessions.letterPdf'>> {
  accessibleSession(call.open.db, call.actor, input.sessionId);
  const letterDate = letterDateOf(call, input.sendingDate);
  const kind = LETTER_KINDS[input.kind];
  if (kind !== 'ep_decision_beneficiaire' && kind !== 'ep_decision_referent') return archivedEpDocument(call, epSource(kind, input.sessionId, call, letterDate));
  if (input.itemId === undefined) throw new ApiError('VALIDATION', 'Choisissez le dossier du courrier de décision.');
  if (findSessionItem(call.open.db, input.itemId)?.sessionId !== input.sessionId) throw new ApiError('NOT_FOUND', NOT_ON_AGENDA);
  return archivedEpDocument(call, epSource(kind, input.itemId, call, letterDate));
}

/**
 * Cancels a session emptied of its cases and archives, in the same write, the cancellation letters to everyone
 * convened (none when the convocations had not been sent). A refusal leaves everything as it was.
 */
export async function cancel(input: MethodParsedInput<'ep.sessions.cancel'>, call: AuthedCall): Promise<MethodOutput<'ep.sessions.cancel'>> {
  const letterDate = letterDateOf(call, input.sendingDate);
  const session = cancelSession(input, call);
  const letters = session.convocationsSentOn === null ? null : await archivedEpDocument(call, epSource('ep_annulation', session.id, call, letterDate));
  return { session, letters };
}
