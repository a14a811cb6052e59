/**
 * `npm run bench [-- SECTION…]`: runs the benchmarks (all, or the sections named: dossiers, ep, documents,
 * startup, desk, statistics, pdf-pool) and prints Markdown tables (copied into docs/performance.md).
 *
 * Each section runs in its own Node process, in production mode (NODE_ENV=production, as the application
 * runs: React without its development checks), so that its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const SECTIONS: Record<string, () => Promise<string>> = {
  dossiers: async () => (await import('./dossiers.bench')).runDossierBench(),
  ep: async () => (await import('./ep.bench')).runEpBench(),
  documents: async () => (await import('./documents.bench')).runDocumentsBench(),
  startup: async () => (await import('./startup.bench')).runStartupBench(),
  desk: async () => (await import('./desk.bench')).runDeskBench(),
  duplicates: async () => (await import('./duplicates.bench')).runDuplicatesBench(),
  imports: async () => (await import('./imports.bench')).runImportsBench(),
  statistics: async () => (await import('./statistics.bench')).runStatisticsBench(),
  'pdf-pool': async () => (await import('./pdf-pool.bench')).runPdfPoolBench(),
  exports: async () => (await import('./exports.bench')).runExportsBench(),
};

const CHILD = 'PARCOURS_BENCH_SECTION';
const child = process.env[CHILD];

if (child) {
  const run = SECTIONS[child];
  if (!run) throw new Error(`Section inconnue : ${child}`);
  console.log(await run());
} else {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in SECTIONS));
  if (unknown.length) {
    console.error(`Section(s) inconnue(s) : ${unknown.join(', ')}. Sections : ${Object.keys(SECTIONS).join(', ')}.`);
    process.exit(2);
  }
  console.log(`# Parcours RSA — banc d’essai du ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Machine : ${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 1024 / 1024).toFixed(0)} Mio, Node ${process.version}.\n`);
  let failed = false;
  for (const name of Object.keys(SECTIONS)) {
    if (asked.length && !asked.includes(name)) continue;
    console.log(`## ${name}\n`);
    const result = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', [CHILD]: name },
    });
    if (result.status !== 0) failed = true;
    console.log('');
  }
  if (failed) process.exit(1);
}
