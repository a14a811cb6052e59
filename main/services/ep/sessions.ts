/**
 * The queue of saisines and the sessions of the équipe pluridisciplinaire: creation, ordre du jour (deadline
 * first, a saisine in one session at most), time slots (automatic, editable), postponing / withdrawing a case,
 * the life cycle (shared/domain/rules/ep-sessions: one step at a time), attendance with the quorum, and the avis
 * (`recordEpAvis`: reasoned, never before the saisine, flagged when given after the month).
 */
import {
  activeItemOfSaisine,
  attachmentsOf,
  avisOfSaisine,
  decisionOfSaisine,
  findAttachment,
  findSaisineWithPerson,
  insertAvis,
  insertItem,
  insertSession,
  itemsOfSession,
  lastRemovals,
  queueOfTerritory,
  recordEpAudit,
  replaceAttendance,
  saisinesWithPerson,
  sessionsOfEp,
  updateItem,
  updateSession,
  type DbOrTx,
  findEpByTerritory,
} from '../../../db/queries';
import type { EpSessionItemRow, EpSessionRow } from '../../../db/schema-ep';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { EpSession } from '../../../shared/api/ep';
import { ApiError, ROOT_FIELD } from '../../../shared/api/errors';
import { daysBetween } from '../../../shared/domain/rules/dates';
import { recordEpAvis, SAISINE_ORIGIN_LABELS, sanctionKindForMotif } from '../../../shared/domain/rules/ep';
import {
  assignSlots as computeSlots,
  checkSessionCancel,
  checkSessionTransition,
  DEADLINE_FLAG_LABELS,
  deadlineFlag,
  EP_SESSION_STATE_LABELS,
  sessionAtLeast,
  slotConfigSchema,
  type EpSessionState,
  type SlotConfig,
} from '../../../shared/domain/rules/ep-sessions';
import type { SuspensionMotif } from '../../../shared/domain/rules/fiche-liaison';
import { auditActor, type AuthedCall } from '../context';
import {
  accessibleSession,
  actorTerritory,
  loadSessionData,
  personRef,
  reloadSession,
  isSecretariat,
  requireActorEp,
  requireSecretariat,
  sessionFacts,
  sessionSummaries,
  sessionView,
} from './common';
import { SECOND_RECORDING, checkVersion, conflictError, fieldError, notAfterToday, ruleFailure, todayOf } from '../kit';
import { formatDate, personName } from '../../../shared/domain/format';

// --- Queue -------------------------------------------------------------------------------------------------

export function queue(_input: MethodParsedInput<'ep.queue'>, call: AuthedCall): MethodOutput<'ep.queue'> {
  const db = call.open.db;
  const today = todayOf(call);
  // The whole territory's queue for the EP's secretariat; the caller's MDS's saisines for everyone else.
  const ep = findEpByTerritory(db, actorTerritory(db, call.actor));
  const all = queueOfTerritory(db, actorTerritory(db, call.actor));
  const rows = ep && isSecretariat(call.actor, ep) ? all : all.filter((r) => r.foyer.mdsId === call.actor.mdsId);
  const removals = lastRemovals(db, rows.map((r) => r.saisine.id));
  return rows.map(({ saisine, person, foyer }) => {
    const flag = deadlineFlag(saisine.avisDeadline, today);
    const removal = removals.get(saisine.id);
    return {
      saisineId: saisine.id,
      person: personRef(person, foyer.cafNumber),
      origin: saisine.origin,
      originLabel: SAISINE_ORIGIN_LABELS[saisine.origin],
      theme: saisine.theme,
      date: saisine.date,
      avisDeadline: saisine.avisDeadline,
      daysLeft: daysBetween(today, saisine.avisDeadline),
      flag,
      flagLabel: DEADLINE_FLAG_LABELS[flag],
      documents: documentsOf(db, saisine.attachmentIds, saisine.ficheId),
      lastRemoval:
        removal && (removal.item.status === 'reporte' || removal.item.status === 'retire')
          ? { status: removal.item.status, reason: removal.item.removalReason ?? '', at: removal.item.removedAt ?? '', sessionDate: removal.sessionDate }
          : null,
    };
  });
}

/** The saisine's documents: those it names and the attachments of its fiche. */
function documentsOf(db: DbOrTx, attachmentIds: readonly number[], ficheId: number | null) {
  const byId = new Map<number, { attachmentId: number; fileName: string; kind: string; label: string | null }>();
  const add = (a: { id: number; fileName: string; kind: string; label: string | null } | undefined) => {
    if (a) byId.set(a.id, { attachmentId: a.id, fileName: a.fileName, kind: a.kind, label: a.label });
  };
  attachmentIds.forEach((id) => add(findAttachment(db, id)));
  if (ficheId !== null) attachmentsOf(db, 'fiche', ficheId).forEach(add);
  return [...byId.values()];
}

