/**
 * The work lists behind the DSP, EDE and Orientation menus and the desk's counts (issue 12, section 4): which
 * dossiers (or records) wait for what, paged and sorted in SQL. The rules of each list are in docs/rules.md
 * (« Issue 12 — listes de travail »); the service (main/services/desk/worklists.ts) words the rows.
 *
 * Every list is one SELECT giving, per row, the person, the date the row is about and a few raw fields
 * (`kind`, `a`…`d`, `n`) the service turns into French; the outer query adds the identity, the référent, the
 * name / CAF filter (person_search_key: names already folded) and the order. Scope as the échéancier: a référent
 * their own dossiers, the other roles the dossiers of their MDS.
 *
 * At 50,000 foyers (test/integration/api/worklists-plan.test.ts checks the plans): the person lists walk the
 * scope's persons (foyers_mds_id_idx or persons_referent_id_idx) and probe each person's rows through the
 * person_id indexes; the record lists start from the records' own indexes (contracts_status_idx,
 * fiches_liaison_status_sent_idx) or from the scope's persons. Cheap probes come first (no EDE? two contracts?
 * any préconisation or EDE?) so the costly ones run for few persons; `LIMIT -1` keeps a subquery from being
 * flattened, so its correlated subqueries run once per person, not once per use. A page computes its list once
 * (the total rides on each row: `count(*) OVER ()`) and joins the identity for its own rows only.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { WorklistKind } from '../../shared/api/desk';
import { addDaysIso } from '../../shared/domain/rules/dates';
import type { Sqlite } from '../open';

/** Whose dossiers: every one of the MDS, or (référent) only those where they are the named référent. */
export interface WorklistScope {
  mdsId: number;
  /** The référent (user id) whose dossiers only are listed; null: the whole MDS. */
  referentId: number | null;
}

export interface WorklistQueryOptions {
  /** 'YYYY-MM-DD'. */
  today: string;
  /** Terms already folded (lower case, accents removed: db/search.ts `foldName`); each must match. */
  terms?: readonly string[];
}

export interface WorklistPageOptions extends WorklistQueryOptions {
  offset: number;
  limit: number;
  sort: 'date' | 'person' | 'days';
  direction: 'asc' | 'desc';
}

/** One row as the query gives it (see each list for the meaning of kind, a…d, n). */
export interface WorklistRawRow {
  personId: number;
  nomPatronymique: string;
  nomUsage: string | null;
  prenoms: string;
  cafNumber: string;
  referent: string | null;
  date: string | null;
  kind: string;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
  n: number | null;
  section: string;
}

/** The day the person has waited for since: RSA start, else the dossier's creation (as the échéancier). */
const SINCE = `coalesce(f.rsa_depuis, substr(p.created_at, 1, 10))`;
const IN_SCOPE = `FROM persons p JOIN foyers f ON f.id = p.foyer_id`;
const scopeWhere = (referent: boolean) => `${referent ? `p.referent_id = @referentId AND f.mds_id = @mdsId` : `f.mds_id = @mdsId`} AND p.merged_into_id IS NULL`;
/**
 * The records of the persons in scope: a référent's few persons drive (persons_referent_id_idx, then the record's
 * person_id index); for a whole MDS the record's own index drives (CROSS JOIN keeps that order).
 */
const recordsInScope = (referent: boolean, table: string, alias: string) =>
  referent
    ? `${IN_SCOPE} CROSS JOIN ${table} ${alias} ON ${alias}.person_id = p.id`
    : `FROM ${table} ${alias} CROSS JOIN persons p ON p.id = ${alias}.person_id CROSS JOIN foyers f ON f.id = p.foyer_id`;

/** The person's latest contract, rejected ones aside (by start, then entry). */
const LATEST_CONTRACT = `SELECT c.id FROM contracts c WHERE c.person_id = p.id AND c.status <> 'rejete' ORDER BY c.start DESC, c.id DESC LIMIT 1`;

