/**
 * The statistics' queries (issue 15 §3): raw counts and delays over the persons in scope, in SQL. The service
 * (main/services/statistics/) turns them into tables, hides the small cells and words them in French; the
 * definitions are in docs/rules.md, « Issue 15 — statistiques ».
 *
 * Scope: the persons of one MDS (foyers_mds_id_idx), not merged into another dossier, optionally those whose named
 * référent is one user, and those whose orientation in effect on the period's last day is with one organisme.
 * Every query starts from that scope and probes each person's rows through the person_id indexes
 * (orientations_person_idx, contracts_person_id_idx, ede_assessments_person_date_idx, fiches_liaison_person_id_idx,
 * ep_saisines_person_id_idx, ep_sanctions_person_idx): at 50,000 foyers, a few tens of milliseconds each
 * (test/bench/statistics.bench.ts). A CTE whose correlated subqueries are used twice is MATERIALIZED, so that they run
 * once per person (flattened, SQLite would run them once per use).
 */
import type { Sqlite } from '../open';

export interface StatisticsScope {
  mdsId: number;
  /** 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
  /** The day the figures are computed (a deadline not yet passed is not a miss). */
  today: string;
  referentId: number | null;
  organismeId: number | null;
}

const SCOPE = `
WITH scope AS MATERIALIZED (
  SELECT p.id AS person_id, f.rsa_depuis AS rsa_depuis
  FROM foyers f JOIN persons p ON p.foyer_id = f.id
  WHERE f.mds_id = @mdsId AND p.merged_into_id IS NULL
    AND (@referentId IS NULL OR p.referent_id = @referentId)
    AND (@organismeId IS NULL OR EXISTS (
      SELECT 1 FROM orientations o WHERE o.person_id = p.id AND o.organisme_id = @organismeId
        AND o.start_date <= @to AND (o.end_date IS NULL OR o.end_date >= @to)))
)`;

/** A contract that counts as made (drafts and contracts the Président rejected aside). */
const MADE = `c.status NOT IN ('brouillon', 'rejete')`;

const params = (s: StatisticsScope) => ({
  mdsId: s.mdsId,
  from: s.from,
  to: s.to,
  today: s.today,
  referentId: s.referentId,
  organismeId: s.organismeId,
});

function all<R>(sqlite: Sqlite, sql: string, s: StatisticsScope, extra: Record<string, unknown> = {}): R[] {
  return sqlite.prepare(`${SCOPE} ${sql}`).all({ ...params(s), ...extra }) as R[];
}

/**
 * The active file on `day`: persons with an orientation in effect that day or a contract running that day (made,
 * started, not yet ended). `orientation`: the orientation in effect, null when only a contract runs.
 */
export function statActiveOn(sqlite: Sqlite, s: StatisticsScope, day: string): { orientation: string | null; n: number }[] {
  return all(
    sqlite,
    `, active AS MATERIALIZED (
      SELECT s.person_id,
        (SELECT o.orientation FROM orientations o WHERE o.person_id = s.person_id AND o.start_date <= @day AND (o.end_date IS NULL OR o.end_date >= @day)) AS orientation,
        EXISTS (SELECT 1 FROM contracts c WHERE c.person_id = s.person_id AND ${MADE} AND c.start <= @day AND coalesce(c.ended_on, c.end) >= @day) AS running
      FROM scope s)
    SELECT orientation, count(*) AS n FROM active WHERE orientation IS NOT NULL OR running GROUP BY orientation`,
    s,
    { day },
  );
}

/**
 * Entries and exits of the active file per month of the period. Entry: the first day a person is active (their first
 * orientation or made contract). Exit: the day after their last day active (the end of their last orientation or
 * contract), when no orientation is open and that day is past; a person re-entering after a gap is counted once.
 */
