/**
 * Data of the EP's documents: the convocations (one per member, an information letter per beneficiary), the
 * session file (cover, ordre du jour, a fiche de synthèse per case: identity, parcours — orientation periods,
 * contracts, PAP with its bilan, EDE for a réorientation, the fiche de liaison), optionally anonymised (initials
 * instead of names, no date of birth, CAF number nor address), and the procès-verbal. The PDF of the session file
 * is rendered by main/documents/ep.
 */
import {
  contractsOfPerson,
  findEdeAssessment,
  findFiche,
  findPapVersion,
  findUserById,
  householdOf,
  itemsOfSession,
  latestEdeAssessment,
  listOrientations,
  type DbOrTx,
  type SaisineWithPerson,
} from '../../../db/queries';
import type { EpRow, EpSessionRow } from '../../../db/schema-ep';
import type { Foyer } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { SITUATIONS_FAMILIALES } from '../../../shared/api/dossier';
import { EP_ORGANISATION_LABELS, type EpCancellation, type EpSessionFile, type EpSynthese } from '../../../shared/api/ep';
import { ApiError } from '../../../shared/api/errors';
import { findAction, findTheme } from '../../../shared/domain/referentials/actions';
import { CONTRACT_STATUS_LABELS } from '../../../shared/domain/rules/contracts';
import { EDE_PROPOSAL_LABELS } from '../../../shared/domain/rules/ede';
import { SAISINE_ORIGIN_LABELS } from '../../../shared/domain/rules/ep';
import { initialsOf, letterMotif, sessionAtLeast } from '../../../shared/domain/rules/ep-sessions';
import { FICHE_TYPE_LABELS, REORIENTATION_MOTIF_LABELS, SUSPENSION_MOTIF_LABELS } from '../../../shared/domain/rules/fiche-liaison';
import { ORIENTATION_LABELS } from '../../../shared/domain/rules/orientation';
import { RESULTAT_LABELS } from '../../../shared/domain/rules/pap';
import type { AuthedCall } from '../context';
import { accessibleSession, loadSessionData, type SessionData } from './common';
import { formatDate, personName, plural } from '../../../shared/domain/format';

const addressOf = (foyer: Foyer): string[] =>
  [foyer.addressLine1, foyer.addressLine2, `${foyer.postalCode} ${foyer.city}`].filter((l): l is string => !!l);
const civiliteOf = (sexe: 'F' | 'M') => (sexe === 'F' ? 'Madame' : 'Monsieur');

function requireCases(data: SessionData): void {
  if (!data.items.some((i) => i.status === 'inscrit')) throw new ApiError('RULE', 'Aucun dossier n’est inscrit à l’ordre du jour de cette séance.');
}

export function convocations(input: MethodParsedInput<'ep.sessions.convocations'>, call: AuthedCall): MethodOutput<'ep.sessions.convocations'> {
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, call.actor, input.sessionId, 'secretariat');
  const data = loadSessionData(db, session, ep);
  requireCases(data);
  const active = data.items.filter((i) => i.status === 'inscrit');
  const when = `le ${formatDate(session.date)} à ${session.startTime.replace(':', ' h ')}`;
  return {
    session: { date: session.date, place: session.place, startTime: session.startTime, territory: ep.territory, epName: ep.name },
    ordreDuJour: active.map((i) => ({ slotStart: i.slotStart, label: `Dossier n° ${i.position}`, theme: i.originLabel })),
    members: data.members.map((m) => ({
      memberId: m.id,
      name: m.name,
      function: m.function,
      organisationLabel: data.attendance.find((a) => a.memberId === m.id)?.organisationLabel ?? '',
      address: m.address,
      substituteName: m.substituteName,
      text:
        `Vous êtes convoqué(e) à la séance de l’équipe pluridisciplinaire du territoire ${ep.territory}, ${when}, ${session.place}. ` +
        `${plural(active.length, 'dossier inscrit', 'dossiers inscrits')} à l’ordre du jour.` +
        (m.substituteName ? ` En cas d’empêchement, merci de prévenir votre suppléant(e), ${m.substituteName}.` : ''),
    })),
    beneficiaries: active.map((i) => {
      const s = data.saisines.get(i.saisineId)!;
      return {
        itemId: i.itemId,
        personId: s.person.id,
        civilite: civiliteOf(s.person.sexe),
        name: personName(s.person),
        address: addressOf(s.foyer),
        date: session.date,
        time: i.slotStart,
        place: session.place,
        reason: letterMotif(s.saisine),
        observations:
          'Vous pouvez présenter vos observations à l’équipe pluridisciplinaire : par écrit avant la séance, ou en vous présentant à la séance à l’horaire indiqué, accompagné(e) si vous le souhaitez de la personne de votre choix.',
      };
    }),
  };
}