// --- Sessions ----------------------------------------------------------------------------------------------

export function list(_input: MethodParsedInput<'ep.sessions.list'>, call: AuthedCall): MethodOutput<'ep.sessions.list'> {
  const db = call.open.db;
  const ep = requireActorEp(db, call.actor);
  return sessionSummaries(db, ep, sessionsOfEp(db, ep.id));
}

export function get(input: MethodParsedInput<'ep.sessions.get'>, call: AuthedCall): MethodOutput<'ep.sessions.get'> {
  const db = call.open.db;
  const { session, ep, ownMdsOnly } = accessibleSession(db, call.actor, input.sessionId);
  return sessionView(db, session, ep, todayOf(call), ownMdsOnly);
}

const sessionSnapshot = (s: EpSessionRow) => ({
  epId: s.epId,
  date: s.date,
  place: s.place,
  startTime: s.startTime,
  casesPerSlot: s.casesPerSlot,
  slotMinutes: s.slotMinutes,
  lunchStart: s.lunchStart,
  lunchEnd: s.lunchEnd,
  status: s.status,
  convocationsSentOn: s.convocationsSentOn,
  heldOn: s.heldOn,
  closedOn: s.closedOn,
  cancelledOn: s.cancelledOn,
  cancelReason: s.cancelReason,
});

const itemSnapshot = (i: EpSessionItemRow) => ({
  sessionId: i.sessionId,
  saisineId: i.saisineId,
  position: i.position,
  slotStart: i.slotStart,
  status: i.status,
  removalReason: i.removalReason,
});

/** The slot settings of an input, checked by the rule (French messages at their fields). */
function slotConfigOf(input: { startTime: string; casesPerSlot: number; slotMinutes: number; lunchStart: string | null; lunchEnd: string | null }): SlotConfig {
  const parsed = slotConfigSchema.safeParse({
    startTime: input.startTime,
    casesPerSlot: input.casesPerSlot,
    slotMinutes: input.slotMinutes,
    lunchStart: input.lunchStart,
    lunchEnd: input.lunchEnd,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fieldError('VALIDATION', issue.path.join('.') || ROOT_FIELD, issue.message);
  }
  return parsed.data;
}

const configOfSession = (s: EpSessionRow): SlotConfig => ({
  startTime: s.startTime,
  casesPerSlot: s.casesPerSlot,
  slotMinutes: s.slotMinutes,
  lunchStart: s.lunchStart,
  lunchEnd: s.lunchEnd,
});

function requireState(session: EpSessionRow, allowed: readonly EpSessionState[], what: string): void {
  if (!allowed.includes(session.status)) {
    throw new ApiError(
      'RULE',
      `${what} : la séance est à l’étape « ${EP_SESSION_STATE_LABELS[session.status]} » (possible à l’étape ${allowed.map((s) => `« ${EP_SESSION_STATE_LABELS[s]} »`).join(' ou ')}).`,
    );
  }
}

export function create(input: MethodParsedInput<'ep.sessions.create'>, call: AuthedCall): MethodOutput<'ep.sessions.create'> {
  const { app, actor } = call;
  const db = call.open.db;
  const ep = requireActorEp(db, actor);
  requireSecretariat(db, actor, ep);
  const config = slotConfigOf(input);
  const at = app.nowIso();
  const row = db.transaction((tx) => {
    const s = insertSession(tx, {
      epId: ep.id,
      date: input.date,
      place: input.place,
      ...config,
      status: 'creee',
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    });
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session', entityId: s.id, action: 'create', before: null, after: sessionSnapshot(s) });
    return s;
  });
  return sessionView(db, row, ep, todayOf(call));
}

export function update(input: MethodParsedInput<'ep.sessions.update'>, call: AuthedCall): MethodOutput<'ep.sessions.update'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  if (input.version !== undefined) checkVersion(call, session.version, input.version, 'seance', session.id);
  requireState(session, ['creee', 'dossiers_inscrits'], 'La date, le lieu et les horaires se changent avant l’envoi des convocations');
  const config = slotConfigOf(input);
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateSession(tx, session.id, { date: input.date, place: input.place, ...config }, at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session', entityId: row.id, action: 'update', before: sessionSnapshot(session), after: sessionSnapshot(row) });
    reslot(tx, call, row, at);
  });
  return sessionView(db, reloadSession(db, session.id), ep, todayOf(call));
}