/** Persons without any DSP revision. kind 'aucune'. */
const dspManquante = (referent: boolean) => `
  SELECT p.id AS person_id, ${SINCE} AS date, 'aucune' AS kind, NULL AS a, NULL AS b, NULL AS c, NULL AS d, NULL AS n, 'dsp' AS section
  ${IN_SCOPE}
  WHERE ${scopeWhere(referent)} AND NOT EXISTS (SELECT 1 FROM dsp_revisions r WHERE r.person_id = p.id)`;

/**
 * The dossier's EDE warning (main/services/interview/summary.ts `edeForContract`), plus the dossiers without any
 * EDE: 'aucune' (date: waiting since; a/n: the current contract's type/id if any), 'signature_precedent' (the
 * latest EDE is the one of the previous contract's signature) and 'anterieure' (older than the previous
 * contract) — date: the current contract's start; a: its type; b: the latest EDE; c: the previous contract's
 * signature (resp. start).
 */
const edeAFaire = (referent: boolean) => `
  SELECT p.id AS person_id, ${SINCE} AS date, 'aucune' AS kind, cur.type AS a, NULL AS b, NULL AS c, cur.start AS d, cur.id AS n, 'ede' AS section
  ${IN_SCOPE}
  LEFT JOIN contracts cur ON cur.id = (${LATEST_CONTRACT})
  WHERE ${scopeWhere(referent)} AND NOT EXISTS (SELECT 1 FROM ede_assessments e WHERE e.person_id = p.id)
  UNION ALL
  SELECT x.person_id, cur.start AS date,
    CASE WHEN prev.signed_on IS NOT NULL AND x.ede_date >= prev.start AND x.ede_date <= prev.signed_on THEN 'signature_precedent' ELSE 'anterieure' END,
    cur.type, x.ede_date,
    CASE WHEN prev.signed_on IS NOT NULL AND x.ede_date >= prev.start AND x.ede_date <= prev.signed_on THEN prev.signed_on ELSE prev.start END,
    cur.start, cur.id, 'ede'
  FROM (
    SELECT p.id AS person_id,
      (SELECT max(e.date) FROM ede_assessments e WHERE e.person_id = p.id) AS ede_date,
      (${LATEST_CONTRACT}) AS cur_id,
      (${LATEST_CONTRACT} OFFSET 1) AS prev_id
    ${IN_SCOPE}
    WHERE ${scopeWhere(referent)} AND (SELECT count(*) FROM contracts c WHERE c.person_id = p.id) >= 2
    LIMIT -1
  ) x
  JOIN contracts cur ON cur.id = x.cur_id
  JOIN contracts prev ON prev.id = x.prev_id
  WHERE x.ede_date IS NOT NULL AND ((prev.signed_on IS NOT NULL AND x.ede_date >= prev.start AND x.ede_date <= prev.signed_on) OR x.ede_date < prev.start)`;

/**
 * Per person in scope: the latest orientation period (decision date, orientation), the latest EDE, and the
 * pending préconisation (the latest no decision relied on, counted only when dated on or after the latest EDE:
 * `pendingPreconisation`).
 */
const orientationBase = (referent: boolean, prefilter: string) => `
  SELECT y.person_id, y.since, o.decision_date AS decided, o.orientation AS current,
    e.date AS ede_date, e.total AS ede_total, e.proposal AS ede_proposal,
    pr.date AS preco_date, pr.team AS preco_team, pr.preconisation AS preco
  FROM (
    SELECT p.id AS person_id, ${SINCE} AS since,
      (SELECT o.id FROM orientations o WHERE o.person_id = p.id ORDER BY o.decision_date DESC, o.id DESC LIMIT 1) AS orientation_id,
      (SELECT e.id FROM ede_assessments e WHERE e.person_id = p.id ORDER BY e.date DESC, e.id DESC LIMIT 1) AS ede_id,
      (SELECT pr.id FROM orientation_preconisations pr WHERE pr.person_id = p.id
         AND NOT EXISTS (SELECT 1 FROM orientations u WHERE u.person_id = pr.person_id AND u.preconisation_id = pr.id)
         ORDER BY pr.date DESC, pr.id DESC LIMIT 1) AS preco_id
    ${IN_SCOPE}
    WHERE ${scopeWhere(referent)} AND ${prefilter}
    LIMIT -1
  ) y
  LEFT JOIN orientations o ON o.id = y.orientation_id
  LEFT JOIN ede_assessments e ON e.id = y.ede_id
  LEFT JOIN orientation_preconisations pr ON pr.id = y.preco_id AND (e.date IS NULL OR pr.date >= e.date)`;

