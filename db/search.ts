/**
 * Person search (runs on every keystroke): accent- and case-insensitive, by name, prénoms,
 * N° allocataire CAF or N° Pôle Emploi.
 *
 * - Queries with at least one term of 3+ characters use the FTS5 trigram index `person_search`
 *   (substring match, diacritics removed). Every term of 3+ characters must match (AND); each
 *   term of 1–2 characters must additionally start a word of the nom, nom d'usage or prénoms.
 * - Queries whose terms are all 1–2 characters (trigrams can't match them) fall back to a prefix
 *   match on the folded nom / nom d'usage of `person_search_key` (indexed range scan), e.g. "du"
 *   finds "DUPONT" and "Durand" but not "Abdul".
 * - The user's text never reaches FTS5 syntax: each term is quoted ("…" with " doubled).
 * Order: exact match first (nom, nom d'usage, or the full CAF / PE number), then names starting
 * with the query, then the rest; within each group by folded nom then prénoms.
 * Statements are prepared once per database handle.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

export interface SearchPersonsOptions {
  query: string;
  /** 1–100; default 20. */
  limit?: number;
  /** Only the persons whose référent is this user. */
  restrictToReferentId?: number | null;
  /** Only the foyers of this MDS. */
  mdsId?: number | null;
}

export interface PersonSearchHit {
  personId: number;
  foyerId: number;
  nomPatronymique: string;
  nomUsage: string | null;
  prenoms: string;
  dateNaissance: string;
  cafNumber: string;
  peNumber: string | null;
  city: string;
  referentId: number | null;
  /** Display name of the référent, null when none is named. */
  referentName: string | null;
}

/**
 * Letters folded by the SQL triggers of migration 0001_search_index (person_search_key).
 * Keep both in sync: `foldName` must give exactly what the triggers store (tested).
 */
export const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([...'àáâãäåÀÁÂÃÄÅ'].map((c) => [c, 'a'])),
  ç: 'c',
  Ç: 'c',
  ...Object.fromEntries([...'èéêëÈÉÊË'].map((c) => [c, 'e'])),
  ...Object.fromEntries([...'ìíîïÌÍÎÏ'].map((c) => [c, 'i'])),
  ñ: 'n',
  Ñ: 'n',
  ...Object.fromEntries([...'òóôõöøÒÓÔÕÖØ'].map((c) => [c, 'o'])),
  ...Object.fromEntries([...'ùúûüÙÚÛÜ'].map((c) => [c, 'u'])),
  ...Object.fromEntries([...'ýÿÝŸ'].map((c) => [c, 'y'])),
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
};
const foldPattern = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'gu');