function syntheseOf(db: DbOrTx, item: SessionData['items'][number], s: SaisineWithPerson, anonymised: boolean): EpSynthese {
  const { person, foyer, saisine } = s;
  const referent = person.referentId === null ? null : (findUserById(db, person.referentId)?.displayName ?? null);
  const contracts = contractsOfPerson(db, person.id);
  const latest = [...contracts].reverse().find((c) => c.status !== 'brouillon' && c.status !== 'rejete') ?? null;
  const pap = latest ? (findPapVersion(db, latest.id, latest.papVersion)?.rows ?? []) : [];
  const edeRow =
    saisine.origin === 'fiche_reorientation'
      ? ((saisine.edeId !== null ? findEdeAssessment(db, saisine.edeId) : undefined) ?? latestEdeAssessment(db, person.id))
      : undefined;
  const fiche = saisine.ficheId !== null ? findFiche(db, saisine.ficheId) : undefined;
  const content = (fiche?.content ?? {}) as { motif?: string | null; motifPrecision?: string | null; texte?: string | null };
  const motifLabel =
    fiche && content.motif
      ? fiche.type === 'reorientation'
        ? (REORIENTATION_MOTIF_LABELS as Record<string, string>)[content.motif]
        : (SUSPENSION_MOTIF_LABELS as Record<string, string>)[content.motif]
      : undefined;
  return {
    itemId: item.itemId,
    slotStart: item.slotStart,
    identity: {
      name: anonymised ? initialsOf(person.prenoms, person.nomUsage ?? person.nomPatronymique) : personName(person),
      sexe: person.sexe === 'F' ? 'Femme' : 'Homme',
      dateNaissance: anonymised ? null : person.dateNaissance,
      cafNumber: anonymised ? null : foyer.cafNumber,
      address: anonymised ? [foyer.city] : addressOf(foyer),
      situationFamiliale: SITUATIONS_FAMILIALES[foyer.situationFamiliale],
      enfants: 0,
      referent,
    },
    saisine: {
      origin: saisine.origin,
      originLabel: SAISINE_ORIGIN_LABELS[saisine.origin],
      theme: saisine.theme,
      date: saisine.date,
      avisDeadline: saisine.avisDeadline,
    },
    orientations: listOrientations(db, person.id).map((o) => ({
      orientation: ORIENTATION_LABELS[o.orientation],
      start: o.startDate,
      end: o.endDate,
      organisme: o.organismeName,
    })),
    contracts: contracts
      .filter((c) => c.status !== 'brouillon')
      .map((c) => ({ type: c.type, status: CONTRACT_STATUS_LABELS[c.status], start: c.start, end: c.end })),
    pap: pap.map((r) => ({
      theme: findTheme(r.theme)?.label ?? r.theme,
      action: `${r.actionCode} ${findAction(r.actionCode)?.label ?? ''}`.trim(),
      start: r.start,
      end: r.end,
      resultat: r.resultat ? RESULTAT_LABELS[r.resultat] : null,
      bilan: r.bilan,
    })),
    ede: edeRow ? { date: edeRow.date, total: edeRow.total, proposal: EDE_PROPOSAL_LABELS[edeRow.proposal] } : null,
    fiche: fiche
      ? {
          type: FICHE_TYPE_LABELS[fiche.type],
          date: fiche.date,
          motif: motifLabel ?? null,
          precision: content.motifPrecision ?? null,
          texte: content.texte ?? null,
        }
      : null,
  };
}

