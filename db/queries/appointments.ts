/**
 * Queries of the rendez-vous (appointments) and their convocation letters. Services validate and authorise; these
 * functions only read and write rows.
 */
import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { appointments, type AppointmentRow } from '../schema-desk';
import type { DbOrTx } from './types';

export type NewAppointment = Omit<typeof appointments.$inferInsert, 'id' | 'version'>;

export function findAppointment(db: DbOrTx, id: number): AppointmentRow | undefined {
  return db.select().from(appointments).where(eq(appointments.id, id)).get();
}

/** A person's rendez-vous in date order (then time, then creation). */
export function appointmentsOfPerson(db: DbOrTx, personId: number): AppointmentRow[] {
  return db
    .select()
    .from(appointments)
    .where(eq(appointments.personId, personId))
    .orderBy(asc(appointments.date), asc(appointments.time), asc(appointments.id))
    .all();
}

/** Dates of the person's rendez-vous from `today` on, not cancelled, soonest first (the contract's « prochains rendez-vous »). */
export function upcomingAppointmentDates(db: DbOrTx, personId: number, today: string, limit = 12): string[] {
  return db
    .selectDistinct({ date: appointments.date })
    .from(appointments)
    .where(and(eq(appointments.personId, personId), gte(appointments.date, today), isNull(appointments.cancelledAt)))
    .orderBy(asc(appointments.date))
    .limit(limit)
    .all()
    .map((r) => r.date);
}

export function insertAppointment(db: DbOrTx, values: NewAppointment): AppointmentRow {
  return db
    .insert(appointments)
    .values({ ...values, version: 0 })
    .returning()
    .get();
}

export function updateAppointment(db: DbOrTx, id: number, set: Partial<Omit<NewAppointment, 'personId' | 'createdAt' | 'createdById'>>, at: string): AppointmentRow {
  return db
    .update(appointments)
    .set({ ...set, version: sql`${appointments.version} + 1`, updatedAt: at })
    .where(eq(appointments.id, id))
    .returning()
    .get();
}

/** Names the fiche « demande de suspension » made from these absences. */
export function setSuspensionFiche(db: DbOrTx, ids: readonly number[], ficheId: number, at: string): AppointmentRow[] {
  if (ids.length === 0) return [];
  return db
    .update(appointments)
    .set({ suspensionFicheId: ficheId, version: sql`${appointments.version} + 1`, updatedAt: at })
    .where(inArray(appointments.id, [...ids]))
    .returning()
    .all();
}

/** A draft fiche deleted: the absences it was made from may be proposed again. Returns the rows released. */
export function releaseSuspensionFiche(db: DbOrTx, ficheId: number): AppointmentRow[] {
  return db.update(appointments).set({ suspensionFicheId: null }).where(eq(appointments.suspensionFicheId, ficheId)).returning().all();
}