/** Nothing to decide without a préconisation or an EDE (two cheap probes before the rest). */
const HAS_PRECO_OR_EDE = `(EXISTS (SELECT 1 FROM orientation_preconisations pr WHERE pr.person_id = p.id)
  OR EXISTS (SELECT 1 FROM ede_assessments e WHERE e.person_id = p.id))`;

/** A pending préconisation dated on or after the latest decision. */
const PRECO_PENDING = `(z.preco_date IS NOT NULL AND (z.decided IS NULL OR z.preco_date >= z.decided))`;
/** The latest EDE's clear proposal: with no decision yet, or newer than the decision and other than the orientation. */
const EDE_PROPOSES = `(z.ede_proposal IS NOT NULL AND z.ede_proposal <> 'decision_ep_eo'
  AND (z.decided IS NULL OR (z.ede_date > z.decided AND z.ede_proposal <> z.current)))`;

/** No decision, nothing to decide on: 'sans_ede' (a: null) or 'ede_entre_seuils' (a: EDE date, n: total). */
const orientationAProposer = (referent: boolean) => `
  SELECT z.person_id, z.since AS date, CASE WHEN z.ede_date IS NULL THEN 'sans_ede' ELSE 'ede_entre_seuils' END AS kind,
    z.ede_date AS a, NULL AS b, NULL AS c, NULL AS d, z.ede_total AS n, 'orientation' AS section
  FROM (${orientationBase(referent, 'NOT EXISTS (SELECT 1 FROM orientations o WHERE o.person_id = p.id)')}) z
  WHERE z.decided IS NULL AND NOT ${PRECO_PENDING} AND NOT ${EDE_PROPOSES}`;

/**
 * 'preconisation' (date: its date; a: team; b: préconisation) or 'ede' (date: the EDE's; b: its proposal;
 * n: total); c: the current orientation, if any.
 */
const orientationADecider = (referent: boolean) => `
  SELECT z.person_id,
    CASE WHEN ${PRECO_PENDING} THEN z.preco_date ELSE z.ede_date END AS date,
    CASE WHEN ${PRECO_PENDING} THEN 'preconisation' ELSE 'ede' END AS kind,
    CASE WHEN ${PRECO_PENDING} THEN z.preco_team END AS a,
    CASE WHEN ${PRECO_PENDING} THEN z.preco ELSE z.ede_proposal END AS b,
    z.current AS c, NULL AS d,
    CASE WHEN ${PRECO_PENDING} THEN NULL ELSE z.ede_total END AS n, 'orientation' AS section
  FROM (${orientationBase(referent, HAS_PRECO_OR_EDE)}) z
  WHERE ${PRECO_PENDING} OR ${EDE_PROPOSES}`;

/** Contracts transmitted to the SLAI: date transmitted; a: type; b/c: start/end; n: contract id. */
const contratsAValider = (referent: boolean) => `
  SELECT c.person_id, coalesce(c.transmitted_on, c.signed_on) AS date, 'transmis' AS kind, c.type AS a, c.start AS b, c."end" AS c, NULL AS d,
    c.id AS n, 'contrats' AS section
  ${recordsInScope(referent, 'contracts', 'c')}
  WHERE c.status = 'transmis_slai' AND ${scopeWhere(referent)}`;

/**
 * Fiches sent and not closed (a référent: those they made): date sent; kind: status; a: type; b: the
 * correspondent's answer; c: the Président's decision; n: fiche id.
 */
