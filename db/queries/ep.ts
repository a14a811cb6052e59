/**
 * Queries of the équipe pluridisciplinaire: EPs and members, sessions, items, attendance, avis, decisions and
 * sanctions. Services validate and authorise; these functions only read and write rows (inside the caller's
 * transaction).
 */
import { and, asc, count, desc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { epSaisines, type EpSaisine } from '../schema-contracts';
import {
  epAttendance,
  epAvis,
  epDecisions,
  epMembers,
  epSanctions,
  epSessionItems,
  epSessions,
  eps,
  type EpAttendanceRow,
  type EpAvisRow,
  type EpDecisionRow,
  type EpMemberRow,
  type EpRow,
  type EpSanctionRow,
  type EpSessionItemRow,
  type EpSessionRow,
} from '../schema-ep';
import { children, foyers, mds, persons, type Foyer, type Person } from '../schema';
import { recordAudit, type AuditActor, type AuditEntityOf } from './audit';
import type { DbOrTx } from './types';

/** Journal entity names of the EP (listed with every capability's in db/queries/audit.ts). */
export type EpAuditEntity = AuditEntityOf<'ep'>;

/** `recordAudit` for the EP's entities (same table and rules). */
export function recordEpAudit(
  db: DbOrTx,
  entry: { actor: AuditActor; at: string; entity: EpAuditEntity; entityId: number | string; action: 'create' | 'update' | 'delete'; before: unknown; after: unknown },
): void {
  recordAudit(db, entry);
}

// --- EP and members ----------------------------------------------------------------------------------------

/** The territory of an MDS. */
export function territoryOfMds(db: DbOrTx, mdsId: number): string | undefined {
  return db.select({ territory: mds.territory }).from(mds).where(eq(mds.id, mdsId)).get()?.territory;
}

export function findEpByTerritory(db: DbOrTx, territory: string): EpRow | undefined {
  return db.select().from(eps).where(eq(eps.territory, territory)).get();
}

export function findEp(db: DbOrTx, id: number): EpRow | undefined {
  return db.select().from(eps).where(eq(eps.id, id)).get();
}

export function insertEp(db: DbOrTx, values: { territory: string; name: string; mdsId: number }, at: string): EpRow {
  return db.insert(eps).values({ ...values, createdAt: at, updatedAt: at }).returning().get();
}

export function renameEp(db: DbOrTx, id: number, name: string, at: string): EpRow {
  const row = db
    .update(eps)
    .set({ name, version: sql`${eps.version} + 1`, updatedAt: at })
    .where(eq(eps.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`eps.id ${id} absent`);
  return row;
}

/** Members of an EP (active only unless asked), the president first, then by name. */
export function membersOfEp(db: DbOrTx, epId: number, includeInactive = false): EpMemberRow[] {
  return db
    .select()
    .from(epMembers)
    .where(includeInactive ? eq(epMembers.epId, epId) : and(eq(epMembers.epId, epId), eq(epMembers.active, true)))
    .orderBy(desc(epMembers.isPresident), asc(epMembers.name), asc(epMembers.id))
    .all();
}

export function findMember(db: DbOrTx, id: number): EpMemberRow | undefined {
  return db.select().from(epMembers).where(eq(epMembers.id, id)).get();
}

export type EpMemberValues = Pick<
  EpMemberRow,
  'name' | 'function' | 'organisation' | 'isPresident' | 'substituteName' | 'substituteFunction' | 'address'
>;

export function insertMember(db: DbOrTx, epId: number, values: EpMemberValues, at: string): EpMemberRow {
  return db.insert(epMembers).values({ ...values, epId, createdAt: at, updatedAt: at }).returning().get();
}

export function updateMember(db: DbOrTx, id: number, values: Partial<EpMemberValues & { active: boolean }>, at: string): EpMemberRow {
  const row = db.update(epMembers).set({ ...values, updatedAt: at }).where(eq(epMembers.id, id)).returning().get();
  if (!row) throw new Error(`ep_members.id ${id} absent`);
  return row;
}

// --- Saisines ----------------------------------------------------------------------------------------------

export interface SaisineWithPerson {
  saisine: EpSaisine;
  person: Person;
  foyer: Foyer;
  territory: string;
}

const saisineSelection = { saisine: epSaisines, person: persons, foyer: foyers, territory: mds.territory };

export function findSaisineWithPerson(db: DbOrTx, saisineId: number): SaisineWithPerson | undefined {
  return db
    .select(saisineSelection)
    .from(epSaisines)
    .innerJoin(persons, eq(persons.id, epSaisines.personId))
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .innerJoin(mds, eq(mds.id, foyers.mdsId))
    .where(eq(epSaisines.id, saisineId))
    .get();
}

/**
 * Saisines of a territory awaiting a session: not inscribed in a session (no active item) and without decision,
 * the nearest avis deadline first.
 */
export function queueOfTerritory(db: DbOrTx, territory: string): SaisineWithPerson[] {
  return db
    .select(saisineSelection)
    .from(epSaisines)
    .innerJoin(persons, eq(persons.id, epSaisines.personId))
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .innerJoin(mds, eq(mds.id, foyers.mdsId))
    .where(
      and(
        eq(mds.territory, territory),
        notExists(
          db
            .select({ one: sql`1` })
            .from(epSessionItems)
            .where(and(eq(epSessionItems.saisineId, epSaisines.id), eq(epSessionItems.active, true))),
        ),
        notExists(db.select({ one: sql`1` }).from(epDecisions).where(eq(epDecisions.saisineId, epSaisines.id))),
      ),
    )
    .orderBy(asc(epSaisines.avisDeadline), asc(epSaisines.date), asc(epSaisines.id))
    .all();
}

export function saisinesWithPerson(db: DbOrTx, ids: readonly number[]): Map<number, SaisineWithPerson> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select(saisineSelection)
    .from(epSaisines)
    .innerJoin(persons, eq(persons.id, epSaisines.personId))
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .innerJoin(mds, eq(mds.id, foyers.mdsId))
    .where(inArray(epSaisines.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((r) => [r.saisine.id, r]));
}

// --- Sessions ----------------------------------------------------------------------------------------------

export function findSession(db: DbOrTx, id: number): EpSessionRow | undefined {
  return db.select().from(epSessions).where(eq(epSessions.id, id)).get();
}

export function sessionsOfEp(db: DbOrTx, epId: number): EpSessionRow[] {
  return db.select().from(epSessions).where(eq(epSessions.epId, epId)).orderBy(desc(epSessions.date), desc(epSessions.id)).all();
}

export function insertSession(db: DbOrTx, values: Omit<typeof epSessions.$inferInsert, 'id' | 'version'>): EpSessionRow {
  return db.insert(epSessions).values({ ...values, version: 0 }).returning().get();
}

export function updateSession(db: DbOrTx, id: number, set: Partial<Omit<typeof epSessions.$inferInsert, 'id' | 'version' | 'epId'>>, at: string): EpSessionRow {
  const row = db
    .update(epSessions)
    .set({ ...set, version: sql`${epSessions.version} + 1`, updatedAt: at })
    .where(eq(epSessions.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`ep_sessions.id ${id} absent`);
  return row;
}

/** One item of a session's agenda. */
export function findSessionItem(db: DbOrTx, id: number): EpSessionItemRow | undefined {
  return db.select().from(epSessionItems).where(eq(epSessionItems.id, id)).get();
}

/** Items of a session: active first in order, then the removed ones. */
export function itemsOfSession(db: DbOrTx, sessionId: number): EpSessionItemRow[] {
  return db
    .select()
    .from(epSessionItems)
    .where(eq(epSessionItems.sessionId, sessionId))
    .orderBy(desc(epSessionItems.active), asc(epSessionItems.position), asc(epSessionItems.id))
    .all();
}

export function activeItemCounts(db: DbOrTx, sessionIds: readonly number[]): Map<number, number> {
  if (sessionIds.length === 0) return new Map();
  const rows = db
    .select({ sessionId: epSessionItems.sessionId, n: sql<number>`count(*)` })
    .from(epSessionItems)
    .where(and(inArray(epSessionItems.sessionId, [...sessionIds]), eq(epSessionItems.active, true)))
    .groupBy(epSessionItems.sessionId)
    .all();
  return new Map(rows.map((r) => [r.sessionId, Number(r.n)]));
}

/** The active item of a saisine (its current inscription), if any. */
export function activeItemOfSaisine(db: DbOrTx, saisineId: number): EpSessionItemRow | undefined {
  return db
    .select()
    .from(epSessionItems)
    .where(and(eq(epSessionItems.saisineId, saisineId), eq(epSessionItems.active, true)))
    .get();
}

export function insertItem(db: DbOrTx, values: Omit<typeof epSessionItems.$inferInsert, 'id'>): EpSessionItemRow {
  return db.insert(epSessionItems).values(values).returning().get();
}

export function updateItem(db: DbOrTx, id: number, set: Partial<Omit<typeof epSessionItems.$inferInsert, 'id' | 'sessionId' | 'saisineId'>>): EpSessionItemRow {
  const row = db.update(epSessionItems).set(set).where(eq(epSessionItems.id, id)).returning().get();
  if (!row) throw new Error(`ep_session_items.id ${id} absent`);
  return row;
}

/** The latest removed item (postponed / withdrawn) of each saisine, with its session's date. */
export function lastRemovals(db: DbOrTx, saisineIds: readonly number[]): Map<number, { item: EpSessionItemRow; sessionDate: string }> {
  if (saisineIds.length === 0) return new Map();
  const rows = db
    .select({ item: epSessionItems, sessionDate: epSessions.date })
    .from(epSessionItems)
    .innerJoin(epSessions, eq(epSessions.id, epSessionItems.sessionId))
    .where(and(inArray(epSessionItems.saisineId, [...new Set(saisineIds)]), eq(epSessionItems.active, false)))
    .orderBy(asc(epSessionItems.removedAt), asc(epSessionItems.id))
    .all();
  const out = new Map<number, { item: EpSessionItemRow; sessionDate: string }>();
  for (const r of rows) out.set(r.item.saisineId, r);
  return out;
}

// --- Attendance, avis, decisions, sanctions ----------------------------------------------------------------

export function attendanceOfSession(db: DbOrTx, sessionId: number): EpAttendanceRow[] {
  return db.select().from(epAttendance).where(eq(epAttendance.sessionId, sessionId)).all();
}

export function replaceAttendance(db: DbOrTx, sessionId: number, rows: readonly Omit<EpAttendanceRow, 'sessionId'>[]): void {
  db.delete(epAttendance).where(eq(epAttendance.sessionId, sessionId)).run();
  if (rows.length > 0) db.insert(epAttendance).values(rows.map((r) => ({ ...r, sessionId }))).run();
}

export function avisOfItems(db: DbOrTx, itemIds: readonly number[]): Map<number, EpAvisRow> {
  if (itemIds.length === 0) return new Map();
  const rows = db.select().from(epAvis).where(inArray(epAvis.itemId, [...itemIds])).all();
  return new Map(rows.map((r) => [r.itemId, r]));
}

export function avisOfSaisine(db: DbOrTx, saisineId: number): EpAvisRow | undefined {
  return db.select().from(epAvis).where(eq(epAvis.saisineId, saisineId)).get();
}

export function insertAvis(db: DbOrTx, values: Omit<EpAvisRow, 'id'>): EpAvisRow {
  return db.insert(epAvis).values(values).returning().get();
}

export function decisionsOfItems(db: DbOrTx, itemIds: readonly number[]): Map<number, EpDecisionRow> {
  if (itemIds.length === 0) return new Map();
  const rows = db.select().from(epDecisions).where(inArray(epDecisions.itemId, [...itemIds])).all();
  return new Map(rows.map((r) => [r.itemId, r]));
}

export function decisionOfSaisine(db: DbOrTx, saisineId: number): EpDecisionRow | undefined {
  return db.select().from(epDecisions).where(eq(epDecisions.saisineId, saisineId)).get();
}

export function insertDecision(db: DbOrTx, values: Omit<EpDecisionRow, 'id'>): EpDecisionRow {
  return db.insert(epDecisions).values(values).returning().get();
}

export function sanctionsOfDecisions(db: DbOrTx, decisionIds: readonly number[]): Map<number, EpSanctionRow> {
  if (decisionIds.length === 0) return new Map();
  const rows = db.select().from(epSanctions).where(inArray(epSanctions.decisionId, [...decisionIds])).all();
  return new Map(rows.map((r) => [r.decisionId, r]));
}

export function sanctionsOfPerson(db: DbOrTx, personId: number): EpSanctionRow[] {
  return db.select().from(epSanctions).where(eq(epSanctions.personId, personId)).orderBy(asc(epSanctions.start), asc(epSanctions.id)).all();
}

export function insertSanction(db: DbOrTx, values: Omit<EpSanctionRow, 'id'>): EpSanctionRow {
  return db.insert(epSanctions).values(values).returning().get();
}

/** The schedule recomputed at the contract's signature, with the one it replaces (contracts.sign). */
export function updateSanctionSchedule(
  db: DbOrTx,
  id: number,
  values: Pick<EpSanctionRow, 'scheduleJson' | 'previousScheduleJson' | 'contractSignedOn' | 'recomputedAt' | 'rsaAmountsVersion'>,
): EpSanctionRow {
  return db.update(epSanctions).set(values).where(eq(epSanctions.id, id)).returning().get()!;
}

/** Every item (active or not) of the given saisines with its session, newest inscription last. */
export function itemsOfSaisines(db: DbOrTx, saisineIds: readonly number[]): { item: EpSessionItemRow; session: EpSessionRow }[] {
  if (saisineIds.length === 0) return [];
  return db
    .select({ item: epSessionItems, session: epSessions })
    .from(epSessionItems)
    .innerJoin(epSessions, eq(epSessions.id, epSessionItems.sessionId))
    .where(inArray(epSessionItems.saisineId, [...new Set(saisineIds)]))
    .orderBy(asc(epSessionItems.id))
    .all();
}

/** Children of a foyer (count) and whether it has a conjoint: the household of the sanction. */
export function householdOf(db: DbOrTx, foyerId: number): { couple: boolean; dependants: number } {
  const conjoint = db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.foyerId, foyerId), eq(persons.roleInFoyer, 'conjoint')))
    .get();
  const n = db.select({ n: count() }).from(children).where(eq(children.foyerId, foyerId)).get()?.n ?? 0;
  return { couple: conjoint !== undefined, dependants: n };
}


/** Where each saisine stands in the EP: 'decidee', 'avis_rendu', 'inscrite' (in a session) or 'en_attente'. */
export function epStageOfSaisines(db: DbOrTx, saisineIds: readonly number[]): Map<number, 'decidee' | 'avis_rendu' | 'inscrite' | 'en_attente'> {
  const stage = new Map<number, 'decidee' | 'avis_rendu' | 'inscrite' | 'en_attente'>(saisineIds.map((id) => [id, 'en_attente']));
  if (saisineIds.length === 0) return stage;
  const ids = [...saisineIds];
  for (const r of db.select({ id: epSessionItems.saisineId }).from(epSessionItems).where(and(inArray(epSessionItems.saisineId, ids), eq(epSessionItems.status, 'inscrit'))).all()) stage.set(r.id, 'inscrite');
  for (const r of db.select({ id: epAvis.saisineId }).from(epAvis).where(inArray(epAvis.saisineId, ids)).all()) stage.set(r.id, 'avis_rendu');
  for (const r of db.select({ id: epDecisions.saisineId }).from(epDecisions).where(inArray(epDecisions.saisineId, ids)).all()) stage.set(r.id, 'decidee');
  return stage;
}
