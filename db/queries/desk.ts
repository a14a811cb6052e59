/**
 * Queries of the desk's read side: the échéancier across dossiers (over the precomputed `due_items`, filtered,
 * sorted and paged in SQL), the visits of the desk, and the few counts « Mon activité » shows (accounts, EP
 * sessions to prepare, decision letters to send). Every échéancier query takes a `DueScope`: the MDS, and for a
 * référent their own dossiers only.
 */
import { and, asc, count, type AnyColumn, desc, eq, gte, inArray, lte, notExists, sql, type SQL } from 'drizzle-orm';
import { ECHEANCE_KINDS, SEVERITIES, type EcheanceKind, type Severity } from '../../shared/domain/rules/echeancier';
import { deskVisits, documents, dueItems, epDecisions, epSessionItems, epSessions, fichesLiaison, foyers, persons, users, type FicheLiaison } from '../schema';
import type { DbOrTx } from './types';

/** Whose items: the MDS's, narrowed to one référent's dossiers for a référent. */
export interface DueScope {
  mdsId: number;
  referentUserId?: number;
}

export interface DueFilter {
  kinds?: readonly EcheanceKind[] | undefined;
  severities?: readonly Severity[] | undefined;
  referentId?: number | undefined;
  personId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type DueSort = 'date' | 'severity' | 'person' | 'kind';

export interface DueItemListRow {
  id: number;
  personId: number;
  personName: string;
  referentUserId: number | null;
  referentName: string | null;
  kind: string;
  severity: string;
  date: string;
  title: string;
  rule: string;
}

/** The position of a value in a list, as an SQL expression (CASE … END): the order of severities and kinds. */
const rankOf = (column: AnyColumn, values: readonly string[]): SQL =>
  sql`(CASE ${column} ${sql.join(
    values.map((v, i) => sql`WHEN ${v} THEN ${i}`),
    sql` `,
  )} ELSE ${values.length} END)`;

const severityRank = rankOf(dueItems.severity, SEVERITIES);
const kindRank = rankOf(dueItems.kind, ECHEANCE_KINDS);

function dueWhere(scope: DueScope, filter: DueFilter, extra: (SQL | undefined)[] = []): SQL | undefined {
  return and(
    eq(dueItems.mdsId, scope.mdsId),
    scope.referentUserId === undefined ? undefined : eq(dueItems.referentUserId, scope.referentUserId),
    filter.referentId === undefined ? undefined : eq(dueItems.referentUserId, filter.referentId),
    filter.personId === undefined ? undefined : eq(dueItems.personId, filter.personId),
    filter.kinds?.length ? inArray(dueItems.kind, [...filter.kinds]) : undefined,
    filter.severities?.length ? inArray(dueItems.severity, [...filter.severities]) : undefined,
    filter.from === undefined ? undefined : gte(dueItems.date, filter.from),
    filter.to === undefined ? undefined : lte(dueItems.date, filter.to),
    ...extra,
  );
}

export function countDueItems(db: DbOrTx, scope: DueScope, filter: DueFilter): number {
  return db.select({ n: count() }).from(dueItems).where(dueWhere(scope, filter)).get()?.n ?? 0;
}

/** Items by severity (the navigation badge, the desk's tones). */
export function dueCountsBySeverity(db: DbOrTx, scope: DueScope, filter: DueFilter): Record<Severity, number> {
  const rows = db
    .select({ severity: dueItems.severity, n: count() })
    .from(dueItems)
    .where(dueWhere(scope, filter))
    .groupBy(dueItems.severity)
    .all();
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of rows) if (r.severity in counts) counts[r.severity as Severity] = r.n;
  return counts;
}

function orderOf(sort: DueSort, direction: 'asc' | 'desc'): SQL[] {
  const dir = direction === 'asc' ? asc : desc;
  const tail = [asc(dueItems.personSort), asc(dueItems.id)];
  switch (sort) {
    case 'date':
      return [dir(dueItems.date), asc(severityRank), ...tail];
    case 'severity':
      return [dir(severityRank), asc(dueItems.date), ...tail];
    case 'person':
      return [dir(dueItems.personSort), asc(dueItems.date), asc(severityRank), asc(dueItems.id)];
    case 'kind':
      return [dir(kindRank), asc(dueItems.date), ...tail];
  }
}

const listSelection = {
  id: dueItems.id,
  personId: dueItems.personId,
  personName: dueItems.personName,
  referentUserId: dueItems.referentUserId,
  referentName: users.displayName,
  kind: dueItems.kind,
  severity: dueItems.severity,
  date: dueItems.date,
  title: dueItems.title,
  rule: dueItems.rule,
};

/** One page of the échéancier (`limit` undefined: every row, for the export). */
export function dueItemsPage(
  db: DbOrTx,
  scope: DueScope,
  filter: DueFilter,
  page: { sort: DueSort; direction: 'asc' | 'desc'; offset: number; limit?: number | undefined },
): DueItemListRow[] {
  const query = db
    .select(listSelection)
    .from(dueItems)
    .leftJoin(users, eq(users.id, dueItems.referentUserId))
    .where(dueWhere(scope, filter))
    .orderBy(...orderOf(page.sort, page.direction));
  return (page.limit === undefined ? query.offset(page.offset) : query.limit(page.limit).offset(page.offset)).all();
}

