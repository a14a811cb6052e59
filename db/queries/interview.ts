/**
 * Queries of the first interview (feature `interview`): DSP revisions, EDE assessments, orientation periods and
 * their reference data, droits et devoirs inputs. Thin: the services in main/services/interview*.ts validate,
 * apply the rules, check access and audit, all in one transaction.
 */
import { and, asc, desc, eq, inArray, isNull, ne, notExists, or, sql } from 'drizzle-orm';
import {
  dspRevisions,
  edeAssessments,
  foyerResources,
  foyers,
  organismesReferents,
  orientationReferents,
  orientationPreconisations,
  orientations,
  personIncomes,
  persons,
  users,
  type DspRevisionRow,
  type EdeAssessmentRow,
  type FoyerResourcesRow,
  type OrganismeReferentRow,
  type OrientationPreconisationRow,
  type OrientationReferentRow,
  type OrientationRow,
  type Person,
  type PersonIncomeRow,
} from '../schema';
import { recordAudit, type AuditEntity, type AuditEntityOf, type AuditWrite } from './audit';
import type { DbOrTx } from './types';

// --- Journal -----------------------------------------------------------------------------------------------

/** Journal entity names of this feature (listed with every capability's in db/queries/audit.ts). */
export type InterviewAuditEntity = AuditEntityOf<'interview'>;

/** `recordAudit` for this feature's entities (and the foundation's it also writes, e.g. 'person'). */
export function recordInterviewAudit(
  db: DbOrTx,
  entry: Omit<AuditWrite, 'entity'> & { entity: InterviewAuditEntity | AuditEntityOf<'foundation'> },
): void {
  recordAudit(db, entry);
}

/**
 * The journal targets of one dossier's interview records (for `auditFor`): its DSP revisions, EDEs,
 * orientations, its income and its foyer's resources.
 */
export function interviewAuditTargets(db: DbOrTx, personId: number, foyerId: number): { entity: AuditEntity; entityId: number }[] {
  const ids = <T extends { id: number }>(rows: T[]) => rows.map((r) => r.id);
  const as = (entity: InterviewAuditEntity, entityId: number) => ({ entity, entityId });
  return [
    ...ids(db.select({ id: dspRevisions.id }).from(dspRevisions).where(eq(dspRevisions.personId, personId)).all()).map((id) =>
      as('dsp_revision', id),
    ),
    ...ids(db.select({ id: edeAssessments.id }).from(edeAssessments).where(eq(edeAssessments.personId, personId)).all()).map((id) =>
      as('ede_assessment', id),
    ),
    ...ids(db.select({ id: orientations.id }).from(orientations).where(eq(orientations.personId, personId)).all()).map((id) =>
      as('orientation', id),
    ),
    ...ids(
      db.select({ id: orientationPreconisations.id }).from(orientationPreconisations).where(eq(orientationPreconisations.personId, personId)).all(),
    ).map((id) => as('orientation_preconisation', id)),
    as('person_income', personId),
    as('foyer_resources', foyerId),
  ];
}

// --- Users -------------------------------------------------------------------------------------------------

export interface UserRef {
  id: number;
  displayName: string;
}

/** id → { id, displayName } of the given users (missing ids are left out). */
export function userRefs(db: DbOrTx, ids: readonly number[]): Map<number, UserRef> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, unique)).all();
  return new Map(rows.map((r) => [r.id, r]));
}

// --- DSP ---------------------------------------------------------------------------------------------------

/** Every revision of a person, oldest first. */
export function listDspRevisions(db: DbOrTx, personId: number): DspRevisionRow[] {
  return db.select().from(dspRevisions).where(eq(dspRevisions.personId, personId)).orderBy(asc(dspRevisions.number)).all();
}

export function latestDspRevision(db: DbOrTx, personId: number): DspRevisionRow | undefined {
  return db.select().from(dspRevisions).where(eq(dspRevisions.personId, personId)).orderBy(desc(dspRevisions.number)).limit(1).get();
}

export function findDspRevision(db: DbOrTx, id: number): DspRevisionRow | undefined {
  return db.select().from(dspRevisions).where(eq(dspRevisions.id, id)).get();
}

/** The revision just before `number` of the same person. */
export function previousDspRevision(db: DbOrTx, personId: number, number: number): DspRevisionRow | undefined {
  return db
    .select()
    .from(dspRevisions)
    .where(and(eq(dspRevisions.personId, personId), sql`${dspRevisions.number} < ${number}`))
    .orderBy(desc(dspRevisions.number))
    .limit(1)
    .get();
}

