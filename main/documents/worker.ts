/**
 * The PDF worker (a thread of the pool, pool.ts): lays out and renders one job with the same engine as the main
 * thread. Entry of its own in the Electron bundle (scripts/build-main.mjs → dist/main/electron/pdf-worker.cjs);
 * run by tsx from the sources otherwise.
 */
import { configureDocumentFonts } from './font-files';
import { renderJob, type DocumentJob } from './jobs';

/** What the main thread sends: the job, and the fonts folder it chose (the packaged app's, or the npm package's). */
export interface PdfTask {
  /** null: a warm-up (the thread has loaded the engine by importing this file; nothing to render). */
  job: DocumentJob | null;
  fontsDir: string | undefined;
}

export default async function renderTask({ job, fontsDir }: PdfTask): Promise<Uint8Array> {
  configureDocumentFonts({ fontsDir });
  if (job === null) return new Uint8Array(0);
  return renderJob(job);
}
