/**
 * Benchmark of the daily gestures on 50,000 fictitious foyers: search as you type, opening a dossier,
 * creating one — on the encrypted database and on an unencrypted copy of the same data (ratio).
 * Targets (issue "Foundation"): search p95 < 10 ms, dossier open < 10 ms, encrypted/unencrypted < 1.3×.
 */
import { fakerFR as faker } from '@faker-js/faker';
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { createDrizzle, generateDatabaseKey, migrate, openDatabase, searchPersons, type Sqlite } from '../../db';
import { insertFoyer, insertPerson, loadDossier, recordAudit } from '../../db/queries';
import { makeTempDir, removeTempDir } from '../../db/testing';
import { stats, time, ms, type Stats } from './stats';

const FOYERS = Number(process.env.BENCH_FOYERS ?? 50_000);

export interface Row {
  caf: string;
  city: string;
  mds: number;
  persons: { role: 'allocataire' | 'conjoint'; nom: string; usage: string | null; prenom: string; sexe: 'F' | 'M'; pe: string | null; referent: number }[];
}

export function fixture(): { rows: Row[]; noms: string[]; prenoms: string[] } {
  faker.seed(42);
  const rows: Row[] = [];
  const noms: string[] = [];
  const prenoms: string[] = [];
  for (let i = 0; i < FOYERS; i += 1) {
    const nom = faker.person.lastName();
    const prenom = faker.person.firstName();
    if (i % 1000 === 0) {
      noms.push(nom);
      prenoms.push(prenom);
    }
    const married = i % 4 === 0;
    const persons: Row['persons'] = [
      { role: 'allocataire', nom: nom.toUpperCase(), usage: married ? faker.person.lastName() : null, prenom, sexe: 'F', pe: i % 3 ? `${2_000_000 + i}A` : null, referent: 1 + (i % 40) },
    ];
    if (i % 2) persons.push({ role: 'conjoint', nom: (married ? nom : faker.person.lastName()).toUpperCase(), usage: null, prenom: faker.person.firstName(), sexe: 'M', pe: null, referent: 1 + ((i + 1) % 40) });
    rows.push({ caf: String(1_000_000 + i * 17), city: faker.location.city(), mds: 1 + (i % 4), persons });
  }
  return { rows, noms, prenoms };
}

export function seed(sqlite: Sqlite, rows: Row[]): void {
  const at = '2026-01-01T00:00:00.000Z';
  sqlite.transaction(() => {
    for (let m = 1; m <= 4; m += 1) sqlite.prepare('INSERT INTO mds (name, territory, created_at) VALUES (?, ?, ?)').run(`MDS ${m}`, `Territoire ${m}`, at);
    for (let u = 1; u <= 40; u += 1) {
      sqlite.prepare('INSERT INTO users (login, display_name, role, structure, mds_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)')
        .run(`ref${u}`, `Référent ${u}`, 'referent', 'MDS', 1 + (u % 4), at, at);
    }
    const foyer = sqlite.prepare(`INSERT INTO foyers (caf_number, situation_familiale, address_line1, postal_code, city, mds_id, version, created_at, updated_at)
      VALUES (?, 'celibataire', '1 rue Haute', '62000', ?, ?, 0, ?, ?)`);
    const person = sqlite.prepare(`INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, nom_usage, prenoms, sexe, date_naissance, pe_number, referent_id, version, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, '1980-01-01', ?, ?, 0, ?, ?)`);
    for (const r of rows) {
      const foyerId = foyer.run(r.caf, r.city, r.mds, at, at).lastInsertRowid;
      for (const p of r.persons) person.run(foyerId, p.role, p.nom, p.usage, p.prenom, p.sexe, p.pe, p.referent, at, at);
    }
  })();
}

function keystrokes(noms: string[], prenoms: string[]): string[] {
  const queries: string[] = [];
  const typing = (text: string) => {
    for (let k = 1; k <= text.length; k += 1) queries.push(text.slice(0, k));
  };
  noms.slice(0, 25).forEach((nom) => typing(nom.toLowerCase()));
  prenoms.slice(0, 10).forEach((prenom, i) => typing(`${prenom} ${noms[i]!.slice(0, 4)}`));
  ['1000017', '2000003A', 'helene', 'lefevre', 'mar', 'ie', 'e'].forEach(typing);
  return queries;
}

interface Measures {
  search: Stats;
  searchMds: Stats;
  open: Stats;
  create: Stats;
}

