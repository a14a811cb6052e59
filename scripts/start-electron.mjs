// npm start [-- --data-dir DIR]: builds the renderer and the main process, then launches Electron.
// The Electron binary is looked up without require('electron'), which would try to download it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildMain } from './build-main.mjs';
import { ensureRendererBuilt, root } from './renderer-build.mjs';

/** Path of the Electron executable, or null when the runtime is not installed on this machine. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !relative) return null;
  const binary = override ? path.join(override, relative || 'electron') : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (binary === null) {
  console.error('Le moteur Electron n’est pas installé sur cette machine : lancez « npm run start:browser » pour utiliser Parcours RSA dans le navigateur.');
  process.exit(1);
}

await ensureRendererBuilt();
await buildMain({ quiet: true });

const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