export function insertDspRevision(
  db: DbOrTx,
  values: { personId: number; number: number; content: unknown; referentialVersion: number; createdAt: string; createdBy: number },
): DspRevisionRow {
  return db
    .insert(dspRevisions)
    .values({
      personId: values.personId,
      number: values.number,
      contentJson: JSON.stringify(values.content),
      referentialVersion: values.referentialVersion,
      createdAt: values.createdAt,
      createdBy: values.createdBy,
    })
    .returning()
    .get();
}

// --- EDE ---------------------------------------------------------------------------------------------------

/** A person's assessments, newest first (by date, then by entry). */
export function listEdeAssessments(db: DbOrTx, personId: number): EdeAssessmentRow[] {
  return db
    .select()
    .from(edeAssessments)
    .where(eq(edeAssessments.personId, personId))
    .orderBy(desc(edeAssessments.date), desc(edeAssessments.id))
    .all();
}

export function latestEdeAssessment(db: DbOrTx, personId: number): EdeAssessmentRow | undefined {
  return listEdeAssessments(db, personId)[0];
}

export function findEdeAssessment(db: DbOrTx, id: number): EdeAssessmentRow | undefined {
  return db.select().from(edeAssessments).where(eq(edeAssessments.id, id)).get();
}

export function insertEdeAssessment(
  db: DbOrTx,
  values: Omit<EdeAssessmentRow, 'id' | 'answersJson' | 'scoreJson'> & { answers: unknown; score: unknown },
): EdeAssessmentRow {
  const { answers, score, ...columns } = values;
  return db
    .insert(edeAssessments)
    .values({ ...columns, answersJson: JSON.stringify(answers), scoreJson: JSON.stringify(score) })
    .returning()
    .get();
}

// --- Orientations ------------------------------------------------------------------------------------------

/** A person's orientation periods, oldest first. */
export function listOrientations(db: DbOrTx, personId: number): OrientationRow[] {
  return db
    .select()
    .from(orientations)
    .where(eq(orientations.personId, personId))
    .orderBy(asc(orientations.startDate), asc(orientations.id))
    .all();
}

/** The open period (the orientation in force), if any. */
export function currentOrientation(db: DbOrTx, personId: number): OrientationRow | undefined {
  return db
    .select()
    .from(orientations)
    .where(and(eq(orientations.personId, personId), isNull(orientations.endDate)))
    .get();
}

export function findOrientation(db: DbOrTx, id: number): OrientationRow | undefined {
  return db.select().from(orientations).where(eq(orientations.id, id)).get();
}

export function insertOrientation(db: DbOrTx, values: Omit<OrientationRow, 'id'>): OrientationRow {
  return db.insert(orientations).values(values).returning().get();
}

/** Closes an open period on `endDate`. */
export function closeOrientation(db: DbOrTx, id: number, endDate: string): OrientationRow {
  const row = db
    .update(orientations)
    .set({ endDate })
    .where(and(eq(orientations.id, id), isNull(orientations.endDate)))
    .returning()
    .get();
  if (!row) throw new Error(`orientations.id ${id} absente ou déjà close`);
  return row;
}

// --- Préconisations of the équipe d’orientation -------------------------------------------------------------

export function insertPreconisation(db: DbOrTx, values: Omit<OrientationPreconisationRow, 'id'>): OrientationPreconisationRow {
  return db.insert(orientationPreconisations).values(values).returning().get();
}

export function findPreconisation(db: DbOrTx, id: number): OrientationPreconisationRow | undefined {
  return db.select().from(orientationPreconisations).where(eq(orientationPreconisations.id, id)).get();
}

/** A person's préconisations, newest first (by date, then by entry). */
export function listPreconisations(db: DbOrTx, personId: number): OrientationPreconisationRow[] {
  return db
    .select()
    .from(orientationPreconisations)
    .where(eq(orientationPreconisations.personId, personId))
    .orderBy(desc(orientationPreconisations.date), desc(orientationPreconisations.id))
    .all();
}

/** The latest préconisation of a person that no orientation decision relies on yet. */
export function latestPendingPreconisation(db: DbOrTx, personId: number): OrientationPreconisationRow | undefined {
  return db
    .select()
    .from(orientationPreconisations)
    .where(
      and(
        eq(orientationPreconisations.personId, personId),
        notExists(db.select({ id: orientations.id }).from(orientations).where(eq(orientations.preconisationId, orientationPreconisations.id))),
      ),
    )
    .orderBy(desc(orientationPreconisations.date), desc(orientationPreconisations.id))
    .limit(1)
    .get();
}

