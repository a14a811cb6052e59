/**
 * The desk's tables: rendez-vous (and their convocations), and the échéancier precomputed for every dossier.
 *
 * `due_items` holds, for each person, the items of the per-dossier rule (shared/domain/rules/echeancier.ts) as
 * computed for the day in `desk_state('due_items_day')`. It is maintained in the write transaction that changes
 * a dossier: triggers (custom part of migration 0010) put the person in `due_dirty`, and the dispatcher recomputes
 * the dirty dossiers before COMMIT (main/services/desk/due.ts). What depends on the date alone is recomputed once
 * a day (at the first opening of the day, then at midnight). Reads never run the rule over all dossiers.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documents } from './schema-documents';
import { fichesLiaison } from './schema-contracts';
import { persons, users } from './schema-foundation';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const APPOINTMENT_OUTCOMES = ['present', 'absent_excuse', 'absent_non_excuse'] as const;

/** Rendez-vous of a person with their référent; with or without a convocation letter (archived document). */
export const appointments = sqliteTable(
  'appointments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    /** The référent who holds the rendez-vous (a user). */
    referentUserId: integer('referent_user_id').references(() => users.id),
    date: text('date').notNull(),
    /** 'HH:MM'. */
    time: text('time').notNull(),
    place: text('place').notNull(),
    object: text('object').notNull(),
    withConvocation: integer('with_convocation', { mode: 'boolean' }).notNull(),
    /** The convocation letter once printed (documents archive). */
    convocationDocumentId: integer('convocation_document_id').references(() => documents.id),
    outcome: text('outcome', { enum: APPOINTMENT_OUTCOMES }),
    outcomeNote: text('outcome_note'),
    outcomeRecordedAt: text('outcome_recorded_at'),
    outcomeRecordedById: integer('outcome_recorded_by_id').references(() => users.id),
    /** Cancelled before it took place (reason kept). */
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** The fiche « demande de suspension » made from the absences, when the référent accepted the proposal. */
    suspensionFicheId: integer('suspension_fiche_id').references(() => fichesLiaison.id),
    version: integer('version').notNull().default(0),
    createdById: integer('created_by_id').references(() => users.id),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [index('appointments_person_date_idx').on(t.personId, t.date), index('appointments_referent_date_idx').on(t.referentUserId, t.date)],
);

/** The échéancier of every dossier, precomputed (see the header). Denormalised for the desk's queries. */
export const dueItems = sqliteTable(
  'due_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    mdsId: integer('mds_id').notNull(),
    /** The dossier's named référent and correspondant (users), as on the person. */
    referentUserId: integer('referent_user_id'),
    correspondantUserId: integer('correspondant_user_id'),
    /** « NOM Prénom » for lists, sorted without accents by `person_sort`. */
    personName: text('person_name').notNull(),
    personSort: text('person_sort').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    date: text('date').notNull(),
    title: text('title').notNull(),
    rule: text('rule').notNull(),
    /** The record behind the item: 'contract' | 'saisine' | 'sanction' | 'appointment' | 'orientation', and its id. */
    sourceType: text('source_type'),
    sourceId: integer('source_id'),
  },
  (t) => [
    index('due_items_person_idx').on(t.personId),
    index('due_items_mds_date_idx').on(t.mdsId, t.date),
    index('due_items_mds_severity_idx').on(t.mdsId, t.severity, t.date),
    index('due_items_referent_date_idx').on(t.referentUserId, t.date),
    index('due_items_referent_severity_idx').on(t.referentUserId, t.severity, t.date),
    index('due_items_mds_kind_idx').on(t.mdsId, t.kind, t.date),
  ],
);

/** Persons whose due items must be recomputed before the write transaction commits (filled by triggers). */
export const dueDirty = sqliteTable('due_dirty', {
  personId: integer('person_id').primaryKey(),
});

/** Small key → value state of the desk (e.g. 'due_items_day': the day the due items were computed for). */
export const deskState = sqliteTable('desk_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Each user's visits to their desk: what arrived since the previous one is new. */
export const deskVisits = sqliteTable('desk_visits', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastVisitAt: text('last_visit_at').notNull(),
  previousVisitAt: text('previous_visit_at'),
});

export type AppointmentRow = typeof appointments.$inferSelect;
export type DueItemRow = typeof dueItems.$inferSelect;
