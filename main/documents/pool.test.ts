/**
 * The PDF worker pool (issue 14): the same bytes as rendering in the main thread, a main thread left free while a
 * long contract renders, threads that stop when idle, and rendering in the main thread when the worker cannot start.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { convocations, epContext, sessionFile } from '../../test/bench/fixtures';
import { watchEventLoop } from '../../test/bench/stats';
import { cerpView, documentContext } from '../../test/fixtures/documents/data';
import { pdfPages } from '../../test/fixtures/documents/pdf-tools';
import { renderJob, type DocumentJob } from './jobs';
import { closePdfPool, configurePdfPool, defaultPdfWorkers, PDF_WORKER_BUNDLE, pdfPoolThreads, pdfWorkerFile, renderInPool } from './pool';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A CERP of ten pages (two originals of five). */
const cerp: DocumentJob = { template: 'contract', args: [cerpView({ papCount: 15, suiviCount: 10 }), documentContext] };
const convocation: DocumentJob = { template: 'epConvocations', args: [convocations(1, 1), epContext] };
const sessionFileJob: DocumentJob = { template: 'epSessionFile', args: [sessionFile(false, 6), epContext] };

afterEach(async () => {
  vi.restoreAllMocks();
  configurePdfPool({});
  await closePdfPool();
});
afterAll(() => closePdfPool());

describe('PDF worker pool: settings', () => {
  it('uses the cores but one, at least one thread and at most two', () => {
    expect([1, 2, 3, 4, 16].map((n) => defaultPdfWorkers(n))).toEqual([1, 1, 2, 2, 2]);
    expect(defaultPdfWorkers()).toBeGreaterThanOrEqual(1);
  });

  it('runs the bundled worker beside a bundle, and the sources with tsx otherwise', () => {
    expect(pdfWorkerFile('file:///opt/parcours/resources/app/dist/main/electron/main.cjs')).toBe(path.join('/opt/parcours/resources/app/dist/main/electron', PDF_WORKER_BUNDLE));
    expect(pdfWorkerFile(new URL('./pool.ts', import.meta.url).href)).toBe(fileURLToPath(new URL('./worker-tsx.mjs', import.meta.url)));
  });
});

describe('PDF worker pool: rendering', () => {
  it('gives the very bytes of rendering in the main thread (CERP of 10 pages, convocation, EP session file)', async () => {
    configurePdfPool({ maxThreads: 2 });
    for (const job of [cerp, convocation, sessionFileJob]) {
      const [pooled, inProcess] = [await renderInPool(job), await renderJob(job)];
      expect(pooled.subarray(0, 5).toString(), job.template).toBe('%PDF-');
      expect(sha256(pooled), job.template).toBe(sha256(inProcess));
    }
    expect(pdfPages(await renderInPool(cerp))).toHaveLength(10);
    expect(await pdfPoolThreads()).toBeGreaterThan(0);
  }, 120_000);

  it('leaves the main thread free while a 10-page CERP renders', async () => {
    configurePdfPool({ maxThreads: 1 });
    await renderInPool(convocation); // the thread is started and the engine loaded
    // A light task of 30 short hops through the event loop, started with the CERP: it must end long before it.
    let hops = 0;
    const light = new Promise<number>((resolve) => {
      const hop = () => {
        hops += 1;
        if (hops === 30) resolve(performance.now());
        else setImmediate(hop);
      };
      setImmediate(hop);
    });
    const stopWatching = watchEventLoop();
    const start = performance.now();
    const pdf = await renderInPool(cerp).then((bytes) => ({ bytes, at: performance.now() }));
    const longestGap = stopWatching();
    expect(pdfPages(pdf.bytes)).toHaveLength(10);
    expect(hops).toBe(30);
    expect(await light).toBeLessThan(pdf.at);
    // In the main thread, the timer would wait for the whole CERP; here, never for half of it.
    expect(longestGap).toBeLessThan((pdf.at - start) / 2);
  }, 120_000);

  it('stops its threads once idle', async () => {
    configurePdfPool({ maxThreads: 1, idleTimeoutMs: 200 });
    await renderInPool(convocation);
    expect(await pdfPoolThreads()).toBe(1);
    await vi.waitFor(async () => expect(await pdfPoolThreads()).toBe(0), { timeout: 5_000, interval: 100 });
    // And starts again for the next document.
    expect(sha256(await renderInPool(convocation))).toBe(sha256(await renderJob(convocation)));
  }, 120_000);

  it('passes a document’s own error on, in French', async () => {
    configurePdfPool({ maxThreads: 1 });
    const broken = { template: 'nope', args: [] } as unknown as DocumentJob;
    await expect(renderInPool(broken)).rejects.toThrow('Modèle de document inconnu : « nope »');
  }, 60_000);
});

describe('PDF worker pool: fallback', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'parcours-pool-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('renders in the main thread when the worker file is missing, and says so once without personal data', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    configurePdfPool({ maxThreads: 1, workerFile: path.join(work, 'absent', PDF_WORKER_BUNDLE) });
    const expected = sha256(await renderJob(convocation));
    expect(sha256(await renderInPool(convocation))).toBe(expected);
    expect(sha256(await renderInPool(convocation))).toBe(expected);
    const messages = warn.mock.calls.map((c) => c.join(' ')).filter((m) => m.includes('[documents]'));
    expect(messages.length).toBeLessThanOrEqual(1);
    for (const m of messages) expect(m).toMatch(/processus principal/);
    expect(await pdfPoolThreads()).toBe(0);
  }, 60_000);

  it('renders in the main thread when the worker cannot load its file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bad = path.join(work, 'bad-worker.mjs');
    writeFileSync(bad, "import './introuvable.mjs';\nexport default () => null;\n");
    configurePdfPool({ maxThreads: 1, workerFile: bad });
    const pdf = await renderInPool(convocation);
    expect(sha256(pdf)).toBe(sha256(await renderJob(convocation)));
    const names = JSON.stringify(convocations(1, 1)).match(/[A-ZÉÈ]{3,}/g) ?? [];
    const logged = warn.mock.calls.map((c) => c.join(' ')).join('\n');
    expect(logged).toMatch(/processus principal/);
    for (const name of names) expect(logged).not.toContain(name);
  }, 60_000);
});

describe('PDF worker pool: the Electron bundle', () => {
  it('renders through dist/…/pdf-worker.cjs, found beside main.cjs', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const outdir = mkdtempSync(path.join(root, 'test-output', 'pdf-worker-'));
    try {
      const { buildMain } = await import('../../scripts/build-main.mjs');
      await buildMain({ outdir, quiet: true });
      const workerFile = pdfWorkerFile(pathToFileURL(path.join(outdir, 'main.cjs')).href);
      expect(workerFile).toBe(path.join(outdir, PDF_WORKER_BUNDLE));
      const warn = vi.spyOn(console, 'warn');
      configurePdfPool({ maxThreads: 1, workerFile });
      expect(sha256(await renderInPool(convocation))).toBe(sha256(await renderJob(convocation)));
      expect(await pdfPoolThreads()).toBe(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      await closePdfPool();
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 180_000);
});