/**
 * Orders the active cases by avis deadline (then saisine date) and gives each its slot with the session's
 * settings; journals the items whose position or slot changed.
 */
function reslot(tx: DbOrTx, call: AuthedCall, session: EpSessionRow, at: string): void {
  const active = itemsOfSession(tx, session.id).filter((i) => i.active);
  const saisines = saisinesWithPerson(tx, active.map((i) => i.saisineId));
  const ordered = [...active].sort((a, b) => {
    const sa = saisines.get(a.saisineId)!.saisine;
    const sb = saisines.get(b.saisineId)!.saisine;
    return sa.avisDeadline.localeCompare(sb.avisDeadline) || sa.date.localeCompare(sb.date) || a.id - b.id;
  });
  const slots = computeSlots(ordered.length, configOfSession(session));
  if (!slots.ok) throw ruleFailure(slots.errors);
  ordered.forEach((item, i) => {
    const position = i + 1;
    const slotStart = slots.slots[i]!;
    if (item.position === position && item.slotStart === slotStart) return;
    const row = updateItem(tx, item.id, { position, slotStart });
    recordEpAudit(tx, { actor: auditActor(call.actor), at, entity: 'ep_session_item', entityId: row.id, action: 'update', before: itemSnapshot(item), after: itemSnapshot(row) });
  });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function addSaisines(input: MethodParsedInput<'ep.sessions.addSaisines'>, call: AuthedCall): MethodOutput<'ep.sessions.addSaisines'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  requireState(session, ['creee', 'dossiers_inscrits'], 'Les dossiers s’inscrivent avant l’envoi des convocations');
  const ids = [...new Set(input.saisineIds)];
  if (ids.length !== input.saisineIds.length) throw fieldError('VALIDATION', 'saisineIds', 'Une même saisine est choisie deux fois.');
  for (const id of ids) {
    const found = findSaisineWithPerson(db, id);
    if (!found) throw fieldError('VALIDATION', 'saisineIds', `La saisine n° ${id} est introuvable.`);
    const who = personName(found.person);
    if (found.territory !== ep.territory) {
      throw new ApiError('FORBIDDEN', `La saisine de ${who} relève du territoire « ${found.territory} » : elle ne peut pas être inscrite à cette séance.`, {
        saisineIds: 'Saisine d’un autre territoire',
      });
    }
    if (decisionOfSaisine(db, id) || avisOfSaisine(db, id)) {
      throw fieldError('RULE', 'saisineIds', `La saisine de ${who} a déjà reçu l’avis de l’équipe pluridisciplinaire.`);
    }
    const current = activeItemOfSaisine(db, id);
    if (current) {
      const other = reloadSession(db, current.sessionId);
      throw fieldError(
        'CONFLICT',
        'saisineIds',
        current.sessionId === session.id
          ? `La saisine de ${who} est déjà inscrite à cette séance.`
          : `La saisine de ${who} est déjà inscrite à la séance du ${formatDate(other.date)} : retirez-la ou reportez-la d’abord.`,
      );
    }
  }
  const at = app.nowIso();
  try {
    db.transaction((tx) => {
      let position = itemsOfSession(tx, session.id).filter((i) => i.active).length;
      for (const saisineId of ids) {
        const row = insertItem(tx, { sessionId: session.id, saisineId, position: ++position, slotStart: null, status: 'inscrit', active: true, createdBy: actor.id, createdAt: at });
        recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session_item', entityId: row.id, action: 'create', before: null, after: itemSnapshot(row) });
      }
      reslot(tx, call, session, at);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('CONFLICT', 'saisineIds', 'Une de ces saisines vient d’être inscrite à une autre séance : rechargez la file d’attente.');
    throw error;
  }
  return sessionView(db, reloadSession(db, session.id), ep, todayOf(call));
}

export function assignSlots(input: MethodParsedInput<'ep.sessions.assignSlots'>, call: AuthedCall): MethodOutput<'ep.sessions.assignSlots'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  requireState(session, ['creee', 'dossiers_inscrits'], 'Les horaires se fixent avant l’envoi des convocations');
  const at = app.nowIso();
  db.transaction((tx) => {
    let row = session;
    if (input.config) {
      const config = slotConfigOf(input.config);
      row = updateSession(tx, session.id, config, at);
      recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session', entityId: row.id, action: 'update', before: sessionSnapshot(session), after: sessionSnapshot(row) });
    }
    reslot(tx, call, row, at);
  });
  return sessionView(db, reloadSession(db, session.id), ep, todayOf(call));
}

function activeItem(db: DbOrTx, session: EpSessionRow, itemId: number): EpSessionItemRow {
  const item = itemsOfSession(db, session.id).find((i) => i.id === itemId);
  if (!item) throw new ApiError('NOT_FOUND', 'Ce dossier ne figure pas à l’ordre du jour de la séance.');
  if (!item.active) {
    throw new ApiError('RULE', `Ce dossier a été ${item.status === 'reporte' ? 'reporté' : 'retiré'} : il ne figure plus à l’ordre du jour de la séance.`);
  }
  return item;
}

export function setSlot(input: MethodParsedInput<'ep.sessions.setSlot'>, call: AuthedCall): MethodOutput<'ep.sessions.setSlot'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  requireState(session, ['creee', 'dossiers_inscrits'], 'Les horaires se changent avant l’envoi des convocations');
  const item = activeItem(db, session, input.itemId);
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateItem(tx, item.id, { slotStart: input.slotStart });
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session_item', entityId: row.id, action: 'update', before: itemSnapshot(item), after: itemSnapshot(row) });
  });
  return sessionView(db, reloadSession(db, session.id), ep, todayOf(call));
}

