/**
 * Tables of the équipe pluridisciplinaire (feature `ep`): one EP per territory with its members, its sessions,
 * the cases inscribed (session items), the attendance, the avis, the Président's decisions and the sanction
 * schedules they start.
 *
 * The saisines themselves are the contracts capability's `ep_saisines` (never changed here): where a saisine
 * stands follows from these tables (an active item: inscribed; an avis; a decision).
 * - A saisine is inscribed in one session at most at a time (partial unique index on the active items).
 * - One avis and one decision per saisine (unique indexes).
 * - The orientation opened by a decision points to the interview capability's `orientations` (no foreign key,
 *   each capability migrates on its own). Money is stored in cents.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ATTENDANCE_STATUSES, EP_SESSION_STATES } from '../shared/domain/rules/ep-sessions';
import { SENS } from '../shared/domain/rules/ep';
import { ORIENTATIONS } from '../shared/domain/rules/orientation';
import { SANCTION_KINDS } from '../shared/domain/rules/sanctions';
import { EP_ORGANISATIONS } from '../shared/api/ep';
import { epSaisines } from './schema-contracts';
import { mds, persons, users } from './schema-foundation';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** One équipe pluridisciplinaire per territory (the territory of the MDS). */
export const eps = sqliteTable('eps', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  territory: text('territory').notNull().unique(),
  name: text('name').notNull(),
  /**
   * The MDS whose secrétaires EP and administrators keep the EP (its « secrétariat »: the MDS of whoever constituted
   * it). An EP serves every MDS of its territory; only what a session needs crosses to that secretariat.
   */
  mdsId: integer('mds_id').references(() => mds.id),
  version: integer('version').notNull().default(0),
  createdAt: text('created_at').notNull().default(nowIso),
  updatedAt: text('updated_at').notNull().default(nowIso),
});

/** Members of an EP (the president is a Conseiller général), with their substitute. Removed = inactive. */
export const epMembers = sqliteTable(
  'ep_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    epId: integer('ep_id')
      .notNull()
      .references(() => eps.id),
    name: text('name').notNull(),
    function: text('function').notNull(),
    organisation: text('organisation', { enum: EP_ORGANISATIONS }).notNull(),
    isPresident: integer('is_president', { mode: 'boolean' }).notNull().default(false),
    substituteName: text('substitute_name'),
    substituteFunction: text('substitute_function'),
    address: text('address'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    index('ep_members_ep_idx').on(t.epId),
    uniqueIndex('ep_members_one_president_idx').on(t.epId).where(sql`${t.isPresident} = 1 AND ${t.active} = 1`),
  ],
);

export const epSessions = sqliteTable(
  'ep_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    epId: integer('ep_id')
      .notNull()
      .references(() => eps.id),
    date: text('date').notNull(),
    place: text('place').notNull(),
    startTime: text('start_time').notNull(),
    casesPerSlot: integer('cases_per_slot').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    lunchStart: text('lunch_start'),
    lunchEnd: text('lunch_end'),
    status: text('status', { enum: EP_SESSION_STATES }).notNull().default('creee'),
    /** Date of each step (convocations sent, held, closed). */
    convocationsSentOn: text('convocations_sent_on'),
    heldOn: text('held_on'),
    closedOn: text('closed_on'),
    /** A session cancelled (e.g. emptied by postponements): when and why. */
    cancelledOn: text('cancelled_on'),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [index('ep_sessions_ep_date_idx').on(t.epId, t.date), check('ep_sessions_slots_check', sql`${t.casesPerSlot} >= 1 AND ${t.slotMinutes} >= 5`)],
);

export const EP_ITEM_STATUSES = ['inscrit', 'reporte', 'retire'] as const;

/** A case of the ordre du jour. Postponed or withdrawn: inactive, with the reason; the saisine is back in the queue. */
export const epSessionItems = sqliteTable(
  'ep_session_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => epSessions.id),
    saisineId: integer('saisine_id')
      .notNull()
      .references(() => epSaisines.id),
    position: integer('position').notNull(),
    /** 'hh:mm', null until slots are assigned. */
    slotStart: text('slot_start'),
    status: text('status', { enum: EP_ITEM_STATUSES }).notNull().default('inscrit'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    removalReason: text('removal_reason'),
    removedAt: text('removed_at'),
    removedBy: integer('removed_by').references(() => users.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [
    index('ep_session_items_session_idx').on(t.sessionId),
    index('ep_session_items_saisine_idx').on(t.saisineId),
    uniqueIndex('ep_session_items_one_active_idx').on(t.saisineId).where(sql`${t.active} = 1`),
    check('ep_session_items_active_check', sql`(${t.active} = 1) = (${t.status} = 'inscrit')`),
  ],
);

export const epAttendance = sqliteTable(
  'ep_attendance',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => epSessions.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => epMembers.id),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    /** Remplacé: who sat instead (the substitute by default). */
    replacedBy: text('replaced_by'),
    recordedAt: text('recorded_at').notNull().default(nowIso),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.memberId] }),
    check('ep_attendance_replaced_check', sql`${t.status} <> 'remplace' OR ${t.replacedBy} IS NOT NULL`),
  ],
);

