/**
 * Tables of the first interview (feature `interview`): DSP revisions, EDE assessments, orientation periods and
 * their reference data (organismes référents, référents), and the inputs of the droits et devoirs.
 *
 * - DSP and EDE rows are never updated: a new DSP is a new revision, a new EDE a new assessment.
 * - An orientation row is a period; only its `end_date` changes, once, when the next decision closes it.
 *   At most one open period per person (partial unique index).
 * - Decisions keep the names of the organisme, référent and correspondant as they were (reference data may be
 *   renamed or deactivated later).
 * - Money is stored in cents (integers).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { EDE_PROPOSALS } from '../shared/domain/rules/ede';
import { ORIENTATIONS } from '../shared/domain/rules/orientation';
import { ORGANISME_TYPES } from '../shared/api/interview';
import { foyers, mds, persons, users } from './schema-foundation';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** One saved DSP (all sections, JSON), numbered 1, 2, 3… per person. */
export const dspRevisions = sqliteTable(
  'dsp_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    number: integer('number').notNull(),
    contentJson: text('content_json').notNull(),
    referentialVersion: integer('referential_version').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('dsp_revisions_person_number_idx').on(t.personId, t.number),
    check('dsp_revisions_number_check', sql`${t.number} >= 1`),
  ],
);

/** One EDE: the answers (paliers and comments), the score and the grid version it was scored with. */
export const edeAssessments = sqliteTable(
  'ede_assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    date: text('date').notNull(),
    gridVersion: integer('grid_version').notNull(),
    /** { paliers: { key: level }, comments: { key: text } } */
    answersJson: text('answers_json').notNull(),
    total: integer('total').notNull(),
    proposal: text('proposal', { enum: EDE_PROPOSALS }).notNull(),
    /** The score as computed (items with points and colours, flags, themes, reason). */
    scoreJson: text('score_json').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('ede_assessments_person_date_idx').on(t.personId, t.date), check('ede_assessments_total_check', sql`${t.total} >= 0`)],
);

/** Organismes référents (Pôle Emploi agencies, professional organisms, solidarity services). */
export const organismesReferents = sqliteTable('organismes_referents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The MDS whose administrators manage it (null: rows made before 0011 on a database with several MDS). */
  mdsId: integer('mds_id').references(() => mds.id),
  name: text('name').notNull(),
  type: text('type', { enum: ORGANISME_TYPES }).notNull(),
  address: text('address'),
  telephone: text('telephone'),
  email: text('email'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(nowIso),
  updatedAt: text('updated_at').notNull().default(nowIso),
});

/** Référents of the organismes; optionally linked to the user account of that person (one référent per account). */
export const orientationReferents = sqliteTable(
  'orientation_referents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organismeId: integer('organisme_id')
      .notNull()
      .references(() => organismesReferents.id),
    name: text('name').notNull(),
    telephone: text('telephone'),
    email: text('email'),
    userId: integer('user_id').references(() => users.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [index('orientation_referents_organisme_idx').on(t.organismeId), uniqueIndex('orientation_referents_user_idx').on(t.userId)],
);

/**
 * The équipe d'orientation's préconisation for a person (handbook: « l'équipe d'orientation … préconise
 * l'orientation »), recorded before the decision; several persons may be recorded together (same batchId).
 */
export const orientationPreconisations = sqliteTable(
  'orientation_preconisations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    date: text('date').notNull(),
    /** The équipe d'orientation (its name as entered). */
    team: text('team').notNull(),
    preconisation: text('preconisation', { enum: ORIENTATIONS }).notNull(),
    comment: text('comment'),
    /** The EDE the préconisation relied on. */
    edeId: integer('ede_id').references(() => edeAssessments.id),
    batchId: text('batch_id'),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: text('recorded_at').notNull().default(nowIso),
  },
  (t) => [index('orientation_preconisations_person_idx').on(t.personId, t.date)],
);

/** Orientation periods: one per decision, from its date to the day before the next decision (null: current). */
export const orientations = sqliteTable(
  'orientations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    decisionDate: text('decision_date').notNull(),
    orientation: text('orientation', { enum: ORIENTATIONS }).notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    organismeId: integer('organisme_id')
      .notNull()
      .references(() => organismesReferents.id),
    organismeName: text('organisme_name').notNull(),
    organismeType: text('organisme_type', { enum: ORGANISME_TYPES }).notNull(),
    referentId: integer('referent_id').references(() => orientationReferents.id),
    referentName: text('referent_name'),
    referentUserId: integer('referent_user_id').references(() => users.id),
    correspondantId: integer('correspondant_id')
      .notNull()
      .references(() => users.id),
    correspondantName: text('correspondant_name').notNull(),
    motif: text('motif').notNull(),
    /** The préconisation the decision followed or departed from, and why it departed (or from the EDE proposal). */
    preconisationId: integer('preconisation_id').references(() => orientationPreconisations.id),
    divergenceReason: text('divergence_reason'),
    createdAt: text('created_at').notNull().default(nowIso),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index('orientations_person_idx').on(t.personId, t.startDate),
    uniqueIndex('orientations_one_open_per_person_idx').on(t.personId).where(sql`${t.endDate} IS NULL`),
    check('orientations_period_check', sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

/** Droits et devoirs, foyer input: monthly resources of the whole foyer, and the date they were known. */
export const foyerResources = sqliteTable(
  'foyer_resources',
  {
    foyerId: integer('foyer_id')
      .primaryKey()
      .references(() => foyers.id, { onDelete: 'cascade' }),
    householdResourcesCents: integer('household_resources_cents').notNull(),
    resourcesDate: text('resources_date').notNull(),
    updatedAt: text('updated_at').notNull().default(nowIso),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [check('foyer_resources_amount_check', sql`${t.householdResourcesCents} >= 0`)],
);

/** Droits et devoirs, person input: professional activity and monthly net professional income. */
export const personIncomes = sqliteTable(
  'person_incomes',
  {
    personId: integer('person_id')
      .primaryKey()
      .references(() => persons.id, { onDelete: 'cascade' }),
    hasProfessionalActivity: integer('has_professional_activity', { mode: 'boolean' }).notNull(),
    monthlyIncomeCents: integer('monthly_income_cents').notNull(),
    updatedAt: text('updated_at').notNull().default(nowIso),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [check('person_incomes_amount_check', sql`${t.monthlyIncomeCents} >= 0`)],
);

export type DspRevisionRow = typeof dspRevisions.$inferSelect;
export type EdeAssessmentRow = typeof edeAssessments.$inferSelect;
export type OrganismeReferentRow = typeof organismesReferents.$inferSelect;
export type OrientationReferentRow = typeof orientationReferents.$inferSelect;
export type OrientationRow = typeof orientations.$inferSelect;
export type OrientationPreconisationRow = typeof orientationPreconisations.$inferSelect;
export type FoyerResourcesRow = typeof foyerResources.$inferSelect;
export type PersonIncomeRow = typeof personIncomes.$inferSelect;
