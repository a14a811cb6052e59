/**
 * Benchmark of the EP session file: the PDF of a session of 40 cases (cover, ordre du jour, 40 fiches de synthèse
 * with orientations, contracts and a PAP of 6 actions each), full and anonymised. Target (issue 16): ≤ 1 s.
 * The data is built as `sessionFileData` returns it (fictitious, seeded: test/bench/fixtures.ts); the measure is
 * the layout and rendering.
 */
import { measure, renderCase } from './documents.bench';
import { EP_CASES, sessionFileCases } from './fixtures';
import { machineLine, mib, ms, verdict } from './stats';

const RUNS = Number(process.env.BENCH_EP_RUNS ?? 5);

export async function runEpBench(): Promise<string> {
  const lines = [
    machineLine(),
    `Dossier de séance : ${RUNS} générations après 1 de mise en route.`,
    '',
    '| dossier de séance | cas | pages | taille | médiane | p95 | max | CPU médiane | cible |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of sessionFileCases()) {
    const m = await measure(() => renderCase(c), RUNS, 1);
    lines.push(
      `| ${c.label} | ${EP_CASES} | ${m.pages} | ${(m.bytes / 1024).toFixed(0)} Kio | ${ms(m.stats.median)} | ${ms(m.stats.p95)} | ${ms(m.stats.max)} | ${ms(m.cpu.median)} | médiane ≤ 1 s : ${verdict(m.stats.median <= 1000)} |`,
    );
  }
  lines.push('', `Pic de mémoire du processus (RSS max) : ${mib(process.resourceUsage().maxRSS * 1024)}.`);
  return lines.join('\n');
}