/** The EP's avis on a saisine (one per saisine). A suspension's avis may propose a sanction. */
export const epAvis = sqliteTable(
  'ep_avis',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .unique()
      .references(() => epSessionItems.id),
    saisineId: integer('saisine_id')
      .notNull()
      .unique()
      .references(() => epSaisines.id),
    date: text('date').notNull(),
    sens: text('sens', { enum: SENS }).notNull(),
    motivation: text('motivation').notNull(),
    proposedSanction: text('proposed_sanction', { enum: SANCTION_KINDS }),
    /** Given after the one-month delay. */
    late: integer('late', { mode: 'boolean' }).notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull().default(nowIso),
  },
);

export const EP_EFFECT_TYPES = ['ouvrir_orientation', 'demarrer_sanction', 'aucun'] as const;

/** The Président's decision on a saisine (one per saisine), separate from the avis, and its effect. */
export const epDecisions = sqliteTable('ep_decisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  itemId: integer('item_id')
    .notNull()
    .unique()
    .references(() => epSessionItems.id),
  saisineId: integer('saisine_id')
    .notNull()
    .unique()
    .references(() => epSaisines.id),
  date: text('date').notNull(),
  sens: text('sens', { enum: SENS }).notNull(),
  commentaire: text('commentaire'),
  effect: text('effect', { enum: EP_EFFECT_TYPES }).notNull(),
  /** ouvrir_orientation: the orientation decided and the period opened (interview's orientations.id). */
  orientation: text('orientation', { enum: ORIENTATIONS }),
  organismeName: text('organisme_name'),
  correspondantName: text('correspondant_name'),
  orientationId: integer('orientation_id'),
  /**
   * Who signed the decision (Annexe 7: « Par délégation, le Chef du SLAI ou le directeur de MDS »): name, function
   * and delegation (null: the Président signed himself). Null on the decisions recorded before they were asked.
   * The decision's own date is `date`, never the session's time.
   */
  signatoryName: text('signatory_name'),
  signatoryFunction: text('signatory_function'),
  signatoryDelegation: text('signatory_delegation'),
  recordedBy: integer('recorded_by')
    .notNull()
    .references(() => users.id),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: text('recorded_at').notNull().default(nowIso),
});

/** The sanction a favourable suspension decision starts: its month-by-month schedule for the foyer. */
export const epSanctions = sqliteTable(
  'ep_sanctions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    decisionId: integer('decision_id')
      .notNull()
      .unique()
      .references(() => epDecisions.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind', { enum: SANCTION_KINDS }).notNull(),
    start: text('start').notNull(),
    couple: integer('couple', { mode: 'boolean' }).notNull(),
    dependants: integer('dependants').notNull(),
    /** Foyer resources deducted from the montant forfaitaire (null: not known, the whole montant is taken). */
    resourcesCents: integer('resources_cents'),
    /** SanctionSchedule (shared/domain/rules/sanctions) as computed. */
    scheduleJson: text('schedule_json').notNull(),
    rsaAmountsVersion: integer('rsa_amounts_version').notNull(),
    /** Recomputed when the contract was signed after the decision: the signature date, when, and the schedule before. */
    contractSignedOn: text('contract_signed_on'),
    recomputedAt: text('recomputed_at'),
    previousScheduleJson: text('previous_schedule_json'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('ep_sanctions_person_idx').on(t.personId), check('ep_sanctions_dependants_check', sql`${t.dependants} >= 0`)],
);

export type EpRow = typeof eps.$inferSelect;
export type EpMemberRow = typeof epMembers.$inferSelect;
export type EpSessionRow = typeof epSessions.$inferSelect;
export type EpSessionItemRow = typeof epSessionItems.$inferSelect;
export type EpAttendanceRow = typeof epAttendance.$inferSelect;
export type EpAvisRow = typeof epAvis.$inferSelect;
export type EpDecisionRow = typeof epDecisions.$inferSelect;
export type EpSanctionRow = typeof epSanctions.$inferSelect;
