/**
 * Shared by the EP services: the caller's territory and EP, access to a session, and the views of a session.
 *
 * Access (enforced here on every call, on top of the contract's roles):
 * - secrétaires EP and administrators manage the EP and the sessions of their territory (the territory of their
 *   MDS); a session of another territory is refused to them (FORBIDDEN), as to correspondents, who only read;
 * - référents see the EP's outcome on their own dossiers only (ep.outcomesForDossier, via accessibleDossier).
 */
import {
  activeItemCounts,
  attendanceOfSession,
  avisOfItems,
  decisionsOfItems,
  findEp,
  findEpByTerritory,
  findMds,
  findSession,
  itemsOfSession,
  membersOfEp,
  sanctionsOfDecisions,
  saisinesWithPerson,
  territoryOfMds,
  userRefs,
  type DbOrTx,
  type SaisineWithPerson,
} from '../../../db/queries';
import type { EpAvisRow, EpDecisionRow, EpMemberRow, EpRow, EpSanctionRow, EpSessionRow } from '../../../db/schema-ep';
import type { Person } from '../../../db/schema';
import {
  EP_ORGANISATION_LABELS,
  type Ep,
  type EpDecision,
  type EpMember,
  type EpSanction,
  type EpSession,
  type EpSessionItem,
  type EpSessionSummary,
} from '../../../shared/api/ep';
import { ApiError } from '../../../shared/api/errors';
import { SAISINE_ORIGIN_LABELS } from '../../../shared/domain/rules/ep';
import {
  checkSessionTransition,
  EP_SESSION_STATE_LABELS,
  nextSessionState,
  quorum,
  type AttendanceStatus,
  type Quorum,
} from '../../../shared/domain/rules/ep-sessions';
import { contractDeadline } from '../../../shared/domain/rules/orientation';
import { SANCTION_KIND_LABELS, type SanctionSchedule } from '../../../shared/domain/rules/sanctions';
import { sanctionRecomputationText } from '../../../shared/domain/rules/contracts';
import type { Actor } from '../context';

export const NO_EP =
  'L’équipe pluridisciplinaire de votre territoire n’est pas encore constituée : un administrateur ou un secrétaire EP doit la créer.';

/** The territory of the caller's MDS. */
export function actorTerritory(db: DbOrTx, actor: Actor): string {
  const territory = territoryOfMds(db, actor.mdsId);
  if (territory === undefined) throw new ApiError('FORBIDDEN', 'Votre compte n’est rattaché à aucune MDS.');
  return territory;
}

/** The EP of the caller's territory, or NOT_FOUND. */
export function requireActorEp(db: DbOrTx, actor: Actor): EpRow {
  const ep = findEpByTerritory(db, actorTerritory(db, actor));
  if (!ep) throw new ApiError('NOT_FOUND', NO_EP);
  return ep;
}

/**
 * The EP's secretariat: the MDS that keeps it (`eps.mds_id`). Its staff with EP access (secrétaires EP and
 * administrators, who manage — the contract gives them the writes — and correspondants, who read) see the whole
 * territory's queue, every case of the sessions and the session-wide papers (convocations, session file,
 * procès-verbal). The other MDS of the territory see only their own cases, and change nothing (docs/rules.md, issue 13).
 */
export function isSecretariat(actor: Actor, ep: EpRow): boolean {
  return ep.mdsId === actor.mdsId;
}

export function requireSecretariat(db: DbOrTx, actor: Actor, ep: EpRow): void {
  if (isSecretariat(actor, ep)) return;
  const keeper = ep.mdsId === null ? undefined : findMds(db, ep.mdsId)?.name;
  throw new ApiError(
    'FORBIDDEN',
    `L’équipe pluridisciplinaire du territoire est tenue par ${keeper ? `la MDS « ${keeper} »` : 'une autre MDS'} : seul son secrétariat la gère et voit les dossiers des autres MDS ; vous voyez les dossiers de votre MDS.`,
  );
}

/**
 * A session the caller may see: NOT_FOUND if none, FORBIDDEN when it belongs to another territory's EP, or when
 * `need` is 'secretariat' and the caller is not the EP's secretariat. `ownMdsOnly`: show only the caller's MDS's cases.
 */
export function accessibleSession(
  db: DbOrTx,
  actor: Actor,
  sessionId: number,
  need: 'cases' | 'secretariat' = 'cases',
): { session: EpSessionRow; ep: EpRow; ownMdsOnly: number | null } {
  const session = findSession(db, sessionId);
  const ep = session ? findEp(db, session.epId) : undefined;
  if (!session || !ep) throw new ApiError('NOT_FOUND', 'Cette séance de l’équipe pluridisciplinaire est introuvable.');
  if (ep.territory !== actorTerritory(db, actor)) {
    throw new ApiError(
      'FORBIDDEN',
      `Cette séance relève de l’équipe pluridisciplinaire du territoire « ${ep.territory} » : vous ne pouvez ni la consulter ni la modifier.`,
    );
  }
  if (need === 'secretariat') requireSecretariat(db, actor, ep);
  return { session, ep, ownMdsOnly: isSecretariat(actor, ep) ? null : actor.mdsId };
}

