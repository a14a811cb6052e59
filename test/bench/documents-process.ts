/**
 * One process that only prints CERPs, run by the documents bench from an esbuild bundle built like the
 * application's main process (NODE_ENV=production, everything but pdfkit and the native modules in one file):
 * its peak memory is that of a process generating documents, without tsx and the bench around it.
 * Prints one line of JSON.
 */
import { renderCase } from './documents.bench';
import { documentCases } from './fixtures';
import { stats } from './stats';

const runs = Number(process.env.BENCH_DOCUMENT_RUNS ?? 30);
const cerp = documentCases()[0]!;
const startRss = process.memoryUsage().rss;
const samples: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs + 5; i += 1) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await renderCase(cerp);
  const used = process.cpuUsage(cpuStart);
  if (i >= 5) {
    samples.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
}
console.log(JSON.stringify({ startRss, peakRss: process.resourceUsage().maxRSS * 1024, cpuMedian: stats(cpu).median, ...stats(samples) }));
