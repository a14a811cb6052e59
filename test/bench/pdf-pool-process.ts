/**
 * One process of the pdf-pool bench (pdf-pool.bench.ts): 8 CERPs of 10 pages asked at the same time, rendered in the
 * main thread (PDF_POOL_THREADS=0) or by the worker pool (PDF_POOL_THREADS=n), after one CERP of warm-up. Measures
 * the wall time of the 8, the main thread's event-loop delay meanwhile (perf_hooks), the peak RSS of the process
 * (its worker threads included), and the RSS once the pool's threads have stopped. Prints one line of JSON.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cerpView, documentContext } from '../fixtures/documents/data';
import type { DocumentJob } from '../../main/documents/jobs';
import { closePdfPool, configurePdfPool, pdfPoolThreads, renderInPool } from '../../main/documents/pool';
import { watchEventLoop } from './stats';

const threads = Number(process.env.PDF_POOL_THREADS ?? 0);
const PARALLEL = 8;
const IDLE_MS = 1_000;
const cerp: DocumentJob = { template: 'contract', args: [cerpView({ papCount: 15, suiviCount: 10 }), documentContext] };

configurePdfPool({ maxThreads: threads, idleTimeoutMs: IDLE_MS });
const startRss = process.memoryUsage().rss;
await renderInPool(cerp);
const warmRss = process.memoryUsage().rss;

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
// Also the longest wait of a 5 ms timer (the histogram only learns of a blocked loop when its timer fires again).
const stopWatching = watchEventLoop();
const start = performance.now();
const pdfs = await Promise.all(Array.from({ length: PARALLEL }, () => renderInPool(cerp)));
const wall = performance.now() - start;
await new Promise((resolve) => setTimeout(resolve, 20));
const longestGap = stopWatching();
delay.disable();
const peakRss = process.resourceUsage().maxRSS * 1024;

// Once idle: the threads stop and give their memory back.
await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 1_500));
const threadsIdle = await pdfPoolThreads();
const idleRss = process.memoryUsage().rss;
await closePdfPool();

console.log(
  JSON.stringify({
    threads,
    parallel: PARALLEL,
    bytes: pdfs[0]!.length,
    identical: pdfs.every((p) => p.equals(pdfs[0]!)),
    wall,
    delayMax: Math.max(delay.max / 1e6, longestGap),
    delayP99: delay.percentile(99) / 1e6,
    startRss,
    warmRss,
    peakRss,
    idleRss,
    threadsIdle,
  }),
);
