/**
 * Benchmark of the duplicates (issue 15 §1): `duplicates.list` finds the pairs of dossiers with the same identity in
 * one pass over the MDS's persons (shared/domain/identity.ts keys, in memory), and a merge moves a dossier's records.
 * Worst case: the 50,000 foyers of the dossiers bench all in one MDS, birth dates spread over 40 years, plus 100
 * deliberate duplicates (accents, hyphens, particles). Target: the list under 1 s, a merge under 100 ms.
 */
import path from 'node:path';
import { generateDatabaseKey, openDatabase } from '../../db';
import { mergePersons } from '../../db/queries';
import { makeTempDir, removeTempDir } from '../../db/testing';
import { identityPairs, list } from '../../main/services/merge/duplicates';
import { fixture, seed } from './dossiers.bench';
import { machineLine, ms, stats, time, verdict } from './stats';

export function runDuplicatesBench(): string {
  const dir = makeTempDir('parcours-bench-');
  try {
    const { rows } = fixture();
    const open = openDatabase({ file: path.join(dir, 'chiffre.db'), key: generateDatabaseKey(), create: true });
    const { sqlite } = open;
    seed(sqlite, rows);
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE foyers SET mds_id = 1').run();
      sqlite.prepare(`UPDATE persons SET date_naissance = date('1960-01-01', '+' || ((id * 7919) % 14600) || ' days')`).run();
      // 100 duplicates of existing persons, written another way.
      const twins = sqlite.prepare('SELECT id, foyer_id, nom_patronymique, prenoms, date_naissance FROM persons ORDER BY id LIMIT 100').all() as {
        id: number;
        foyer_id: number;
        nom_patronymique: string;
        prenoms: string;
        date_naissance: string;
      }[];
      const insert = sqlite.prepare(
        `INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, prenoms, sexe, date_naissance, version, created_at, updated_at)
         VALUES (?, 'conjoint', ?, ?, 'F', ?, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      );
      for (const t of twins) insert.run(t.foyer_id, `de ${t.nom_patronymique.toLowerCase()}`, t.prenoms.toUpperCase(), t.date_naissance);
    })();
    const persons = sqlite.prepare('SELECT count(*) FROM persons').pluck().get() as number;

    const call = { open: { sqlite }, actor: { mdsId: 1 } } as unknown as Parameters<typeof list>[1];
    let pairs = 0;
    const pass = stats(Array.from({ length: 5 }, () => time(() => (pairs = identityPairs(sqlite, 1).length))));
    const whole = stats(Array.from({ length: 5 }, () => time(() => list({}, call))));

    const twinPairs = identityPairs(sqlite, 1).slice(0, 20);
    const merge = stats(
      twinPairs.map(([kept, merged]) =>
        time(() => sqlite.transaction(() => mergePersons(sqlite, kept, merged, '2026-03-01T00:00:00.000Z'))()),
      ),
    );
    open.close();
    return [
      machineLine(),
      '',
      `Doublons : ${rows.length.toLocaleString('fr-FR')} foyers dans une seule MDS, ${persons.toLocaleString('fr-FR')} personnes, ${pairs.toLocaleString('fr-FR')} paires de même identité.`,
      '',
      '| geste | médiane | p95 | max | cible | tenue |',
      '|---|---|---|---|---|---|',
      `| passage sur les identités de la MDS (clés, paires) | ${ms(pass.median)} | ${ms(pass.p95)} | ${ms(pass.max)} | < 1 s | ${verdict(pass.max < 1000)} |`,
      `| \`duplicates.list\` entier (200 paires avec leurs comptes) | ${ms(whole.median)} | ${ms(whole.p95)} | ${ms(whole.max)} | < 1 s | ${verdict(whole.max < 1000)} |`,
      `| fusion de deux dossiers (transaction) | ${ms(merge.median)} | ${ms(merge.p95)} | ${ms(merge.max)} | < 100 ms | ${verdict(merge.max < 100)} |`,
    ].join('\n');
  } finally {
    removeTempDir(dir);
  }
}

if (process.argv[1]?.endsWith('duplicates.bench.ts')) console.log(runDuplicatesBench());
