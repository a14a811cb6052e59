// npm run start:browser [-- --data-dir DIR --port N --demo]
// Builds the renderer when needed, then runs the browser-mode host (main/host/cli.ts) with tsx.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureRendererBuilt, root } from './renderer-build.mjs';

await ensureRendererBuilt();

// Production mode, as the Electron build (scripts/build-main.mjs defines NODE_ENV): React and the libraries
// without their development checks (docs/performance.md). NODE_ENV set by the user is kept.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'host', 'cli.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', ...process.env },
});
// Ctrl+C reaches the child through the terminal; a SIGTERM sent to this script is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