export function statFlow(sqlite: Sqlite, s: StatisticsScope): { month: string; entries: number; exits: number }[] {
  return all(
    sqlite,
    `, spans AS MATERIALIZED (
      SELECT s.person_id,
        (SELECT min(d) FROM (
          SELECT min(o.start_date) AS d FROM orientations o WHERE o.person_id = s.person_id
          UNION ALL SELECT min(c.start) FROM contracts c WHERE c.person_id = s.person_id AND ${MADE})) AS entry,
        CASE WHEN EXISTS (SELECT 1 FROM orientations o WHERE o.person_id = s.person_id AND o.end_date IS NULL) THEN NULL
          ELSE (SELECT date(max(d), '+1 day') FROM (
            SELECT max(o.end_date) AS d FROM orientations o WHERE o.person_id = s.person_id
            UNION ALL SELECT max(coalesce(c.ended_on, c.end)) FROM contracts c WHERE c.person_id = s.person_id AND ${MADE})) END AS exit
      FROM scope s),
    events AS (
      SELECT substr(entry, 1, 7) AS month, 1 AS entries, 0 AS exits FROM spans WHERE entry BETWEEN @from AND @to
      UNION ALL
      SELECT substr(exit, 1, 7), 0, 1 FROM spans WHERE exit BETWEEN @from AND @to AND exit <= @today)
    SELECT month, sum(entries) AS entries, sum(exits) AS exits FROM events GROUP BY month ORDER BY month`,
    s,
  );
}

/** Orientation decisions of the period by orientation and by the band of the latest EDE on or before the decision. */
export function statOrientations(sqlite: Sqlite, s: StatisticsScope, low: number, high: number): { orientation: string; band: string; n: number }[] {
  return all(
    sqlite,
    `, decided AS MATERIALIZED (
      SELECT o.orientation,
        (SELECT e.total FROM ede_assessments e WHERE e.person_id = o.person_id AND e.date <= o.decision_date ORDER BY e.date DESC, e.id DESC LIMIT 1) AS total
      FROM scope s JOIN orientations o ON o.person_id = s.person_id
      WHERE o.decision_date BETWEEN @from AND @to)
    SELECT orientation,
      CASE WHEN total IS NULL THEN 'sans_ede' WHEN total < @low THEN 'bas' WHEN total > @high THEN 'haut' ELSE 'milieu' END AS band,
      count(*) AS n
    FROM decided GROUP BY orientation, band`,
    s,
    { low, high },
  );
}

/** Calendar days from `a` to `b` ('YYYY-MM-DD', both at midnight: an exact whole number). */
const DAYS = (a: string, b: string) => `CAST(julianday(${b}) - julianday(${a}) AS INTEGER)`;

/** Each person's first orientation decision, when it falls in the period and « RSA depuis le » is known: days between. */
export function statFirstDecisions(sqlite: Sqlite, s: StatisticsScope): { orientation: string; days: number }[] {
  return all(
    sqlite,
    `, firsts AS (
      SELECT s.person_id, s.rsa_depuis,
        (SELECT o.id FROM orientations o WHERE o.person_id = s.person_id ORDER BY o.decision_date, o.id LIMIT 1) AS first_id
      FROM scope s)
    SELECT o.orientation, ${DAYS('f.rsa_depuis', 'o.decision_date')} AS days
    FROM firsts f JOIN orientations o ON o.id = f.first_id
    WHERE o.decision_date BETWEEN @from AND @to AND f.rsa_depuis IS NOT NULL`,
    s,
  );
}

/**
 * The orientation decisions of the period and the first signature of a contract made under each (the contract
 * names the decision, or its date when it was recorded without it): null when none is signed.
 */
