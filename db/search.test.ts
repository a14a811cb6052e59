import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDED_LETTERS, foldName, quoteFtsTerm, SEARCH_SQL, searchPersons } from './search';
import type { TestDatabase } from './testing';
import { insertDossier, insertFoyer, insertMds, insertPerson, insertUser, openTestDatabase, removeTempDir } from './testing';

let t: TestDatabase;
const p: Record<string, number> = {};
let referentA: number;
let mdsNord: number;
let mdsSud: number;

beforeAll(() => {
  t = openTestDatabase();
  const s = t.sqlite;
  mdsNord = insertMds(s, 'MDS Nord', 'Nord');
  mdsSud = insertMds(s, 'MDS Sud', 'Sud');
  referentA = insertUser(s, { login: 'ref.a', displayName: 'Anne Référente', mdsId: mdsNord });
  const referentB = insertUser(s, { login: 'ref.b', displayName: 'Bruno Référent', mdsId: mdsSud });
  const add = (key: string, d: Parameters<typeof insertDossier>[1]) => {
    p[key] = insertDossier(s, d).personId;
  };
  add('helene', { cafNumber: '1234567', mdsId: mdsNord, nomPatronymique: 'LEFÈVRE', prenoms: 'Hélène Marie', peNumber: '7654321B', referentId: referentA, city: 'Roubaix' });
  add('martin', { cafNumber: '2000001', mdsId: mdsNord, nomPatronymique: 'Martin', prenoms: 'Zoé', referentId: referentA });
  add('martinez', { cafNumber: '2000002', mdsId: mdsSud, nomPatronymique: 'Martinez', prenoms: 'Alice', referentId: referentB });
  add('saintMartin', { cafNumber: '2000003', mdsId: mdsNord, nomPatronymique: 'Saint-Martin', prenoms: 'Bob' });
  add('usage', { cafNumber: '2000004', mdsId: mdsSud, nomPatronymique: 'Durand', nomUsage: 'Martin', prenoms: 'Claire' });
  add('dupont', { cafNumber: '3000001', mdsId: mdsSud, nomPatronymique: 'Dupont', prenoms: 'Hélène' });
  add('abdul', { cafNumber: '3000002', mdsId: mdsSud, nomPatronymique: 'Abdul', prenoms: 'Karim' });
  add('eloise', { cafNumber: '3000003', mdsId: mdsSud, nomPatronymique: 'Écrivain', prenoms: 'Éloïse' });
  const foyer = insertFoyer(s, { cafNumber: '4000001', mdsId: mdsNord });
  p.conjointA = insertPerson(s, foyer, { nomPatronymique: 'Ngo', prenoms: 'Lan', roleInFoyer: 'allocataire' });
  p.conjointB = insertPerson(s, foyer, { nomPatronymique: 'Ngo', prenoms: 'Minh', roleInFoyer: 'conjoint', sexe: 'M' });
});
afterAll(() => {
  t.close();
  removeTempDir(t.dir);
});

const find = (query: string, extra: { limit?: number; restrictToReferentId?: number; mdsId?: number } = {}) =>
  searchPersons(t.sqlite, { query, ...extra }).map((h) => h.personId);