function measure(sqlite: Sqlite, queries: string[], personCount: number): Measures {
  const db = createDrizzle(sqlite);
  const run = (opts: { mdsId?: number }) => {
    queries.forEach((query) => searchPersons(sqlite, { query, limit: 20, ...opts })); // warm-up
    const samples: number[] = [];
    for (let round = 0; round < 3; round += 1) for (const query of queries) samples.push(time(() => searchPersons(sqlite, { query, limit: 20, ...opts })));
    return stats(samples);
  };
  const search = run({});
  const searchMds = run({ mdsId: 2 });

  faker.seed(7);
  const ids = Array.from({ length: 2000 }, () => faker.number.int({ min: 1, max: personCount }));
  ids.slice(0, 200).forEach((id) => loadDossier(db, id));
  const open = stats(ids.map((id) => time(() => loadDossier(db, id))));

  const actor = { id: 1, login: 'ref1' };
  const createSamples: number[] = [];
  for (let i = 0; i < 500; i += 1) {
    const at = new Date().toISOString();
    createSamples.push(
      time(() =>
        db.transaction((tx) => {
          const foyer = insertFoyer(tx, 1, {
            cafNumber: String(9_000_000 + i),
            situationFamiliale: 'celibataire',
            address: { line1: '2 rue Basse', postalCode: '62000', city: 'Arras' },
            enfants: [{ prenom: 'Léa', dateNaissance: '2019-04-02' }],
          }, at);
          const person = insertPerson(tx, foyer.id, 'allocataire', {
            nomPatronymique: 'BENCH', prenoms: `Hélène ${i}`, sexe: 'F', dateNaissance: '1985-05-05',
            referentId: 1, correspondantId: null,
          }, at);
          recordAudit(tx, { actor, at, entity: 'foyer', entityId: foyer.id, action: 'create', before: null, after: foyer });
          recordAudit(tx, { actor, at, entity: 'person', entityId: person.id, action: 'create', before: null, after: person });
        }),
      ),
    );
  }
  return { search, searchMds, open, create: stats(createSamples) };
}

const ratios = (e: Measures, p: Measures) =>
  `| ratios des médianes chiffré/clair | recherche ${(e.search.median / p.search.median).toFixed(2)}× | une MDS ${(e.searchMds.median / p.searchMds.median).toFixed(2)}× | ouverture ${(e.open.median / p.open.median).toFixed(2)}× | création ${(e.create.median / p.create.median).toFixed(2)}× | | |`;

export function runDossierBench(): string {
  const dir = makeTempDir('parcours-bench-');
  try {
    const { rows, noms, prenoms } = fixture();
    const personCount = rows.reduce((n, r) => n + r.persons.length, 0);
    const queries = keystrokes(noms, prenoms);

    const t0 = performance.now();
    const enc = openDatabase({ file: path.join(dir, 'chiffre.db'), key: generateDatabaseKey(), create: true });
    seed(enc.sqlite, rows);
    const seedSeconds = (performance.now() - t0) / 1000;

    const plain = new Database(path.join(dir, 'clair.db'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('foreign_keys = ON');
    plain.pragma('synchronous = NORMAL');
    plain.pragma('cache_size = -32768');
    plain.pragma('temp_store = MEMORY');
    migrate(plain);
    seed(plain, rows);

    // Interleave: plain first, then encrypted, so neither gets a warmer machine.
    const p = measure(plain, queries, personCount);
    const e = measure(enc.sqlite, queries, personCount);
    enc.close();
    plain.close();

    const line = (label: string, a: Stats, b: Stats, target: string) =>
      `| ${label} | ${ms(a.median)} | ${ms(a.p95)} | ${ms(b.median)} | ${ms(b.p95)} | ${(a.p95 / b.p95).toFixed(2)}× | ${target} |`;
    return [
      `Dossiers : ${FOYERS.toLocaleString('fr-FR')} foyers, ${personCount.toLocaleString('fr-FR')} personnes (chargement chiffré : ${seedSeconds.toFixed(1)} s), ${queries.length} frappes × 3.`,
      '',
      '| geste | chiffré médiane | chiffré p95 | clair médiane | clair p95 | ratio p95 | cible |',
      '|---|---|---|---|---|---|---|',
      line('recherche à la frappe (toutes MDS)', e.search, p.search, 'p95 < 10 ms, ratio < 1,3'),
      line('recherche à la frappe (une MDS)', e.searchMds, p.searchMds, 'p95 < 10 ms, ratio < 1,3'),
      line('ouverture d’un dossier', e.open, p.open, '< 10 ms, ratio < 1,3'),
      line('création d’un dossier (transaction + audit)', e.create, p.create, 'ratio < 1,3'),
      ratios(e, p),
    ].join('\n');
  } finally {
    removeTempDir(dir);
  }
}