/** The most pressing item of each dossier (severity, then date), the most pressing dossiers first. */
export function nextDueItemPerPerson(db: DbOrTx, scope: DueScope, filter: DueFilter, limit: number): DueItemListRow[] {
  const ranked = db
    .select({
      id: dueItems.id,
      n: sql<number>`ROW_NUMBER() OVER (PARTITION BY ${dueItems.personId} ORDER BY ${severityRank}, ${dueItems.date}, ${dueItems.id})`.as('n'),
    })
    .from(dueItems)
    .where(dueWhere(scope, filter))
    .as('ranked');
  return db
    .select(listSelection)
    .from(ranked)
    .innerJoin(dueItems, eq(dueItems.id, ranked.id))
    .leftJoin(users, eq(users.id, dueItems.referentUserId))
    .where(eq(ranked.n, 1))
    .orderBy(asc(severityRank), asc(dueItems.date), asc(dueItems.personSort), asc(dueItems.id))
    .limit(limit)
    .all();
}

/** Item counts per day and severity between two dates (days without items are left out). */
export function dueCalendarCounts(
  db: DbOrTx,
  scope: DueScope,
  filter: DueFilter,
  from: string,
  to: string,
): { date: string; severity: string; n: number }[] {
  return db
    .select({ date: dueItems.date, severity: dueItems.severity, n: count() })
    .from(dueItems)
    .where(dueWhere(scope, filter, [gte(dueItems.date, from), lte(dueItems.date, to)]))
    .groupBy(dueItems.date, dueItems.severity)
    .all();
}

// --- Visits ------------------------------------------------------------------------------------------------

/** Records a visit of the desk at `at`; returns the one before it (null: the first visit). */
export function recordDeskVisit(db: DbOrTx, userId: number, at: string): string | null {
  const previous = db.select({ last: deskVisits.lastVisitAt }).from(deskVisits).where(eq(deskVisits.userId, userId)).get()?.last ?? null;
  db.insert(deskVisits)
    .values({ userId, lastVisitAt: at, previousVisitAt: previous })
    .onConflictDoUpdate({ target: deskVisits.userId, set: { lastVisitAt: at, previousVisitAt: previous } })
    .run();
  return previous;
}

// --- Counts of « Mon activité » ----------------------------------------------------------------------------

/** Active accounts of an MDS by role. */
export function activeAccountsByRole(db: DbOrTx, mdsId: number): { role: string; n: number }[] {
  return db
    .select({ role: users.role, n: count() })
    .from(users)
    .where(and(eq(users.mdsId, mdsId), eq(users.active, true)))
    .groupBy(users.role)
    .all();
}

/** Sessions of an EP not held yet (created, cases inscribed, convened), the nearest first. */
export function sessionsToPrepare(db: DbOrTx, epId: number): { id: number; date: string; place: string; status: string; cases: number }[] {
  return db
    .select({
      id: epSessions.id,
      date: epSessions.date,
      place: epSessions.place,
      status: epSessions.status,
      cases: sql<number>`(SELECT count(*) FROM ${epSessionItems} WHERE ${epSessionItems.sessionId} = ${epSessions.id} AND ${epSessionItems.active} = 1)`,
    })
    .from(epSessions)
    .where(and(eq(epSessions.epId, epId), inArray(epSessions.status, ['creee', 'dossiers_inscrits', 'convocations_envoyees'])))
    .orderBy(asc(epSessions.date), asc(epSessions.id))
    .all();
}

/**
 * The Président's decisions of an EP's sessions whose letter to the beneficiary has not been produced (archived)
 * yet, per session, the oldest session first.
 */
export function decisionLettersToSend(db: DbOrTx, epId: number): { sessionId: number; date: string; letters: number }[] {
  return db
    .select({ sessionId: epSessions.id, date: epSessions.date, letters: count() })
    .from(epDecisions)
    .innerJoin(epSessionItems, eq(epSessionItems.id, epDecisions.itemId))
    .innerJoin(epSessions, eq(epSessions.id, epSessionItems.sessionId))
    .where(
      and(
        eq(epSessions.epId, epId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(documents)
            .where(
              and(
                eq(documents.kind, 'ep_decision_beneficiaire'),
                eq(documents.sourceEntity, 'ep_session_item'),
                eq(documents.sourceId, epDecisions.itemId),
              ),
            ),
        ),
      ),
    )
    .groupBy(epSessions.id)
    .orderBy(asc(epSessions.date), asc(epSessions.id))
    .all();
}

/** Fiches of an MDS in the given states: how many, and the first `limit` (oldest sending first), without their content. */
export function fichesInStatesPage(
  db: DbOrTx,
  mdsId: number,
  states: readonly FicheLiaison['status'][],
  limit: number,
): { total: number; rows: { id: number; personId: number; type: FicheLiaison['type']; status: FicheLiaison['status']; sentOn: string | null; nomPatronymique: string; nomUsage: string | null; prenoms: string }[] } {
  const found = db
    .select({
      id: fichesLiaison.id,
      personId: fichesLiaison.personId,
      type: fichesLiaison.type,
      status: fichesLiaison.status,
      sentOn: fichesLiaison.sentOn,
      nomPatronymique: persons.nomPatronymique,
      nomUsage: persons.nomUsage,
      prenoms: persons.prenoms,
      total: sql<number>`count(*) OVER ()`,
    })
    .from(fichesLiaison)
    .innerJoin(persons, eq(persons.id, fichesLiaison.personId))
    .innerJoin(foyers, eq(foyers.id, persons.foyerId))
    .where(and(eq(foyers.mdsId, mdsId), inArray(fichesLiaison.status, [...states])))
    // Those awaiting the correspondent's answer first (oldest first), then those accepted and awaiting their closure.
    .orderBy(sql`CASE ${fichesLiaison.status} WHEN 'envoyee' THEN 0 ELSE 1 END`, asc(fichesLiaison.sentOn), asc(fichesLiaison.id))
    .limit(limit)
    .all();
  const total = found[0]?.total ?? 0;
  const rows = found.map(({ total: _total, ...row }) => row);
  return { total, rows };
}