/** The session file's data (cover, ordre du jour, fiches de synthèse). */
export function sessionFileData(db: DbOrTx, session: EpSessionRow, ep: EpRow, anonymised: boolean): EpSessionFile {
  const data = loadSessionData(db, session, ep);
  requireCases(data);
  const active = data.items.filter((i) => i.status === 'inscrit');
  const president = data.members.find((m) => m.isPresident)?.name ?? null;
  const children = new Map<number, number>();
  const cases = active.map((i) => {
    const s = data.saisines.get(i.saisineId)!;
    const synthese = syntheseOf(db, i, s, anonymised);
    if (!children.has(s.foyer.id)) children.set(s.foyer.id, countChildren(db, s.foyer.id));
    return { ...synthese, identity: { ...synthese.identity, enfants: children.get(s.foyer.id)! } };
  });
  return {
    anonymised,
    cover: { epName: ep.name, territory: ep.territory, president, date: session.date, place: session.place, startTime: session.startTime, cases: active.length },
    ordreDuJour: active.map((i, n) => ({
      position: n + 1,
      slotStart: i.slotStart,
      name: cases[n]!.identity.name,
      originLabel: i.originLabel,
      theme: anonymised ? i.originLabel : i.theme,
    })),
    cases,
  };
}

/**
 * The cancellation letters' data: the members convened (the EP's active members) and the beneficiaries whose case
 * was on the ordre du jour when the convocations were sent and was postponed or withdrawn since. Nobody was
 * convened before the convocations were sent: no letter then.
 */
export function cancellationData(db: DbOrTx, session: EpSessionRow, ep: EpRow): EpCancellation {
  if (session.status !== 'annulee' || session.cancelledOn === null) throw new ApiError('RULE', 'Cette séance n’est pas annulée : pas de courrier d’annulation.');
  const sentOn = session.convocationsSentOn;
  if (sentOn === null) throw new ApiError('RULE', 'Les convocations de cette séance n’avaient pas été envoyées : personne n’est à prévenir de son annulation.');
  const data = loadSessionData(db, session, ep);
  const removedAt = new Map(itemsOfSession(db, session.id).map((r) => [r.id, r.removedAt]));
  return {
    session: { date: session.date, place: session.place, startTime: session.startTime, territory: ep.territory, epName: ep.name },
    cancelledOn: session.cancelledOn,
    reason: session.cancelReason ?? '',
    members: data.members.map((m) => ({ memberId: m.id, name: m.name, function: m.function, organisationLabel: EP_ORGANISATION_LABELS[m.organisation], address: m.address })),
    beneficiaries: data.items.flatMap((i) => {
      const at = removedAt.get(i.itemId);
      if (i.status === 'inscrit' || !at || at.slice(0, 10) < sentOn) return [];
      const s = data.saisines.get(i.saisineId)!;
      return [{ itemId: i.itemId, personId: s.person.id, civilite: civiliteOf(s.person.sexe), name: personName(s.person), address: addressOf(s.foyer), time: i.slotStart, status: i.status }];
    }),
  };
}

const countChildren = (db: DbOrTx, foyerId: number): number => householdOf(db, foyerId).dependants;

export function file(input: MethodParsedInput<'ep.sessions.file'>, call: AuthedCall): MethodOutput<'ep.sessions.file'> {
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, call.actor, input.sessionId, 'secretariat');
  return sessionFileData(db, session, ep, input.anonymised);
}

export function minutes(input: MethodParsedInput<'ep.sessions.minutes'>, call: AuthedCall): MethodOutput<'ep.sessions.minutes'> {
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, call.actor, input.sessionId, 'secretariat');
  if (!sessionAtLeast(session.status, 'tenue')) {
    throw new ApiError('RULE', 'Le procès-verbal se prépare une fois la séance tenue.');
  }
  const data = loadSessionData(db, session, ep);
  return {
    session: {
      epName: ep.name,
      territory: ep.territory,
      date: session.date,
      place: session.place,
      startTime: session.startTime,
      president: data.members.find((m) => m.isPresident)?.name ?? null,
    },
    attendance: data.attendance,
    quorum: data.quorum,
    cases: data.items
      .filter((i) => i.status === 'inscrit')
      .map((i) => ({ itemId: i.itemId, name: personName(i.person), originLabel: i.originLabel, theme: i.theme, avis: i.avis })),
    postponed: data.items
      .filter((i) => i.status !== 'inscrit')
      .map((i) => ({ name: personName(i.person), status: i.status === 'reporte' ? 'Reporté' : 'Retiré', reason: i.removalReason ?? '' })),
  };
}