describe('searchPersons', () => {
  it('ignores accents and case, and matches prefixes and substrings', () => {
    expect(find('helene')).toEqual([p.dupont, p.helene]);
    expect(find('HÉLÈNE')).toEqual([p.dupont, p.helene]);
    expect(find('lefevre')).toEqual([p.helene]);
    expect(find('lef')).toEqual([p.helene]);
    expect(find('Lefèvre')).toEqual([p.helene]);
    expect(find('eloise')).toEqual([p.eloise]);
    expect(find('ecri')).toEqual([p.eloise]);
  });

  it('returns the fields of a hit, with the référent’s name', () => {
    expect(searchPersons(t.sqlite, { query: 'lefevre' })).toEqual([
      {
        personId: p.helene,
        foyerId: expect.any(Number),
        nomPatronymique: 'LEFÈVRE',
        nomUsage: null,
        prenoms: 'Hélène Marie',
        dateNaissance: '1980-01-01',
        cafNumber: '1234567',
        peNumber: '7654321B',
        city: 'Roubaix',
        referentId: referentA,
        referentName: 'Anne Référente',
      },
    ]);
  });

  it('finds a dossier by CAF or Pôle Emploi number, or a prefix of 3+ characters', () => {
    expect(find('1234567')).toEqual([p.helene]);
    expect(find('123')).toEqual([p.helene]);
    expect(find('7654321b')).toEqual([p.helene]);
    expect(find('765')).toEqual([p.helene]);
    expect(find('400000')).toEqual([p.conjointA, p.conjointB]);
  });

  it('requires every word to match', () => {
    expect(find('helene lefevre')).toEqual([p.helene]);
    expect(find('lefevre helene')).toEqual([p.helene]);
    expect(find('helene dupont')).toEqual([p.dupont]);
    expect(find('helene martin')).toEqual([]);
    expect(find('ngo minh')).toEqual([p.conjointB]);
    // A 1–2 character word must start a word of the names.
    expect(find('helene ma')).toEqual([p.helene]);
    expect(find('helene du')).toEqual([p.dupont]);
    expect(find('helene zz')).toEqual([]);
    expect(find('hélène Œ')).toEqual([]);
  });

  it('orders exact nom first, then noms starting with the query, then the others, by nom then prénoms', () => {
    expect(find('martin')).toEqual([p.usage, p.martin, p.martinez, p.saintMartin]);
    expect(find('martin', { limit: 2 })).toEqual([p.usage, p.martin]);
    expect(find('ngo')).toEqual([p.conjointA, p.conjointB]);
  });

  it('filters by référent and by MDS', () => {
    expect(find('martin', { restrictToReferentId: referentA })).toEqual([p.martin]);
    expect(find('martin', { mdsId: mdsSud })).toEqual([p.usage, p.martinez]);
    expect(find('helene', { mdsId: mdsNord })).toEqual([p.helene]);
    expect(find('du', { mdsId: mdsNord })).toEqual([]);
  });

  it('matches 1–2 character queries as a prefix of the nom or nom d’usage', () => {
    expect(find('du')).toEqual([p.dupont, p.usage]);
    expect(find('DU')).toEqual([p.dupont, p.usage]);
    expect(find('é')).toEqual([p.eloise]);
    expect(find('e')).toEqual([p.eloise]);
    expect(find('ma')).toEqual([p.usage, p.martin, p.martinez]);
    expect(find('zz')).toEqual([]);
  });

  it.each([
    '"',
    '""',
    '*',
    'lef*',
    'NEAR(',
    'NEAR(helene lefevre, 2)',
    'helene OR dupont',
    'helene AND',
    'NOT helene',
    '^helene',
    'nom_patronymique:lefevre',
    '{nom_patronymique}:lefevre',
    '(helene',
    'helene)',
    '"helene" OR "martin"',
    "l'é",
    '-helene',
    '+',
    '\\',
    '%',
    '_',
    '\u0000',
    '👩‍👩‍👧 famille',
    'x'.repeat(10_000),
  ])('never lets the text %j act as FTS5 syntax', (query) => {
    const hits = find(query);
    expect(Array.isArray(hits)).toBe(true);
    // None of these is a real name: whatever they return must actually contain their words.
    if (query === 'helene OR dupont') expect(hits).toEqual([]);
    if (query === '"helene" OR "martin"') expect(hits).toEqual([]);
    if (query === 'NOT helene') expect(hits).toEqual([]);
    if (query === 'lef*') expect(hits).toEqual([]);
  });

  it('returns nothing for a blank query and clamps the limit', () => {
    expect(find('')).toEqual([]);
    expect(find('   ')).toEqual([]);
    expect(find('a', { limit: 0 }).length).toBeLessThanOrEqual(1);
    expect(find('martin', { limit: 1000 }).length).toBe(4);
  });

  it('folds names exactly as the SQL triggers do', () => {
    const letters = Object.keys(FOLDED_LETTERS).join('');
    const name = `ABC ${letters} Zz-Ÿves`;
    const foyer = insertFoyer(t.sqlite, { cafNumber: '9999999', mdsId: mdsNord });
    const id = insertPerson(t.sqlite, foyer, { nomPatronymique: name, prenoms: letters, nomUsage: 'Œdipe' });
    const stored = t.sqlite.prepare('SELECT nom, nom_usage AS nomUsage, prenoms FROM person_search_key WHERE person_id = ?').get(id);
    expect(stored).toEqual({ nom: foldName(name), nomUsage: 'oedipe', prenoms: foldName(letters) });
    expect(foldName(name)).toMatch(/^abc [a-z]+ zz-yves$/);
    t.sqlite.prepare('DELETE FROM persons WHERE id = ?').run(id);
    t.sqlite.prepare('DELETE FROM foyers WHERE id = ?').run(foyer);
  });

  it('uses the FTS index or index ranges, never a scan of the tables', () => {
    const params = {
      limit: 20, referentId: 1, mdsId: 1, match: '"mar"', terms: '["mar"]', shortTerms: '["a"]',
      folded: 'mar', upper: 'MAR', first: 'mar', prefix: 'mar', prefixEnd: 'mas',
    };
    const plans = Object.fromEntries(
      Object.entries(SEARCH_SQL).map(([name, sql]) => [
        name,
        (t.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail),
      ]),
    );
    for (const details of Object.values(plans)) {
      expect(details.filter((d) => /^SCAN (p|f|k|r|persons|foyers|users|person_search_key)\b/.test(d))).toEqual([]);
    }
    expect(plans.fts).toContainEqual(expect.stringMatching(/^SCAN s VIRTUAL TABLE INDEX 0:M/));
    expect(plans.ftsShortTerms).toContainEqual(expect.stringMatching(/^SCAN s VIRTUAL TABLE INDEX 0:M/));
    expect(plans.prefix).toContainEqual(expect.stringMatching(/^SEARCH k USING INDEX person_search_key_nom_idx \(nom>\? AND nom<\?\)/));
    expect(plans.prefix).toContainEqual(expect.stringMatching(/^SEARCH k USING INDEX person_search_key_nom_usage_idx/));
  });

  it('quotes FTS5 terms', () => {
    expect(quoteFtsTerm('a"b')).toBe('"a""b"');
  });
});