/** Lower case (ASCII, as SQLite's lower()) and French accents removed, as stored in person_search_key. */
export function foldName(text: string): string {
  return text
    .normalize('NFC')
    .replace(foldPattern, (c) => FOLDED_LETTERS[c] ?? c)
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** An FTS5 string literal: the term is matched as is, never parsed as FTS5 syntax. */
export function quoteFtsTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
/** Highest code point: `prefix || MAX_CHAR` bounds a prefix range scan. */
const MAX_CHAR = '\u{10FFFF}';

/** Filters, on person_search_key (denormalised référent and MDS: no join needed). */
const FILTERS = `
  AND (@referentId IS NULL OR k.referent_id = @referentId)
  AND (@mdsId IS NULL OR k.mds_id = @mdsId)`;

/** Every short term must start a word of the nom, nom d'usage or prénoms (folded). */
const SHORT_TERMS = `
  AND NOT EXISTS (
    SELECT 1 FROM json_each(@shortTerms) t
    WHERE instr(' ' || replace(k.nom, '-', ' '), ' ' || t.value) = 0
      AND instr(' ' || replace(coalesce(k.nom_usage, ''), '-', ' '), ' ' || t.value) = 0
      AND instr(' ' || replace(k.prenoms, '-', ' '), ' ' || t.value) = 0
  )`;

/** The selected persons (ids, in order, from `candidates`) with the fields of a hit. */
const withHitFields = (candidates: string, order: string) => `
SELECT
  p.id AS personId, p.foyer_id AS foyerId, p.nom_patronymique AS nomPatronymique, p.nom_usage AS nomUsage,
  p.prenoms AS prenoms, p.date_naissance AS dateNaissance, f.caf_number AS cafNumber, p.pe_number AS peNumber,
  f.city AS city, p.referent_id AS referentId, r.display_name AS referentName
FROM (${candidates}) c
JOIN persons p ON p.id = c.id
JOIN foyers f ON f.id = p.foyer_id
LEFT JOIN users r ON r.id = p.referent_id
ORDER BY ${order}`;

const ftsCandidates = (shortTerms: boolean) => `
  SELECT
    k.person_id AS id, k.nom AS nom, k.prenoms AS prenoms,
    CASE
      WHEN k.nom = @folded OR k.nom_usage = @folded OR k.caf_number = @upper OR k.pe_number = @upper THEN 0
      WHEN k.nom IN (SELECT value FROM json_each(@terms)) OR k.nom_usage IN (SELECT value FROM json_each(@terms)) THEN 1
      WHEN substr(k.nom, 1, length(@first)) = @first OR substr(k.nom_usage, 1, length(@first)) = @first THEN 2
      ELSE 3
    END AS bucket
  FROM person_search s
  JOIN person_search_key k ON k.person_id = s.rowid
  WHERE person_search MATCH @match
    ${shortTerms ? SHORT_TERMS : ''}
    ${FILTERS}
  ORDER BY bucket, k.nom, k.prenoms, k.person_id
  LIMIT @limit`;

/**
 * Nom or nom d'usage starting with @prefix, exact ones first. The nom range is read in index
 * order and stops after `limit` rows; the nom d'usage range (few rows) is read whole. Their union
 * holds the first `limit` rows of the whole range in (bucket, nom, prénoms) order.
 */
const PREFIX_CANDIDATES = `
  SELECT id, nom, prenoms, bucket FROM (
    SELECT k.person_id AS id, k.nom AS nom, k.prenoms AS prenoms,
      CASE WHEN k.nom = @prefix OR k.nom_usage = @prefix THEN 0 ELSE 2 END AS bucket
    FROM person_search_key k
    WHERE k.nom >= @prefix AND k.nom < @prefixEnd
      ${FILTERS}
    ORDER BY k.nom, k.prenoms, k.person_id
    LIMIT @limit
  )
  UNION
  SELECT k.person_id AS id, k.nom AS nom, k.prenoms AS prenoms,
    CASE WHEN k.nom = @prefix OR k.nom_usage = @prefix THEN 0 ELSE 2 END AS bucket
  FROM person_search_key k
  WHERE k.nom_usage >= @prefix AND k.nom_usage < @prefixEnd
    ${FILTERS}
  ORDER BY 4, 2, 3, 1
  LIMIT @limit`;

const FTS_SQL = withHitFields(ftsCandidates(false), 'c.bucket, c.nom, c.prenoms, c.id');
const FTS_SHORT_TERMS_SQL = withHitFields(ftsCandidates(true), 'c.bucket, c.nom, c.prenoms, c.id');
const PREFIX_SQL = withHitFields(PREFIX_CANDIDATES, 'c.bucket, c.nom, c.prenoms, c.id');

/** The SQL of the search statements (tests check their query plans). */
export const SEARCH_SQL = { fts: FTS_SQL, ftsShortTerms: FTS_SHORT_TERMS_SQL, prefix: PREFIX_SQL } as const;

type HitStatement = Statement<[Record<string, unknown>], PersonSearchHit>;
interface Statements {
  fts: HitStatement;
  ftsShortTerms: HitStatement;
  prefix: HitStatement;
}
const statements = new WeakMap<Database, Statements>();

function statementsFor(sqlite: Database): Statements {
  let cached = statements.get(sqlite);
  if (!cached) {
    cached = {
      fts: sqlite.prepare<Record<string, unknown>, PersonSearchHit>(FTS_SQL),
      ftsShortTerms: sqlite.prepare<Record<string, unknown>, PersonSearchHit>(FTS_SHORT_TERMS_SQL),
      prefix: sqlite.prepare<Record<string, unknown>, PersonSearchHit>(PREFIX_SQL),
    };
    statements.set(sqlite, cached);
  }
  return cached;
}

function optionalId(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** Search hits, best first. An empty or blank query gives no hits. Never throws on user text. */
export function searchPersons(sqlite: Database, options: SearchPersonsOptions): PersonSearchHit[] {
  const raw = typeof options.query === 'string' ? options.query.normalize('NFC').slice(0, MAX_QUERY_LENGTH) : '';
  const terms = raw.trim().split(/\s+/u).filter((t) => t.length > 0).slice(0, MAX_TERMS);
  if (terms.length === 0) return [];
  const limit = Math.min(100, Math.max(1, Math.trunc(options.limit ?? 20) || 20));
  const common = {
    limit,
    referentId: optionalId(options.restrictToReferentId),
    mdsId: optionalId(options.mdsId),
  };
  const folded = terms.map(foldName);
  const isLong = (t: string) => [...t].length >= 3;
  const longTerms = terms.filter(isLong);
  const { fts, ftsShortTerms, prefix } = statementsFor(sqlite);

  const byPrefix = (start: string) => prefix.all({ ...common, prefix: start, prefixEnd: start + MAX_CHAR });
  if (longTerms.length === 0) return byPrefix(folded.join(' '));
  if (terms.length === 1) {
    // Fast path while typing a nom: when enough noms start with the word, they are the best
    // hits (every other FTS hit ranks after them), and the FTS index need not be read.
    const hits = byPrefix(folded[0]!);
    if (hits.length >= limit) return hits;
  }
  // Short or long as the FTS index sees the term (before folding: "œu" is 2 characters there).
  const shortTerms = folded.filter((_t, i) => !isLong(terms[i]!));
  const params = {
    ...common,
    match: longTerms.map(quoteFtsTerm).join(' '),
    terms: JSON.stringify(folded),
    folded: folded.join(' '),
    upper: terms.join(' ').toUpperCase(),
    first: folded[0],
  };
  return shortTerms.length > 0
    ? ftsShortTerms.all({ ...params, shortTerms: JSON.stringify(shortTerms) })
    : fts.all(params);
}