export function removeItem(input: MethodParsedInput<'ep.sessions.removeItem'>, call: AuthedCall): MethodOutput<'ep.sessions.removeItem'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  requireState(session, ['creee', 'dossiers_inscrits', 'convocations_envoyees', 'tenue'], 'Un dossier se reporte ou se retire avant que les avis soient rendus');
  const item = activeItem(db, session, input.itemId);
  if (avisOfSaisine(db, item.saisineId)) throw new ApiError('RULE', 'L’équipe a déjà rendu son avis sur ce dossier : il ne peut plus être reporté ni retiré.');
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateItem(tx, item.id, { status: input.status, active: false, removalReason: input.reason, removedAt: at, removedBy: actor.id });
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session_item', entityId: row.id, action: 'update', before: itemSnapshot(item), after: itemSnapshot(row) });
  });
  return sessionView(db, reloadSession(db, session.id), ep, todayOf(call));
}

export function advance(input: MethodParsedInput<'ep.sessions.advance'>, call: AuthedCall): MethodOutput<'ep.sessions.advance'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  const today = todayOf(call);
  const checked = checkSessionTransition(sessionFacts(loadSessionData(db, session, ep), today), input.to);
  if (!checked.ok) throw ruleFailure(checked.errors);
  const date = input.date ?? (input.to === 'tenue' ? session.date : today);
  notAfterToday(date, today, 'date', 'La date de l’étape');
  if (input.to === 'tenue' && date < session.date) throw fieldError('VALIDATION', 'date', 'La séance ne peut pas être tenue avant sa date.');
  const dates: Partial<EpSessionRow> =
    input.to === 'convocations_envoyees' ? { convocationsSentOn: date } : input.to === 'tenue' ? { heldOn: date } : input.to === 'close' ? { closedOn: date } : {};
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateSession(tx, session.id, { status: input.to, ...dates }, at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session', entityId: row.id, action: 'update', before: sessionSnapshot(session), after: sessionSnapshot(row) });
  });
  return sessionView(db, reloadSession(db, session.id), ep, today);
}

/**
 * Cancels a session before it is held, once no case is left on its ordre du jour (checkSessionCancel); dated today.
 * The letters to those convened are the documents capability's (`ep.sessions.cancel` archives them in the same call).
 */
export function cancelSession(input: { sessionId: number; version: number; reason: string }, call: AuthedCall): EpSession {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  checkVersion(call, session.version, input.version, 'seance', session.id);
  const today = todayOf(call);
  const checked = checkSessionCancel(sessionFacts(loadSessionData(db, session, ep), today));
  if (!checked.ok) throw ruleFailure(checked.errors);
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = updateSession(tx, session.id, { status: 'annulee', cancelledOn: today, cancelReason: input.reason }, at);
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_session', entityId: row.id, action: 'update', before: sessionSnapshot(session), after: sessionSnapshot(row) });
  });
  return sessionView(db, reloadSession(db, session.id), ep, today);
}

// --- At the session ----------------------------------------------------------------------------------------

