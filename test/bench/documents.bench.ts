/**
 * Benchmark of the printed documents: producing a CERP with 15 PAP actions and 10 lines of fiche de suivi
 * emploi (both originals in one PDF, template + layout + PDF), 30 runs after a warm-up; and, for reference,
 * the other documents. Target (issue "Documents"): under 300 ms per contract.
 */
import os from 'node:os';
import { renderDocument } from '../../main/documents';
import { contractPages } from '../../main/documents/templates/contract';
import { dspPages } from '../../main/documents/templates/dsp';
import { edePages } from '../../main/documents/templates/ede';
import { fichePages } from '../../main/documents/templates/fiche';
import type { RenderedPages } from '../../main/documents/model';
import { DEFAULT_EDE_GRID } from '../../shared/domain/referentials/ede-grid';
import { cerpView, cersView, documentContext, dspRevision, edeAssessment, etatCivil, ficheView } from '../fixtures/documents/data';
import { mib, ms, stats, type Stats } from './stats';

const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 30);
const WARMUP = 5;

interface Measure {
  stats: Stats;
  /** CPU time of the process per run (user + system): less sensitive to a busy machine than the wall clock. */
  cpu: Stats;
  pages: number;
  bytes: number;
  peakRss: number;
  peakHeap: number;
}

async function measure(make: () => RenderedPages, runs: number): Promise<Measure> {
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < WARMUP; i += 1) pdf = await renderDocument(make());
  const samples: number[] = [];
  const cpu: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    pdf = await renderDocument(make());
    samples.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    const mem = process.memoryUsage();
    peakRss = Math.max(peakRss, mem.rss);
    peakHeap = Math.max(peakHeap, mem.heapUsed);
  }
  const pages = (pdf.toString('latin1').match(/\/Type \/Page(?!s)\b/g) ?? []).length;
  return { stats: stats(samples), cpu: stats(cpu), pages, bytes: pdf.length, peakRss, peakHeap };
}

export async function runDocumentsBench(): Promise<string> {
  const cerp = cerpView({ papCount: 15, suiviCount: 10 });
  const rows: [string, () => RenderedPages, number, string][] = [
    ['CERP, 15 actions du PAP, 10 lignes de suivi emploi, 2 exemplaires originaux', () => contractPages(cerp, documentContext), RUNS, '< 300 ms'],
    ['CERS en projet (filigrane), 6 actions, 2 exemplaires', () => contractPages(cersView({ status: 'brouillon' }), documentContext), 10, '—'],
    ['DSP complète', () => dspPages(dspRevision(), etatCivil, documentContext), 10, '—'],
    ['EDE (grille, courbe, total)', () => edePages(edeAssessment(), DEFAULT_EDE_GRID, etatCivil, documentContext), 10, '—'],
    ['Fiche de liaison (actions CG, partie structure)', () => fichePages(ficheView('actions_cg'), documentContext), 10, '—'],
  ];
  const load = os.loadavg()[0]!;
  const lines = [
    `Charge de la machine au départ : ${load.toFixed(1)} pour ${os.cpus().length} cœurs${load > os.cpus().length ? ' (machine occupée : les temps mesurés sont majorés)' : ''} ; React en mode ${process.env.NODE_ENV === 'production' ? 'production' : 'développement'}.`,
    `Documents : ${RUNS} générations du CERP après ${WARMUP} de mise en route (10 pour les autres documents), rendu complet (gabarit, mise en page, PDF).`,
    '',
    '| document | pages | taille | médiane | p95 | max | CPU médiane | tas max | RSS max | cible |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [label, make, runs, target] of rows) {
    const m = await measure(make, runs);
    lines.push(
      `| ${label} | ${m.pages} | ${(m.bytes / 1024).toFixed(0)} Kio | ${ms(m.stats.median)} | ${ms(m.stats.p95)} | ${ms(m.stats.max)} | ${ms(m.cpu.median)} | ${mib(m.peakHeap)} | ${mib(m.peakRss)} | ${target} |`,
    );
  }
  return lines.join('\n');
}