export function memberView(m: EpMemberRow): EpMember {
  return {
    id: m.id,
    name: m.name,
    function: m.function,
    organisation: m.organisation,
    organisationLabel: EP_ORGANISATION_LABELS[m.organisation],
    isPresident: m.isPresident,
    substituteName: m.substituteName,
    substituteFunction: m.substituteFunction,
    address: m.address,
    active: m.active,
  };
}

export function epView(db: DbOrTx, ep: EpRow): Ep {
  const members = membersOfEp(db, ep.id).map(memberView);
  return { id: ep.id, territory: ep.territory, name: ep.name, president: members.find((m) => m.isPresident) ?? null, members, version: ep.version };
}

export const personRef = (p: Person, cafNumber: string) => ({
  personId: p.id,
  nomPatronymique: p.nomPatronymique,
  nomUsage: p.nomUsage,
  prenoms: p.prenoms,
  cafNumber,
});

export function avisView(db: DbOrTx, a: EpAvisRow) {
  const refs = userRefs(db, [a.recordedBy]);
  return {
    date: a.date,
    sens: a.sens,
    motivation: a.motivation,
    proposedSanction: a.proposedSanction,
    late: a.late,
    recordedBy: refs.get(a.recordedBy)?.displayName ?? `Compte n° ${a.recordedBy}`,
  };
}

export function sanctionView(s: EpSanctionRow): EpSanction {
  const schedule = JSON.parse(s.scheduleJson) as SanctionSchedule;
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: SANCTION_KIND_LABELS[s.kind],
    start: s.start,
    household: { couple: s.couple, dependants: s.dependants },
    resources: s.resourcesCents === null ? null : s.resourcesCents / 100,
    personAlone: schedule.personAlone,
    lines: schedule.lines.map((l) => ({
      month: l.month,
      step: l.step,
      label: l.label,
      montantForfaitaire: l.montantForfaitaire,
      allowance: l.allowance,
      reduction: l.reduction,
      amountPaid: l.amountPaid,
      totalSuspension: l.totalSuspension,
    })),
    stoppedBy: schedule.stoppedBy,
    radiation: schedule.radiation,
    rsaAmountsVersion: s.rsaAmountsVersion,
    recomputation: recomputationOf(s, schedule),
  };
}

/** A schedule recomputed at the contract's signature (contracts.sign): the change, in French. */
function recomputationOf(s: EpSanctionRow, schedule: SanctionSchedule): EpSanction['recomputation'] {
  if (!s.recomputedAt || !s.contractSignedOn || !s.previousScheduleJson) return null;
  const previous = JSON.parse(s.previousScheduleJson) as SanctionSchedule;
  const text = sanctionRecomputationText(s.start, schedule, previous, s.contractSignedOn, s.recomputedAt);
  return { at: s.recomputedAt, contractSignedOn: s.contractSignedOn, text };
}

export const EFFECT_LABELS: Record<EpDecisionRow['effect'], string> = {
  ouvrir_orientation: 'Nouvelle orientation ouverte sur le dossier',
  demarrer_sanction: 'Sanction engagée (échéancier joint au dossier)',
  aucun: 'Aucun effet : la situation reste inchangée',
};

export function decisionView(d: EpDecisionRow, sanction: EpSanctionRow | undefined): EpDecision {
  const deadline = d.effect === 'ouvrir_orientation' && d.orientation ? contractDeadline({ date: d.date, orientation: d.orientation }) : null;
  return {
    id: d.id,
    date: d.date,
    sens: d.sens,
    commentaire: d.commentaire,
    effect: d.effect,
    effectLabel: EFFECT_LABELS[d.effect],
    orientation: d.orientation,
    organismeName: d.organismeName,
    correspondantName: d.correspondantName,
    orientationId: d.orientationId,
    contractDeadline: deadline ? { kind: deadline.contractKind, deadline: deadline.deadline } : null,
    sanction: sanction ? sanctionView(sanction) : null,
    signatory: d.signatoryName ? { name: d.signatoryName, function: d.signatoryFunction ?? '', delegation: d.signatoryDelegation } : null,
    recordedBy: d.recordedByName,
    recordedAt: d.recordedAt,
  };
}

export interface SessionData {
  session: EpSessionRow;
  ep: EpRow;
  items: EpSessionItem[];
  members: EpMemberRow[];
  attendance: EpSession['attendance'];
  quorum: Quorum;
  saisines: Map<number, SaisineWithPerson>;
}