export function recordAttendance(
  input: MethodParsedInput<'ep.sessions.recordAttendance'>,
  call: AuthedCall,
): MethodOutput<'ep.sessions.recordAttendance'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  requireState(session, ['tenue'], 'La présence se relève pendant la séance');
  const data = loadSessionData(db, session, ep);
  const members = new Map(data.members.map((m) => [m.id, m]));
  const seen = new Set<number>();
  const rows = input.attendance.map((a, i) => {
    const member = members.get(a.memberId);
    if (!member) throw fieldError('VALIDATION', `attendance.${i}.memberId`, 'Ce membre ne fait pas partie de l’équipe pluridisciplinaire de la séance.');
    if (seen.has(a.memberId)) throw fieldError('VALIDATION', `attendance.${i}.memberId`, `La présence de ${member.name} est indiquée deux fois.`);
    seen.add(a.memberId);
    const replacedBy = a.status === 'remplace' ? (a.replacedBy ?? member.substituteName) : null;
    if (a.status === 'remplace' && !replacedBy) {
      throw fieldError('VALIDATION', `attendance.${i}.replacedBy`, `${member.name} n’a pas de suppléant connu : indiquez qui l’a remplacé.`);
    }
    return { memberId: a.memberId, status: a.status, replacedBy, recordedAt: app.nowIso() };
  });
  const missing = data.members.filter((m) => !seen.has(m.id));
  if (missing.length > 0) {
    throw fieldError('VALIDATION', 'attendance', `Indiquez la présence de chaque membre : ${missing.map((m) => m.name).join(', ')}.`);
  }
  const at = app.nowIso();
  const before = data.attendance.map((a) => ({ memberId: a.memberId, status: a.status, replacedBy: a.replacedBy }));
  db.transaction((tx) => {
    replaceAttendance(tx, session.id, rows);
    recordEpAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'ep_attendance',
      entityId: session.id,
      action: before.some((b) => b.status !== null) ? 'update' : 'create',
      before,
      after: rows.map((r) => ({ memberId: r.memberId, status: r.status, replacedBy: r.replacedBy })),
    });
  });
  return sessionView(db, reloadSession(db, session.id), ep, todayOf(call));
}

export function recordAvis(input: MethodParsedInput<'ep.sessions.recordAvis'>, call: AuthedCall): MethodOutput<'ep.sessions.recordAvis'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, actor, input.sessionId, 'secretariat');
  requireState(session, ['tenue'], 'L’avis se rend pendant la séance');
  const item = activeItem(db, session, input.itemId);
  const found = findSaisineWithPerson(db, item.saisineId)!;
  const s = found.saisine;
  const today = todayOf(call);
  notAfterToday(input.date, today, 'date', 'La date de l’avis');
  if (input.date < session.date) throw fieldError('VALIDATION', 'date', `L’avis est rendu en séance : il ne peut pas précéder la séance du ${formatDate(session.date)}.`);
  if (input.proposedSanction && s.origin !== 'fiche_suspension') {
    throw fieldError('VALIDATION', 'proposedSanction', 'Une sanction ne se propose que sur une demande de suspension.');
  }
  if (input.proposedSanction && input.sens !== 'favorable') {
    throw fieldError('VALIDATION', 'proposedSanction', 'Un avis défavorable à la suspension ne propose pas de sanction.');
  }
  const existing = avisOfSaisine(db, s.id);
  if (existing) throw conflictError(call, { entity: 'ep_avis', id: existing.id }, 'L’équipe pluridisciplinaire a déjà rendu son avis sur cette saisine.', SECOND_RECORDING);
  const ruled = recordEpAvis(
    { origin: s.origin, date: s.date, avis: null },
    { date: input.date, sens: input.sens, motivation: input.motivation },
  );
  if (!ruled.ok) throw ruleFailure(ruled.errors);
  const proposedSanction =
    s.origin === 'fiche_suspension' && input.sens === 'favorable'
      ? (input.proposedSanction ?? sanctionKindForMotif(s.suspensionMotif as SuspensionMotif | null))
      : null;
  const at = app.nowIso();
  db.transaction((tx) => {
    const row = insertAvis(tx, {
      itemId: item.id,
      saisineId: s.id,
      date: input.date,
      sens: input.sens,
      motivation: input.motivation,
      proposedSanction,
      late: ruled.late,
      recordedBy: actor.id,
      recordedAt: at,
    });
    recordEpAudit(tx, { actor: auditActor(actor), at, entity: 'ep_avis', entityId: row.id, action: 'create', before: null, after: { ...row, id: undefined } });
  });
  return sessionView(db, reloadSession(db, session.id), ep, today);
}

/** Whether the session is at or past a state (used by the decision service). */
export const sessionReached = (session: EpSessionRow, state: EpSessionState): boolean => sessionAtLeast(session.status, state);