export function statDecisionsToContract(
  sqlite: Sqlite,
  s: StatisticsScope,
): { orientation: string; decisionDate: string; signedOn: string | null; days: number | null }[] {
  return all(
    sqlite,
    `, decided AS (
      SELECT o.orientation, o.decision_date AS decisionDate,
        (SELECT min(c.signed_on) FROM contracts c WHERE c.person_id = o.person_id AND c.signed_on IS NOT NULL AND c.signed_on >= o.decision_date
           AND (c.orientation_id = o.id OR (c.orientation_id IS NULL AND c.orientation_date = o.decision_date))) AS signedOn
      FROM scope s JOIN orientations o ON o.person_id = s.person_id
      WHERE o.decision_date BETWEEN @from AND @to)
    SELECT orientation, decisionDate, signedOn, ${DAYS('decisionDate', 'signedOn')} AS days FROM decided`,
    s,
  );
}

/** Contracts starting in the period, by type, state and duration. */
export function statContracts(sqlite: Sqlite, s: StatisticsScope): { type: string; status: string; months: number; n: number }[] {
  return all(
    sqlite,
    `SELECT c.type, c.status, c.duration_months AS months, count(*) AS n
    FROM scope s JOIN contracts c ON c.person_id = s.person_id
    WHERE c.start BETWEEN @from AND @to
    GROUP BY c.type, c.status, c.duration_months`,
    s,
  );
}

/**
 * Contracts reaching their term in the period (made, not closed early) by type, and how many were renewed (a
 * renewal made: neither a draft nor rejected).
 */
export function statRenewals(sqlite: Sqlite, s: StatisticsScope): { type: string; ended: number; renewed: number }[] {
  return all(
    sqlite,
    `SELECT c.type, count(*) AS ended,
      sum(EXISTS (SELECT 1 FROM contracts r WHERE r.renewal_of_id = c.id AND r.status NOT IN ('brouillon', 'rejete'))) AS renewed
    FROM scope s JOIN contracts c ON c.person_id = s.person_id
    WHERE c.end BETWEEN @from AND @to AND ${MADE} AND c.status <> 'clos'
    GROUP BY c.type`,
    s,
  );
}

/**
 * CERS reaching 12 months in the period: a made CERS renewing a CERS, whose end falls in the period; and how many of
 * those persons were seized for the EP (saisine « CERS à 12 mois » dated from the renewal's start).
 */
export function statCers12(sqlite: Sqlite, s: StatisticsScope): { reached: number; seized: number } {
  const [row] = all<{ reached: number; seized: number | null }>(
    sqlite,
    `SELECT count(*) AS reached,
      sum(EXISTS (SELECT 1 FROM ep_saisines e WHERE e.person_id = c.person_id AND e.origin = 'cers_12_mois' AND e.date >= c.start)) AS seized
    FROM scope s JOIN contracts c ON c.person_id = s.person_id
    JOIN contracts p ON p.id = c.renewal_of_id
    WHERE c.type = 'CERS' AND p.type = 'CERS' AND ${MADE} AND c.end BETWEEN @from AND @to`,
    s,
  );
  return { reached: row?.reached ?? 0, seized: row?.seized ?? 0 };
}

/** Fiches de liaison sent in the period: type, and days from sending to the answer (null: not answered). */
export function statFiches(sqlite: Sqlite, s: StatisticsScope): { type: string; days: number | null }[] {
  return all(
    sqlite,
    `SELECT fl.type, ${DAYS('fl.sent_on', 'fl.answer_date')} AS days
    FROM scope s JOIN fiches_liaison fl ON fl.person_id = s.person_id
    WHERE fl.sent_on BETWEEN @from AND @to`,
    s,
  );
}

/** EP saisines dated in the period by origin: avis (date, deadline), decision (sens). */
export function statSaisines(
  sqlite: Sqlite,
  s: StatisticsScope,
): { origin: string; deadline: string; avisDate: string | null; decisionSens: string | null }[] {
  return all(
    sqlite,
    `SELECT e.origin, e.avis_deadline AS deadline, a.date AS avisDate, d.sens AS decisionSens
    FROM scope s JOIN ep_saisines e ON e.person_id = s.person_id
    LEFT JOIN ep_avis a ON a.saisine_id = e.id
    LEFT JOIN ep_decisions d ON d.saisine_id = e.id
    WHERE e.date BETWEEN @from AND @to`,
    s,
  );
}