const fichesEnvoyees = (referent: boolean) => `
  SELECT fl.person_id, coalesce(fl.sent_on, fl.date) AS date, fl.status AS kind, fl.type AS a, fl.answer_decision AS b,
    fl.president_decision AS c, NULL AS d, fl.id AS n, 'fiches' AS section
  ${recordsInScope(referent, 'fiches_liaison', 'fl')}
  WHERE fl.status IN ('envoyee', 'acceptee', 'refusee') AND ${scopeWhere(referent)}${referent ? ' AND fl.created_by_id = @referentId' : ''}`;

/**
 * What the Président decided in the last 30 days (@since … @today): contracts validated or rejected ('contrat_valide' /
 * 'contrat_rejete': a type, b start, c rejection motif, n id), fiches with the Président's part ('fiche_president':
 * a type, b decision, c reason, n id), decisions after an EP ('decision_ep': a origin, b sens, c orientation, n id).
 */
const validationsRecues = (referent: boolean) => `
  SELECT c.person_id, c.decided_on AS date, CASE WHEN c.status = 'rejete' THEN 'contrat_rejete' ELSE 'contrat_valide' END AS kind,
    c.type AS a, c.start AS b, c.rejection_motif AS c, NULL AS d, c.id AS n, 'contrats' AS section
  ${IN_SCOPE} CROSS JOIN contracts c ON c.person_id = p.id
  WHERE ${scopeWhere(referent)} AND c.decided_on >= @since AND c.decided_on <= @today
  UNION ALL
  SELECT fl.person_id, fl.president_date, 'fiche_president', fl.type, fl.president_decision, fl.president_reason, NULL, fl.id, 'fiches'
  ${IN_SCOPE} CROSS JOIN fiches_liaison fl ON fl.person_id = p.id
  WHERE ${scopeWhere(referent)} AND fl.president_date >= @since AND fl.president_date <= @today
  UNION ALL
  SELECT s.person_id, d.date, 'decision_ep', s.origin, d.sens, d.orientation, NULL, d.id, 'ep'
  ${IN_SCOPE} CROSS JOIN ep_saisines s ON s.person_id = p.id CROSS JOIN ep_decisions d ON d.saisine_id = s.id
  WHERE ${scopeWhere(referent)} AND d.date >= @since AND d.date <= @today`;

const LISTS: Record<WorklistKind, (referent: boolean) => string> = {
  dsp_manquante: dspManquante,
  ede_a_faire: edeAFaire,
  orientation_a_proposer: orientationAProposer,
  orientation_a_decider: orientationADecider,
  contrats_a_valider: contratsAValider,
  fiches_envoyees: fichesEnvoyees,
  validations_recues: validationsRecues,
};

/** Every term (folded) is found in the folded names or the CAF number. */
const TERMS_FILTER = `NOT EXISTS (SELECT 1 FROM json_each(@terms) t
  WHERE instr(k.nom || ' ' || coalesce(k.nom_usage, '') || ' ' || k.prenoms || ' ' || lower(k.caf_number), t.value) = 0)`;

/** Orders on the columns of the ordered rows (the list's, plus the folded names), ties broken down to the record. */
const ORDERS: Record<WorklistPageOptions['sort'], (dir: 'ASC' | 'DESC') => string> = {
  date: (dir) => `date ${dir}, sort_nom, sort_prenoms, person_id, n`,
  // More days waiting = an older date.
  days: (dir) => `date ${dir === 'ASC' ? 'DESC' : 'ASC'}, sort_nom, sort_prenoms, person_id, n`,
  person: (dir) => `sort_nom ${dir}, sort_prenoms ${dir}, person_id ${dir}, date, n`,
};

/** The rows of the list with the folded names (sort and filter), and the list's total on each row. */
const ordered = (list: WorklistKind, referent: boolean, filtered: boolean) => `
  SELECT x.*, k.nom AS sort_nom, k.prenoms AS sort_prenoms, count(*) OVER () AS total
  FROM (${LISTS[list](referent)}) x
  JOIN person_search_key k ON k.person_id = x.person_id
  ${filtered ? `WHERE ${TERMS_FILTER}` : ''}`;

