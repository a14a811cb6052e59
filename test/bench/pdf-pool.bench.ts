/**
 * `npm run bench -- pdf-pool` (issue 14): 8 CERPs of 10 pages asked at the same time, rendered in the main thread,
 * then by the PDF worker pool (the default number of threads on this machine, and 2). Each in a process of its own
 * (pdf-pool-process.ts), so that each peak memory is its own. Figures in docs/performance.md « Issue 14 ».
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultPdfWorkers } from '../../main/documents/pool';
import { machineLine, mib, ms } from './stats';

interface PoolMeasure {
  threads: number;
  parallel: number;
  bytes: number;
  identical: boolean;
  wall: number;
  delayMax: number;
  delayP99: number;
  startRss: number;
  warmRss: number;
  peakRss: number;
  idleRss: number;
  threadsIdle: number;
}

function measure(threads: number): PoolMeasure {
  const child = fileURLToPath(new URL('./pdf-pool-process.ts', import.meta.url));
  const out = execFileSync(process.execPath, [...process.execArgv, child], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', PDF_POOL_THREADS: String(threads) } });
  return JSON.parse(out.trim().split('\n').at(-1)!) as PoolMeasure;
}

export function runPdfPoolBench(): Promise<string> {
  const counts = [...new Set([0, defaultPdfWorkers(), 2])];
  const results = counts.map(measure);
  const label = (m: PoolMeasure) => (m.threads === 0 ? 'dans le processus principal (sans pool)' : `pool de ${m.threads} thread${m.threads > 1 ? 's' : ''}${m.threads === defaultPdfWorkers() ? ' (défaut sur cette machine)' : ''}`);
  const lines = [
    machineLine(),
    `${results[0]!.parallel} CERP de 10 pages (2 exemplaires originaux) demandés en même temps, après un CERP de mise en route ; chaque mode dans son propre processus (tsx). Délai de la boucle d’événements du thread principal : perf_hooks.monitorEventLoopDelay pendant les ${results[0]!.parallel} rendus.`,
    '',
    '| mode | durée totale des 8 | délai max de la boucle | délai p99 | RSS au départ | RSS pic | RSS au repos (threads arrêtés) | octets identiques |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (m) =>
        `| ${label(m)} | ${ms(m.wall)} | ${ms(m.delayMax)} | ${ms(m.delayP99)} | ${mib(m.startRss)} | ${mib(m.peakRss)} | ${mib(m.idleRss)}${m.threads > 0 ? ` (${m.threadsIdle} thread actif)` : ''} | ${m.identical && m.bytes === results[0]!.bytes ? 'oui' : 'NON'} |`,
    ),
  ];
  return Promise.resolve(lines.join('\n'));
}
