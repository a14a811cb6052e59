// Bundles the Electron main process, its PDF worker and the preload (esbuild): dist/main/electron/{main,pdf-worker,preload}.cjs.
// Native and Electron-provided modules stay external; everything else (drizzle, zod, shared/…) is bundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// pdfkit (under @react-pdf/renderer) loads its standard fonts from its own folder: it must stay a real package.
// piscina starts its threads on its own worker.js, beside its own files: it stays a real package too.
export const EXTERNAL = ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'pdfkit', 'piscina'];
export const DEFAULT_OUTDIR = path.join(root, 'dist', 'main', 'electron');

export async function buildMain({ outdir = DEFAULT_OUTDIR, quiet = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: EXTERNAL,
    sourcemap: true,
    logLevel: quiet ? 'error' : 'warning',
    absWorkingDir: root,
    outdir,
    outExtension: { '.js': '.cjs' },
    // A CommonJS bundle requires its external packages, also those imported on demand (piscina).
    supported: { 'dynamic-import': false },
    // Sources are ES modules: give import.meta.url a CommonJS meaning (the bundle's own file URL).
    define: { 'import.meta.url': '__bundleFileUrl', 'process.env.NODE_ENV': '"production"' },
    banner: { js: '"use strict";\nconst __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
  await build({ ...common, entryPoints: { main: 'main/electron/main.ts' } });
  // The threads of the PDF pool (main/documents/pool.ts) run this file, found beside main.cjs.
  await build({ ...common, entryPoints: { 'pdf-worker': 'main/documents/worker.ts' } });
  // The preload runs sandboxed: one self-contained file that only requires 'electron'.
  await build({ ...common, entryPoints: { preload: 'main/electron/preload.ts' }, define: { 'process.env.NODE_ENV': '"production"' }, banner: {} });
  if (!quiet) console.log(`Processus principal construit dans ${path.relative(root, outdir) || outdir}/ (main.cjs, pdf-worker.cjs, preload.cjs).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildMain().catch((error) => {
    console.error(`Échec de la construction du processus principal : ${error.message}`);
    process.exit(1);
  });
}
