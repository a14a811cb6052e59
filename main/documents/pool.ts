/**
 * The PDF worker pool (issue 14): documents are laid out and rendered in worker threads (piscina), so that one
 * user's 10-page contract never stalls the main thread — the other users' requests, the desk's interface.
 *
 * - Jobs (jobs.ts) are plain data: the worker builds the React elements itself and renders them with the same
 *   engine, so the bytes are those of rendering in the main thread.
 * - Threads: `maxThreads` (createApp's `pdfWorkers`), by default one less than the cores, 1 to 2; 0 renders in the
 *   main thread. They start at the first document and stop after `idleTimeoutMs` without one: an idle desk keeps
 *   neither the threads nor the engine's memory.
 * - The worker: `pdf-worker.cjs` beside the bundle (the Electron main process), else `worker.ts` through tsx
 *   (development, tests, browser mode, server). If it cannot start, documents are rendered in the main thread
 *   (logged once, without personal data).
 * - Nothing here loads the PDF engine nor piscina before the first document (start-up, issue 16).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { configuredFontsDir } from './font-files';
import type { DocumentJob } from './jobs';
import type { PdfTask } from './worker';

/** The worker's file in the bundle of the Electron main process (scripts/build-main.mjs). */
export const PDF_WORKER_BUNDLE = 'pdf-worker.cjs';
/**
 * Threads stop after this long without a document: long enough that a user printing now and then does not pay the
 * thread's start (1 to 5 s from the sources) each time, short enough that an idle desk gives the memory back.
 */
export const PDF_IDLE_TIMEOUT_MS = 5 * 60_000;

/** Threads by default: the cores but one (the main thread's), at least 1, at most 2. */
export function defaultPdfWorkers(parallelism = os.availableParallelism()): number {
  return Math.max(1, Math.min(2, parallelism - 1));
}

/** The worker from the sources: worker.ts through tsx. */
export const PDF_WORKER_SOURCES = 'worker-tsx.mjs';

/** The worker's file for the module at `moduleUrl`: the bundled one beside a bundle (.cjs), else the sources through tsx. */
export function pdfWorkerFile(moduleUrl: string): string {
  const file = fileURLToPath(moduleUrl);
  return path.join(path.dirname(file), file.endsWith('.cjs') ? PDF_WORKER_BUNDLE : PDF_WORKER_SOURCES);
}

export interface PdfPoolOptions {
  /** Worker threads at most; 0: render in the main thread. Default `defaultPdfWorkers()`. */
  maxThreads?: number | undefined;
  idleTimeoutMs?: number | undefined;
  /** The worker's file (tests); default `pdfWorkerFile(import.meta.url)`. */
  workerFile?: string | undefined;
}

interface Settings {
  maxThreads: number;
  idleTimeoutMs: number;
  workerFile: string | undefined;
}

const defaults = (): Settings => ({ maxThreads: defaultPdfWorkers(), idleTimeoutMs: PDF_IDLE_TIMEOUT_MS, workerFile: undefined });

let settings: Settings = defaults();

/** A started pool, and a promise rejected when it breaks (a worker that cannot load its file, or dies). */
interface Running {
  piscina: Piscina;
  broken: Promise<never>;
  failed: boolean;
}

let pool: Promise<Running | null> | undefined;
/** The pool `pool` resolved to (so that a broken pool no longer answered for does not replace a new one). */
let active: Running | null = null;
let fallbackLogged = false;

function logFallback(reason: string): void {
  if (fallbackLogged) return;
  fallbackLogged = true;
  console.warn(`[documents] Pool de génération des PDF indisponible (${reason}) : les documents sont générés dans le processus principal.`);
}

const reasonOf = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'erreur';
};

async function startPool(s: Settings): Promise<Running | null> {
  const filename = s.workerFile ?? pdfWorkerFile(import.meta.url);
  if (!existsSync(filename)) {
    logFallback(`fichier ${path.basename(filename)} absent`);
    return null;
  }
  let piscina: Piscina;
  try {
    const { Piscina } = await import('piscina');
    piscina = new Piscina({ filename, execArgv: [], minThreads: 0, maxThreads: s.maxThreads, idleTimeout: s.idleTimeoutMs });
  } catch (error) {
    logFallback(reasonOf(error));
    return null;
  }
  let markBroken: (error: unknown) => void = () => undefined;
  const broken = new Promise<never>((_resolve, reject) => {
    markBroken = reject;
  });
  broken.catch(() => undefined);
  const running: Running = { piscina, broken, failed: false };
  // piscina reports a worker that fails outside a task (its file does not load) as an 'error' event, and the
  // task waits for ever: the pool is given up, and its documents are rendered in this thread.
  piscina.on('error', (error: unknown) => {
    logFallback(reasonOf(error));
    running.failed = true;
    markBroken(error);
    if (active === running) pool = Promise.resolve(null);
    void piscina.destroy().catch(() => undefined);
  });
  active = running;
  return running;
}

/** Changes the pool's settings; a running pool is closed (its documents under way finish first). */
export function configurePdfPool(options: PdfPoolOptions): void {
  const base = defaults();
  fallbackLogged = false;
  settings = { maxThreads: options.maxThreads ?? base.maxThreads, idleTimeoutMs: options.idleTimeoutMs ?? base.idleTimeoutMs, workerFile: options.workerFile };
  void closePdfPool();
}

/** Stops the threads (waiting for the documents under way); the next document starts them again. */
export async function closePdfPool(): Promise<void> {
  const running = pool;
  pool = undefined;
  active = null;
  await (await running)?.piscina.close();
}

/** Threads alive now (tests, bench). */
export async function pdfPoolThreads(): Promise<number> {
  return (await pool)?.piscina.threads.length ?? 0;
}

/**
 * Starts a thread and has it load the engine, so that the first document does not pay for it (after the first login,
 * like `preloadDocuments`). Never throws; does nothing when the pool is off or cannot start.
 */
export async function warmPdfPool(): Promise<void> {
  if (settings.maxThreads <= 0) return;
  const running = await (pool ??= startPool(settings));
  if (!running) return;
  const task: PdfTask = { job: null, fontsDir: configuredFontsDir() };
  await Promise.race([running.piscina.run(task), running.broken]).catch(() => undefined);
}

async function renderInProcess(job: DocumentJob): Promise<Buffer> {
  return (await import('./jobs')).renderJob(job);
}

/** The job's PDF, rendered by a worker thread (or in this thread when the pool is off or cannot start). */
export async function renderInPool(job: DocumentJob): Promise<Buffer> {
  if (settings.maxThreads <= 0) return renderInProcess(job);
  const running = await (pool ??= startPool(settings));
  if (!running) return renderInProcess(job);
  const task: PdfTask = { job, fontsDir: configuredFontsDir() };
  let bytes: Uint8Array;
  try {
    bytes = (await Promise.race([running.piscina.run(task), running.broken])) as Uint8Array;
  } catch (error) {
    // A document's own error is the caller's; a pool that broke meanwhile is not.
    if (!running.failed) throw error;
    return renderInProcess(job);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
