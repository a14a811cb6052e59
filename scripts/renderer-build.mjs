// Shared by the start scripts: (re)builds the renderer with Vite when dist/renderer is missing or stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', '.tsbuild']);

/** Newest modification time (ms) of the files under dir; test files count too (cheap and safe). */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Why the renderer must be (re)built, or null when dist/renderer/index.html is up to date. */
export function rendererBuildReason(base = root) {
  const index = path.join(base, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) return 'interface non construite';
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(base, 'renderer')),
    newestMtime(path.join(base, 'shared')),
    ...['vite.config.ts', 'package.json'].map((f) => (existsSync(path.join(base, f)) ? statSync(path.join(base, f)).mtimeMs : 0)),
  );
  return sources > built ? 'sources modifiées depuis la dernière construction' : null;
}

/** Builds the renderer with Vite's API if needed; exits the process with a French message on failure. */
export async function ensureRendererBuilt() {
  const reason = rendererBuildReason();
  if (reason === null) return;
  if (!existsSync(path.join(root, 'renderer', 'index.html'))) {
    console.error('Impossible de construire l’interface : renderer/index.html est absent.');
    process.exit(1);
  }
  console.log(`Construction de l’interface (${reason})…`);
  try {
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  } catch (error) {
    console.error(`Échec de la construction de l’interface (vite build) : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