/** A plain reference implementation of the documented matching and order. */
interface RefPerson {
  id: number;
  nom: string;
  usage: string | null;
  prenoms: string;
  caf: string;
  pe: string | null;
  referentId: number | null;
}
function reference(people: RefPerson[], query: string, limit: number, referentId: number | null): number[] {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const folded = terms.map(foldName);
  const long = folded.filter((q) => [...q].length >= 3);
  const short = folded.filter((q) => [...q].length < 3);
  const full = folded.join(' ');
  const upper = terms.join(' ').toUpperCase();
  const wordStart = (text: string | null, q: string) => text !== null && ` ${text.replace(/-/g, ' ')}`.includes(` ${q}`);
  const rows = people
    .filter((x) => referentId === null || x.referentId === referentId)
    .map((x) => ({ ...x, nomK: foldName(x.nom), usageK: x.usage === null ? null : foldName(x.usage), prenomsK: foldName(x.prenoms) }))
    .filter((x) =>
      long.length === 0
        ? x.nomK.startsWith(full) || (x.usageK?.startsWith(full) ?? false)
        : long.every((q) => [x.nomK, x.usageK ?? '', x.prenomsK, x.caf.toLowerCase(), (x.pe ?? '').toLowerCase()].some((c) => c.includes(q))) &&
          short.every((q) => wordStart(x.nomK, q) || wordStart(x.usageK, q) || wordStart(x.prenomsK, q)),
    )
    .map((x) => {
      const bucket =
        x.nomK === full || x.usageK === full || (long.length > 0 && (x.caf === upper || x.pe === upper))
          ? 0
          : long.length > 0 && (folded.includes(x.nomK) || (x.usageK !== null && folded.includes(x.usageK)))
            ? 1
            : x.nomK.startsWith(long.length > 0 ? folded[0]! : full) || (x.usageK?.startsWith(long.length > 0 ? folded[0]! : full) ?? false)
              ? 2
              : 3;
      return { ...x, bucket };
    });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => a.bucket - b.bucket || cmp(a.nomK, b.nomK) || cmp(a.prenomsK, b.prenomsK) || a.id - b.id);
  return rows.slice(0, limit).map((x) => x.id);
}

describe('searchPersons against a reference implementation', () => {
  it('matches and orders exactly as documented (fast path, FTS path, short words, filters)', () => {
    const r = openTestDatabase();
    try {
      const mdsId = insertMds(r.sqlite);
      const refs = [insertUser(r.sqlite, { login: 'r1', displayName: 'R1' }), insertUser(r.sqlite, { login: 'r2', displayName: 'R2' })];
      const syllable = fc.constantFrom('ma', 'mar', 'tin', 'é', 'lé', 'ne', 'Hé', 'LE', 'fè', 'vre', 'du', 'pont', '-', ' ');
      const word = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('').trim() || 'x');
      const personArb = fc.record({
        nom: word,
        usage: fc.option(word, { nil: null }),
        prenoms: word,
        pe: fc.option(fc.constantFrom('1234567A', '7654321B', '1000000A'), { nil: null }),
        referent: fc.constantFrom(0, 1, null),
      });
      const queryArb = fc.oneof(
        word,
        fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
        fc.constantFrom('12', '123', '1234567', '7654321b', '1000000', '1000000a', 'tin ma', 'ma tin', 'é', 'e', 'mart'),
      );
      fc.assert(
        fc.property(fc.array(personArb, { minLength: 1, maxLength: 25 }), queryArb, fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 1, null), (people, query, limit, filter) => {
          r.sqlite.exec('DELETE FROM persons; DELETE FROM foyers;');
          const stored: RefPerson[] = people.map((x, i) => {
            const caf = String(1000000 + i * 1117);
            const referentId = x.referent === null ? null : refs[x.referent]!;
            const { personId } = insertDossier(r.sqlite, {
              cafNumber: caf, mdsId, nomPatronymique: x.nom, nomUsage: x.usage, prenoms: x.prenoms, peNumber: x.pe, referentId,
            });
            return { id: personId, nom: x.nom, usage: x.usage, prenoms: x.prenoms, caf, pe: x.pe, referentId };
          });
          const referentId = filter === null ? null : refs[filter]!;
          const actual = searchPersons(r.sqlite, { query, limit, restrictToReferentId: referentId ?? undefined }).map((h) => h.personId);
          expect(actual).toEqual(reference(stored, query, limit, referentId));
        }),
        { numRuns: 300, seed: 20240601 },
      );
    } finally {
      r.close();
      removeTempDir(r.dir);
    }
  });
});
