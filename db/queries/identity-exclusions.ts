/**
 * Pairs of dossiers answered « Ce ne sont pas les mêmes personnes » (issue 15 §1): the duplicates list no longer offers
 * them. A pair is stored once, its smaller person id first (`identity_exclusions`, migration 0015).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

type Sqlite = BetterSqlite3.Database;

/** The key of a pair, whatever the order of its ids: « smaller-larger ». */
export const identityPairKey = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);

/** The excluded pairs whose first person is a dossier of the MDS, as keys (`identityPairKey`). */
export function excludedPairsOfMds(sqlite: Sqlite, mdsId: number): Set<string> {
  const rows = sqlite
    .prepare(
      `SELECT e.person_a_id, e.person_b_id FROM identity_exclusions e
       JOIN persons p ON p.id = e.person_a_id JOIN foyers f ON f.id = p.foyer_id WHERE f.mds_id = ?`,
    )
    .raw()
    .all(mdsId) as [number, number][];
  return new Set(rows.map(([a, b]) => identityPairKey(a, b)));
}

/** Records that two persons are not the same; null when the pair was already recorded (nothing written). */
export function insertIdentityExclusion(sqlite: Sqlite, values: { personAId: number; personBId: number; userId: number; at: string }): number | null {
  const [a, b] = values.personAId < values.personBId ? [values.personAId, values.personBId] : [values.personBId, values.personAId];
  const result = sqlite
    .prepare('INSERT INTO identity_exclusions (person_a_id, person_b_id, user_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (person_a_id, person_b_id) DO NOTHING')
    .run(a, b, values.userId, values.at);
  return result.changes === 0 ? null : Number(result.lastInsertRowid);
}
