/**
 * Rendez-vous of a dossier: planned by its référent or the SLAI (never in the past), changed or cancelled (with the
 * reason) until they take place, and afterwards présent / absent excusé / absent non excusé. The convocation letter
 * is a document of the documents capability (kind 'convocation'), archived like every document; the rendez-vous
 * keeps the last one archived. Every write is journaled (entity 'appointment').
 */
import { appointmentsOfPerson, findAppointment, findUserById, insertAppointment, recordAudit, updateAppointment, type DbOrTx } from '../../../db/queries';
import type { AppointmentRow } from '../../../db/schema-desk';
import { APPOINTMENT_OUTCOME_LABELS, type AppointmentView } from '../../../shared/api/appointments';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { formatDate } from '../../../shared/domain/format';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { documentsHandlers } from '../documents';
import { accessibleDossier } from '../foundation';
import { checkVersion, fieldError, todayOf } from '../kit';


/** The rendez-vous, if the actor may access its dossier. */
export function accessibleAppointment(db: DbOrTx, actor: Actor, id: number): AppointmentRow {
  const row = findAppointment(db, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Ce rendez-vous est introuvable.');
  accessibleDossier(db, actor, row.personId);
  return row;
}

function allowedActions(actor: Actor, a: AppointmentRow, today: string): AppointmentView['allowedActions'] {
  if (actor.role === 'secretaire_ep' || a.cancelledAt) return [];
  const out: AppointmentView['allowedActions'] = [];
  if (a.outcome === null && a.date >= today) out.push('modifier', 'annuler');
  if (a.date <= today && a.suspensionFicheId === null) out.push('presence');
  if (a.withConvocation && a.date >= today) out.push('convocation');
  return out;
}

export function appointmentView(db: DbOrTx, actor: Actor, a: AppointmentRow, today: string): AppointmentView {
  const referent = a.referentUserId === null ? undefined : findUserById(db, a.referentUserId);
  return {
    id: a.id,
    personId: a.personId,
    date: a.date,
    time: a.time,
    place: a.place,
    object: a.object,
    withConvocation: a.withConvocation,
    referent: a.referentUserId === null ? null : { id: a.referentUserId, displayName: referent?.displayName ?? `Compte n° ${a.referentUserId}` },
    outcome: a.outcome,
    outcomeLabel: a.outcome ? APPOINTMENT_OUTCOME_LABELS[a.outcome] : null,
    outcomeNote: a.outcomeNote,
    outcomeRecordedAt: a.outcomeRecordedAt,
    cancelledAt: a.cancelledAt,
    cancelReason: a.cancelReason,
    convocationDocumentId: a.convocationDocumentId,
    suspensionFicheId: a.suspensionFicheId,
    allowedActions: allowedActions(actor, a, today),
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function listForDossier(input: MethodParsedInput<'appointments.listForDossier'>, call: AuthedCall): MethodOutput<'appointments.listForDossier'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const today = todayOf(call);
  const views = appointmentsOfPerson(db, person.id).map((a) => appointmentView(db, call.actor, a, today));
  const isUpcoming = (a: AppointmentView) => !a.cancelledAt && a.outcome === null && a.date >= today;
  const upcoming = views.filter(isUpcoming);
  const past = views.filter((a) => !isUpcoming(a)).reverse();
  return { today, upcoming, past };
}

/** A rendez-vous is planned for today or later. */
function notInPast(date: string, today: string): void {
  if (date < today) {
    throw fieldError('VALIDATION', 'date', `La date du rendez-vous (${formatDate(date)}) est passée : choisissez aujourd’hui ou une date à venir.`);
  }
}

function journal(tx: DbOrTx, call: AuthedCall, at: string, id: number, before: AppointmentRow | null, after: AppointmentRow): void {
  recordAudit(tx, { actor: auditActor(call.actor), at, entity: 'appointment', entityId: id, action: before ? 'update' : 'create', before, after });
}

export function plan(input: MethodParsedInput<'appointments.plan'>, call: AuthedCall): MethodOutput<'appointments.plan'> {
  const db = call.open.db;
  const { personId, ...form } = input;
  const { person } = accessibleDossier(db, call.actor, personId);
  const today = todayOf(call);
  notInPast(form.date, today);
  const at = call.app.nowIso();
  const row = db.transaction((tx) => {
    const inserted = insertAppointment(tx, {
      personId: person.id,
      // The dossier's named référent holds the rendez-vous (a référent only plans on their own dossiers).
      referentUserId: person.referentId,
      ...form,
      createdById: call.actor.id,
      createdAt: at,
      updatedAt: at,
    });
    journal(tx, call, at, inserted.id, null, inserted);
    return inserted;
  });
  return appointmentView(db, call.actor, row, today);
}

/** The rendez-vous to change: same version, not cancelled, not taken place (no outcome, not before today). */
function changeable(call: AuthedCall, id: number, version: number): AppointmentRow {
  const row = accessibleAppointment(call.open.db, call.actor, id);
  checkVersion(call, row.version, version, 'rendezVous', row.id);
  if (row.cancelledAt) throw new ApiError('RULE', 'Ce rendez-vous est annulé : il ne se modifie plus.');
  if (row.outcome !== null || row.date < todayOf(call)) {
    throw new ApiError('RULE', `Le rendez-vous du ${formatDate(row.date)} a eu lieu : il ne se modifie plus ni ne s’annule ; enregistrez la présence.`);
  }
  return row;
}

function write(call: AuthedCall, row: AppointmentRow, set: Parameters<typeof updateAppointment>[2]): AppointmentView {
  const db = call.open.db;
  const at = call.app.nowIso();
  const after = db.transaction((tx) => {
    const updated = updateAppointment(tx, row.id, set, at);
    journal(tx, call, at, row.id, row, updated);
    return updated;
  });
  return appointmentView(db, call.actor, after, todayOf(call));
}

export function update(input: MethodParsedInput<'appointments.update'>, call: AuthedCall): MethodOutput<'appointments.update'> {
  const { appointmentId, version, ...form } = input;
  const row = changeable(call, appointmentId, version);
  notInPast(form.date, todayOf(call));
  return write(call, row, form);
}

export function cancel(input: MethodParsedInput<'appointments.cancel'>, call: AuthedCall): MethodOutput<'appointments.cancel'> {
  const row = changeable(call, input.appointmentId, input.version);
  return write(call, row, { cancelledAt: call.app.nowIso(), cancelReason: input.reason });
}

export function recordOutcome(input: MethodParsedInput<'appointments.recordOutcome'>, call: AuthedCall): MethodOutput<'appointments.recordOutcome'> {
  const row = accessibleAppointment(call.open.db, call.actor, input.appointmentId);
  checkVersion(call, row.version, input.version, 'rendezVous', row.id);
  if (row.cancelledAt) throw new ApiError('RULE', 'Ce rendez-vous a été annulé : il n’y a pas de présence à enregistrer.');
  const today = todayOf(call);
  if (row.date > today) {
    throw fieldError('RULE', 'outcome', `Le rendez-vous du ${formatDate(row.date)} n’a pas encore eu lieu : la présence s’enregistre à partir de ce jour-là.`);
  }
  if (row.suspensionFicheId !== null) {
    throw new ApiError('RULE', 'Une demande de suspension a été préparée à partir de cette absence : la présence ne se modifie plus.');
  }
  return write(call, row, { outcome: input.outcome, outcomeNote: input.note ?? null, outcomeRecordedAt: call.app.nowIso(), outcomeRecordedById: call.actor.id });
}

export async function printConvocation(input: MethodParsedInput<'appointments.printConvocation'>, call: AuthedCall): Promise<MethodOutput<'appointments.printConvocation'>> {
  const row = accessibleAppointment(call.open.db, call.actor, input.appointmentId);
  const out = await documentsHandlers['documents.generate']({ kind: 'convocation', sourceId: row.id, final: true }, call);
  const document = out.document;
  if (!document) throw new Error('convocation non archivée');
  if (row.convocationDocumentId !== document.id) write(call, row, { convocationDocumentId: document.id });
  return { documentId: document.id, sha256: document.sha256, reprint: out.reprint };
}