/** The SQL of a list's count (exported for the query-plan test). */
export function worklistCountSql(list: WorklistKind, referent: boolean, filtered: boolean): string {
  const source = LISTS[list](referent);
  return filtered
    ? `SELECT count(*) AS total FROM (${source}) x JOIN person_search_key k ON k.person_id = x.person_id WHERE ${TERMS_FILTER}`
    : `SELECT count(*) AS total FROM (${source}) x`;
}

/**
 * The SQL of a list's page (exported for the query-plan test): the list is computed once, ordered and cut on its
 * own columns (with its total), then only the page's rows get their identity and référent.
 */
export function worklistPageSql(list: WorklistKind, referent: boolean, filtered: boolean, sort: WorklistPageOptions['sort'], direction: 'ASC' | 'DESC'): string {
  const order = ORDERS[sort](direction);
  return `
  SELECT y.person_id AS personId, p.nom_patronymique AS nomPatronymique, p.nom_usage AS nomUsage, p.prenoms AS prenoms,
    fo.caf_number AS cafNumber, r.display_name AS referent, y.date AS date, y.kind AS kind, y.a AS a, y.b AS b, y.c AS c,
    y.d AS d, y.n AS n, y.section AS section, y.total AS total
  FROM (${ordered(list, referent, filtered)} ORDER BY ${order} LIMIT @limit OFFSET @offset) y
  JOIN persons p ON p.id = y.person_id
  JOIN foyers fo ON fo.id = p.foyer_id
  LEFT JOIN users r ON r.id = p.referent_id
  ORDER BY ${order.replace(/(^|, )/g, '$1y.')}`;
}

const statements = new WeakMap<Sqlite, Map<string, Statement>>();

function prepared(sqlite: Sqlite, sql: string): Statement {
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** The named parameters: scope, filter, today and 30 days before (validations received). */
function params(scope: WorklistScope, options: WorklistQueryOptions, filtered: boolean): Record<string, unknown> {
  return {
    mdsId: scope.mdsId,
    ...(scope.referentId === null ? {} : { referentId: scope.referentId }),
    ...(filtered ? { terms: JSON.stringify(options.terms) } : {}),
    today: options.today,
    since: addDaysIso(options.today, -30),
  };
}

/** The SQL mentions @since / @today only in some lists: better-sqlite3 refuses unknown named parameters. */
function bind(sql: string, all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)));
}

const isFiltered = (options: WorklistQueryOptions) => (options.terms?.length ?? 0) > 0;

/** How many rows the list has for this scope (and filter). */
export function countWorklist(sqlite: Sqlite, list: WorklistKind, scope: WorklistScope, options: WorklistQueryOptions): number {
  const filtered = isFiltered(options);
  const sql = worklistCountSql(list, scope.referentId !== null, filtered);
  const row = prepared(sqlite, sql).get(bind(sql, params(scope, options, filtered))) as { total: number };
  return row.total;
}

/** One page of the list, in the order asked (ties by name, then person), and the list's total. */
export function pageWorklist(
  sqlite: Sqlite,
  list: WorklistKind,
  scope: WorklistScope,
  options: WorklistPageOptions,
): { total: number; rows: WorklistRawRow[] } {
  const filtered = isFiltered(options);
  const direction = options.direction === 'desc' ? 'DESC' : 'ASC';
  const sql = worklistPageSql(list, scope.referentId !== null, filtered, options.sort, direction);
  const rows = prepared(sqlite, sql).all(
    bind(sql, { ...params(scope, options, filtered), limit: options.limit, offset: options.offset }),
  ) as (WorklistRawRow & { total: number })[];
  // A page past the end has no row to carry the total: count then.
  const total = rows[0]?.total ?? (options.offset === 0 ? 0 : countWorklist(sqlite, list, scope, options));
  return { total, rows: rows.map(({ total: _total, ...row }) => row) };
}