/** Sanctions started on or before the period's end: kind and month-by-month schedule (JSON). */
export function statSanctions(sqlite: Sqlite, s: StatisticsScope): { kind: string; start: string; scheduleJson: string }[] {
  return all(
    sqlite,
    `SELECT x.kind, x.start, x.schedule_json AS scheduleJson
    FROM scope s JOIN ep_sanctions x ON x.person_id = s.person_id
    WHERE x.start <= @to`,
    s,
  );
}

/** Each person's latest EDE dated in the period: how many persons chose each palier of each item. */
export function statEdePaliers(sqlite: Sqlite, s: StatisticsScope): { item: string; palier: number; n: number }[] {
  return all(
    sqlite,
    `, latest AS (
      SELECT (SELECT e.id FROM ede_assessments e WHERE e.person_id = s.person_id AND e.date BETWEEN @from AND @to ORDER BY e.date DESC, e.id DESC LIMIT 1) AS id
      FROM scope s)
    SELECT j.key AS item, j.value AS palier, count(*) AS n
    FROM latest l JOIN ede_assessments e ON e.id = l.id, json_each(e.answers_json, '$.paliers') j
    GROUP BY j.key, j.value`,
    s,
  );
}

export interface EdeEvolutionRow {
  item: string;
  persons: number;
  first: number;
  latest: number;
  better: number;
  same: number;
  worse: number;
}

/**
 * The persons with two EDEs or more up to the period's end, the latest in the period: per item (and for the total,
 * item '*'), the mean of the first and of the latest EDE, and how many went down (better), stayed, went up.
 */
export function statEdeEvolution(sqlite: Sqlite, s: StatisticsScope): EdeEvolutionRow[] {
  return all(
    sqlite,
    `, ends AS MATERIALIZED (
      SELECT
        (SELECT e.id FROM ede_assessments e WHERE e.person_id = s.person_id AND e.date <= @to ORDER BY e.date, e.id LIMIT 1) AS first_id,
        (SELECT e.id FROM ede_assessments e WHERE e.person_id = s.person_id AND e.date <= @to ORDER BY e.date DESC, e.id DESC LIMIT 1) AS last_id
      FROM scope s),
    pairs AS MATERIALIZED (
      SELECT a.answers_json AS fa, a.total AS ft, b.answers_json AS la, b.total AS lt
      FROM ends x JOIN ede_assessments a ON a.id = x.first_id JOIN ede_assessments b ON b.id = x.last_id
      WHERE x.first_id <> x.last_id AND b.date >= @from),
    values_ AS (
      SELECT j1.key AS item, j1.value AS f, j2.value AS l
      FROM pairs p, json_each(p.fa, '$.paliers') j1, json_each(p.la, '$.paliers') j2 WHERE j2.key = j1.key
      UNION ALL SELECT '*', ft, lt FROM pairs)
    SELECT item, count(*) AS persons, avg(f) AS first, avg(l) AS latest,
      sum(l < f) AS better, sum(l = f) AS same, sum(l > f) AS worse
    FROM values_ GROUP BY item`,
    s,
  );
}

/** The filter's choices: the organismes of the MDS (or without an MDS) and its référents. */
export function statOptions(sqlite: Sqlite, mdsId: number): { organismes: { id: number; name: string }[]; referents: { id: number; displayName: string }[] } {
  return {
    organismes: sqlite
      .prepare('SELECT id, name FROM organismes_referents WHERE mds_id = ? OR mds_id IS NULL ORDER BY name, id')
      .all(mdsId) as { id: number; name: string }[],
    referents: sqlite
      .prepare("SELECT id, display_name AS displayName FROM users WHERE role = 'referent' AND mds_id = ? ORDER BY display_name, id")
      .all(mdsId) as { id: number; displayName: string }[],
  };
}
