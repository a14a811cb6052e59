/**
 * Benchmark of the exports (issue 15 §2) at the scale of a département: the desk bench's 50,000 foyers and parcours,
 * all in ONE MDS (the worst case: a correspondant's lists hold the whole file), on the encrypted database, the
 * échéancier computed. Each export goes through `exports.list` as the dispatcher calls it (input checked, the list's
 * own service read page after page, the file written, the journal line), once per list and format, each in its own
 * Node process opening the same database — so that the peak memory (RSS) reported is that export's alone.
 * Lists: the échéancier of the MDS (every item) and the work list « Dossiers sans DSP » of the MDS; for comparison,
 * the échéancier's own CSV export of issue 12 (`echeancier.export`: every row in one query, not page after page).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDrizzle, generateDatabaseKey, openDatabase } from '../../db';
import { makeTempDir, removeTempDir } from '../../db/testing';
import type { AuthedCall } from '../../main/services/context';
import { deskHandlers } from '../../main/services/desk';
import { refreshAllDueItems } from '../../main/services/desk/due';
import { exportsHandlers } from '../../main/services/exports';
import { api } from '../../shared/api/contract';
import { actorsOf, seedParcours } from './desk.bench';
import { fixture, seed } from './dossiers.bench';
import { machineLine, mib } from './stats';

const TODAY = '2026-12-03';
const CASE = 'PARCOURS_BENCH_EXPORT_CASE';

const CASES = {
  'echeancier-export': { label: 'Échéancier de la MDS, `echeancier.export` (CSV d’issue 12, une seule requête)', input: null },
  'echeancier-csv': { label: 'Échéancier de la MDS (toutes les échéances), CSV', input: { list: 'echeancier', params: {}, format: 'csv' } },
  'echeancier-xlsx': { label: 'Échéancier de la MDS (toutes les échéances), XLSX', input: { list: 'echeancier', params: {}, format: 'xlsx' } },
  'dsp-csv': { label: 'Liste de travail « Dossiers sans DSP » (MDS), CSV', input: { list: 'liste_de_travail', params: { list: 'dsp_manquante' }, format: 'csv' } },
  'dsp-xlsx': { label: 'Liste de travail « Dossiers sans DSP » (MDS), XLSX', input: { list: 'liste_de_travail', params: { list: 'dsp_manquante' }, format: 'xlsx' } },
} as const;
type CaseName = keyof typeof CASES;

interface CaseResult {
  rows: number;
  bytes: number;
  ms: number;
  cpuMs: number;
  rssBefore: number;
  peakRss: number;
}

/** One export, in this process: the database opened, the export made once, its time and the process's peak RSS. */
async function runCase(name: CaseName, file: string, keyHex: string): Promise<CaseResult> {
  const opened = openDatabase({ file, key: Buffer.from(keyHex, 'hex'), create: false });
  const db = createDrizzle(opened.sqlite);
  const now = new Date(`${TODAY}T09:00:00.000Z`);
  const app = { options: { now: () => now }, nowIso: () => now.toISOString() } as unknown as AuthedCall['app'];
  const actor = actorsOf(opened.sqlite, 'correspondant')[0]!;
  const call: AuthedCall = { app, actor, session: 'bench', open: { ...opened, db } as AuthedCall['open'] };
  const asked = CASES[name].input;
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const out = asked
    ? await exportsHandlers['exports.list'](api['exports.list'].input.parse(asked), call)
    : await deskHandlers['echeancier.export'](api['echeancier.export'].input.parse({}), call);
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - t;
  opened.close();
  const bytes = 'base64' in out ? Buffer.byteLength(out.base64, 'base64') : Buffer.byteLength(out.csv);
  return { rows: out.rows, bytes, ms, cpuMs: (used.user + used.system) / 1000, rssBefore, peakRss: process.resourceUsage().maxRSS * 1024 };
}

export async function runExportsBench(): Promise<string> {
  const dir = makeTempDir('parcours-bench-exports-');
  try {
    const { rows } = fixture();
    const file = path.join(dir, 'exports.db');
    const key = generateDatabaseKey();
    const opened = openDatabase({ file, key, create: true });
    const { sqlite } = opened;
    const t0 = performance.now();
    seed(sqlite, rows);
    seedParcours(sqlite);
    sqlite.prepare('UPDATE foyers SET mds_id = 1').run();
    sqlite.prepare('UPDATE users SET mds_id = 1').run();
    const refreshed = refreshAllDueItems(sqlite, TODAY);
    const seedSeconds = (performance.now() - t0) / 1000;
    opened.close();

    const results: [CaseName, CaseResult][] = [];
    for (const name of Object.keys(CASES) as CaseName[]) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        encoding: 'utf8',
        env: { ...process.env, [CASE]: JSON.stringify({ name, file, key: key.toString('hex') }) },
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`Export ${name} : échec\n${child.stderr}`);
      results.push([name, JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CaseResult]);
    }
    const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;
    return [
      machineLine(),
      `Exports : ${rows.length.toLocaleString('fr-FR')} foyers, ${refreshed.persons.toLocaleString('fr-FR')} personnes, tous dans une seule MDS, base chiffrée (chargement et échéancier : ${seedSeconds.toFixed(1)} s ; ${refreshed.items.toLocaleString('fr-FR')} échéances). Un processus par export ; \`exports.list\` comme le répartiteur l’appelle, pour un correspondant de la MDS.`,
      '',
      '| export | lignes | taille | durée | CPU | RSS avant → pic |',
      '|---|---|---|---|---|---|',
      ...results.map(
        ([name, r]) =>
          `| ${CASES[name].label} | ${r.rows.toLocaleString('fr-FR')} | ${(r.bytes / 1024 / 1024).toFixed(1)} Mo | ${seconds(r.ms)} | ${seconds(r.cpuMs)} | ${mib(r.rssBefore)} → ${mib(r.peakRss)} (+${mib(r.peakRss - r.rssBefore)}) |`,
      ),
    ].join('\n');
  } finally {
    removeTempDir(dir);
  }
}

const asked = process.env[CASE];
if (asked) {
  const { name, file, key } = JSON.parse(asked) as { name: CaseName; file: string; key: string };
  console.log(JSON.stringify(await runCase(name, file, key)));
} else if (process.argv[1]?.endsWith('exports.bench.ts')) {
  console.log(await runExportsBench());
}