/** Everything a session shows: its cases (with avis and decisions), the attendance and the quorum. */
export function loadSessionData(db: DbOrTx, session: EpSessionRow, ep: EpRow, ownMdsOnly: number | null = null): SessionData {
  const all = itemsOfSession(db, session.id);
  const saisines = saisinesWithPerson(db, all.map((r) => r.saisineId));
  // Outside the EP's secretariat, only the cases of the caller's MDS.
  const rows = ownMdsOnly === null ? all : all.filter((r) => saisines.get(r.saisineId)?.foyer.mdsId === ownMdsOnly);
  const avis = avisOfItems(db, rows.map((r) => r.id));
  const decisions = decisionsOfItems(db, rows.map((r) => r.id));
  const sanctions = sanctionsOfDecisions(db, [...decisions.values()].map((d) => d.id));
  const items: EpSessionItem[] = rows.map((r) => {
    const s = saisines.get(r.saisineId);
    if (!s) throw new Error(`saisine ${r.saisineId} absente`);
    const a = avis.get(r.id);
    const d = decisions.get(r.id);
    return {
      itemId: r.id,
      saisineId: r.saisineId,
      position: r.position,
      slotStart: r.slotStart,
      status: r.status,
      removalReason: r.removalReason,
      person: personRef(s.person, s.foyer.cafNumber),
      origin: s.saisine.origin,
      originLabel: SAISINE_ORIGIN_LABELS[s.saisine.origin],
      theme: s.saisine.theme,
      saisineDate: s.saisine.date,
      avisDeadline: s.saisine.avisDeadline,
      avis: a ? avisView(db, a) : null,
      decision: d ? decisionView(d, sanctions.get(d.id)) : null,
    };
  });
  const recorded = attendanceOfSession(db, session.id);
  const byMember = new Map(recorded.map((a) => [a.memberId, a]));
  const allMembers = membersOfEp(db, ep.id, true);
  // Once attendance is recorded, the members of that day; before, the active members.
  const members = allMembers.filter((m) => (recorded.length > 0 ? byMember.has(m.id) : m.active));
  const attendance = members.map((m) => {
    const a = byMember.get(m.id);
    return {
      memberId: m.id,
      name: m.name,
      function: m.function,
      organisationLabel: EP_ORGANISATION_LABELS[m.organisation],
      isPresident: m.isPresident,
      status: a?.status ?? null,
      replacedBy: a?.replacedBy ?? null,
    };
  });
  const q = quorum(
    members.length,
    attendance.map((a) => a.status).filter((s): s is AttendanceStatus => s !== null),
  );
  return { session, ep, items, members, attendance, quorum: q, saisines };
}

export function summaryView(session: EpSessionRow, ep: EpRow, cases: number): EpSessionSummary {
  return {
    id: session.id,
    epId: ep.id,
    territory: ep.territory,
    date: session.date,
    place: session.place,
    startTime: session.startTime,
    status: session.status,
    statusLabel: EP_SESSION_STATE_LABELS[session.status],
    cases,
  };
}

export function sessionFacts(data: SessionData, today: string) {
  const active = data.items.filter((i) => i.status === 'inscrit');
  return {
    state: data.session.status,
    date: data.session.date,
    today,
    activeItems: active.length,
    itemsWithoutSlot: active.filter((i) => i.slotStart === null).length,
    attendanceRecorded: data.attendance.filter((a) => a.status !== null).length,
    members: data.members.length,
    itemsWithAvis: active.filter((i) => i.avis !== null).length,
    itemsWithDecision: active.filter((i) => i.decision !== null).length,
  };
}

export function sessionView(db: DbOrTx, session: EpSessionRow, ep: EpRow, today: string, ownMdsOnly: number | null = null): EpSession {
  const data = loadSessionData(db, session, ep, ownMdsOnly);
  const next = nextSessionState(session.status);
  const whole = ownMdsOnly === null ? data : loadSessionData(db, session, ep);
  const check = next ? checkSessionTransition(sessionFacts(whole, today), next) : null;
  return {
    ...summaryView(session, ep, data.items.filter((i) => i.status === 'inscrit').length),
    slotConfig: {
      startTime: session.startTime,
      casesPerSlot: session.casesPerSlot,
      slotMinutes: session.slotMinutes,
      lunchStart: session.lunchStart,
      lunchEnd: session.lunchEnd,
    },
    convocationsSentOn: session.convocationsSentOn,
    heldOn: session.heldOn,
    closedOn: session.closedOn,
    cancelledOn: session.cancelledOn,
    cancelReason: session.cancelReason,
    items: data.items,
    attendance: data.attendance,
    quorum: data.quorum,
    next: next && check ? { state: next, label: EP_SESSION_STATE_LABELS[next], blockers: check.ok ? [] : check.errors.map((e) => e.message) } : null,
    version: session.version,
  };
}

export function sessionSummaries(db: DbOrTx, ep: EpRow, sessions: readonly EpSessionRow[]): EpSessionSummary[] {
  const counts = activeItemCounts(db, sessions.map((s) => s.id));
  return sessions.map((s) => summaryView(s, ep, counts.get(s.id) ?? 0));
}

/** Reloads a session after a write (same transaction or after it). */
export function reloadSession(db: DbOrTx, sessionId: number): EpSessionRow {
  const row = findSession(db, sessionId);
  if (!row) throw new Error(`ep_sessions.id ${sessionId} absent`);
  return row;
}