/** The persons of an MDS with no orientation decided yet, with their foyer's CAF number (by name). */
export function personsWithoutOrientation(db: DbOrTx, mdsId: number): (Person & { cafNumber: string })[] {
  return db
    .select({ person: persons, cafNumber: foyers.cafNumber })
    .from(persons)
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .where(
      and(
        eq(foyers.mdsId, mdsId),
        notExists(db.select({ id: orientations.id }).from(orientations).where(eq(orientations.personId, persons.id))),
      ),
    )
    .orderBy(asc(persons.nomPatronymique), asc(persons.prenoms), asc(persons.id))
    .all()
    .map((r) => ({ ...r.person, cafNumber: r.cafNumber }));
}

// --- Organismes référents and référents --------------------------------------------------------------------

export interface OrganismeValues {
  name: string;
  type: OrganismeReferentRow['type'];
  address: string | null;
  telephone: string | null;
  email: string | null;
}

/** The organismes of an MDS (and those of no MDS: made before they belonged to one); every one without `mdsId`. */
export function listOrganismes(db: DbOrTx, includeInactive: boolean, mdsId?: number): OrganismeReferentRow[] {
  const conditions = [
    includeInactive ? undefined : eq(organismesReferents.active, true),
    mdsId === undefined ? undefined : or(isNull(organismesReferents.mdsId), eq(organismesReferents.mdsId, mdsId)),
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(organismesReferents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(organismesReferents.name), asc(organismesReferents.id))
    .all();
}

export function findOrganisme(db: DbOrTx, id: number): OrganismeReferentRow | undefined {
  return db.select().from(organismesReferents).where(eq(organismesReferents.id, id)).get();
}

export function insertOrganisme(db: DbOrTx, values: OrganismeValues, at: string, mdsId: number | null = null): OrganismeReferentRow {
  return db
    .insert(organismesReferents)
    .values({ ...values, mdsId, active: true, createdAt: at, updatedAt: at })
    .returning()
    .get();
}

export function updateOrganisme(db: DbOrTx, id: number, values: OrganismeValues & { active: boolean }, at: string): OrganismeReferentRow {
  const row = db.update(organismesReferents).set({ ...values, updatedAt: at }).where(eq(organismesReferents.id, id)).returning().get();
  if (!row) throw new Error(`organismes_referents.id ${id} absent`);
  return row;
}

/** true when a référent or an orientation names the organisme. */
export function organismeInUse(db: DbOrTx, id: number): boolean {
  return (
    db.select({ id: orientationReferents.id }).from(orientationReferents).where(eq(orientationReferents.organismeId, id)).limit(1).get() !==
      undefined ||
    db.select({ id: orientations.id }).from(orientations).where(eq(orientations.organismeId, id)).limit(1).get() !== undefined
  );
}

export function deleteOrganisme(db: DbOrTx, id: number): void {
  db.delete(organismesReferents).where(eq(organismesReferents.id, id)).run();
}

export interface ReferentValues {
  organismeId: number;
  name: string;
  telephone: string | null;
  email: string | null;
  userId: number | null;
}

export type ReferentWithNames = OrientationReferentRow & { organismeName: string; userDisplayName: string | null };

const referentColumns = {
  id: orientationReferents.id,
  organismeId: orientationReferents.organismeId,
  name: orientationReferents.name,
  telephone: orientationReferents.telephone,
  email: orientationReferents.email,
  userId: orientationReferents.userId,
  active: orientationReferents.active,
  createdAt: orientationReferents.createdAt,
  updatedAt: orientationReferents.updatedAt,
  organismeName: organismesReferents.name,
  userDisplayName: users.displayName,
};

/** Référents by name; without `includeInactive`, only active référents of active organismes (the choices). */
export function listReferents(db: DbOrTx, filter: { organismeId?: number; includeInactive: boolean; mdsId?: number }): ReferentWithNames[] {
  const conditions = [
    filter.mdsId === undefined ? undefined : or(isNull(organismesReferents.mdsId), eq(organismesReferents.mdsId, filter.mdsId)),
    filter.organismeId === undefined ? undefined : eq(orientationReferents.organismeId, filter.organismeId),
    filter.includeInactive ? undefined : eq(orientationReferents.active, true),
    filter.includeInactive ? undefined : eq(organismesReferents.active, true),
  ].filter((c) => c !== undefined);
  return db
    .select(referentColumns)
    .from(orientationReferents)
    .innerJoin(organismesReferents, eq(organismesReferents.id, orientationReferents.organismeId))
    .leftJoin(users, eq(users.id, orientationReferents.userId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(orientationReferents.name), asc(orientationReferents.id))
    .all();
}

export function findReferent(db: DbOrTx, id: number): ReferentWithNames | undefined {
  return db
    .select(referentColumns)
    .from(orientationReferents)
    .innerJoin(organismesReferents, eq(organismesReferents.id, orientationReferents.organismeId))
    .leftJoin(users, eq(users.id, orientationReferents.userId))
    .where(eq(orientationReferents.id, id))
    .get();
}

/** The référent linked to a user account, other than `exceptId`. */
export function findReferentByUser(db: DbOrTx, userId: number, exceptId?: number): OrientationReferentRow | undefined {
  return db
    .select()
    .from(orientationReferents)
    .where(
      exceptId === undefined
        ? eq(orientationReferents.userId, userId)
        : and(eq(orientationReferents.userId, userId), ne(orientationReferents.id, exceptId)),
    )
    .get();
}

export function insertReferent(db: DbOrTx, values: ReferentValues, at: string): OrientationReferentRow {
  return db
    .insert(orientationReferents)
    .values({ ...values, active: true, createdAt: at, updatedAt: at })
    .returning()
    .get();
}

export function updateReferent(db: DbOrTx, id: number, values: ReferentValues & { active: boolean }, at: string): OrientationReferentRow {
  const row = db.update(orientationReferents).set({ ...values, updatedAt: at }).where(eq(orientationReferents.id, id)).returning().get();
  if (!row) throw new Error(`orientation_referents.id ${id} absent`);
  return row;
}

/** true when an orientation names the référent. */
export function referentInUse(db: DbOrTx, id: number): boolean {
  return db.select({ id: orientations.id }).from(orientations).where(eq(orientations.referentId, id)).limit(1).get() !== undefined;
}

export function deleteReferent(db: DbOrTx, id: number): void {
  db.delete(orientationReferents).where(eq(orientationReferents.id, id)).run();
}

// --- Droits et devoirs inputs ------------------------------------------------------------------------------

export function findFoyerResources(db: DbOrTx, foyerId: number): FoyerResourcesRow | undefined {
  return db.select().from(foyerResources).where(eq(foyerResources.foyerId, foyerId)).get();
}

export function upsertFoyerResources(db: DbOrTx, values: FoyerResourcesRow): FoyerResourcesRow {
  const { foyerId: _id, ...set } = values;
  return db.insert(foyerResources).values(values).onConflictDoUpdate({ target: foyerResources.foyerId, set }).returning().get();
}

export function findPersonIncomes(db: DbOrTx, personIds: readonly number[]): Map<number, PersonIncomeRow> {
  if (personIds.length === 0) return new Map();
  const rows = db.select().from(personIncomes).where(inArray(personIncomes.personId, [...personIds])).all();
  return new Map(rows.map((r) => [r.personId, r]));
}

export function upsertPersonIncome(db: DbOrTx, values: PersonIncomeRow): PersonIncomeRow {
  const { personId: _id, ...set } = values;
  return db.insert(personIncomes).values(values).onConflictDoUpdate({ target: personIncomes.personId, set }).returning().get();
}

/** The persons of a foyer, allocataire first. */
export function listFoyerPersons(db: DbOrTx, foyerId: number): Person[] {
  return db.select().from(persons).where(eq(persons.foyerId, foyerId)).orderBy(asc(persons.roleInFoyer), asc(persons.id)).all();
}

/**
 * Names the référent and the correspondant of a person's dossier (after an orientation decision); the dossier's
 * version goes up, so a dossier form opened before is refused as stale.
 */
export function setDossierStaff(
  db: DbOrTx,
  personId: number,
  names: { referentId: number | null; correspondantId: number | null },
  at: string,
): Person {
  const row = db
    .update(persons)
    .set({ ...names, version: sql`${persons.version} + 1`, updatedAt: at })
    .where(eq(persons.id, personId))
    .returning()
    .get();
  if (!row) throw new Error(`persons.id ${personId} absent`);
  return row;
}
