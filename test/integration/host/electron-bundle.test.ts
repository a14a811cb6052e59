/**
 * The bundled Electron main process (scripts/build-main.mjs), run under Node with a stand-in for the
 * electron module: it must load, open the real App on the data folder, register the one IPC channel
 * and answer through it. Electron itself is not installed on this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTERNAL, buildMain } from '../../../scripts/build-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let work: string;

/** Loaded with node -r: answers require('electron') with a recording stand-in. */
const STUB = String.raw`
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const report = (o) => process.stdout.write('REPORT ' + JSON.stringify(o) + '\n');
const handlers = new Map();
let windowContents;
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox() {},
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getAppPath: () => process.env.STUB_APP_PATH,
  getPath: () => process.env.STUB_USER_DATA,
  getVersion: () => '9.9.9',
  quit: () => report({ quit: true }),
  exit: (c) => report({ exit: c }),
});
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = Object.assign(new EventEmitter(), { id: 41, setWindowOpenHandler() {} });
    windowContents = this.webContents;
    report({ window: options.webPreferences });
  }
  loadFile(file) { report({ loadFile: file }); return Promise.resolve(); }
  isDestroyed() { return false; }
  show() {}
}
const electron = {
  app,
  BrowserWindow,
  ipcMain: { handle: (channel, fn) => { handlers.set(channel, fn); report({ channel }); } },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, webRequest: { onHeadersReceived() {} } } },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (t) => report({ menu: t.map((m) => m.label) }) },
  shell: { openExternal() {} },
  dialog: { showErrorBox: (t, m) => report({ error: m }), showMessageBox: async () => ({}) },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  return load.call(this, request, ...rest);
};
// Waits for the App's channel (the bundle may take a few seconds to start on a busy machine), then calls it.
const started = Date.now();
const waitForChannel = setInterval(async () => {
  if (handlers.size === 0 && Date.now() - started < 30_000) return;
  clearInterval(waitForChannel);
  if (handlers.size === 0) { report({ error: 'no IPC channel after 30 s' }); app.emit('window-all-closed'); return; }
  const [channel, handler] = [...handlers][0];
  const appUrl = require('node:url').pathToFileURL(require('node:path').join(process.env.STUB_APP_PATH, 'dist/renderer/index.html')).href;
  const ok = await handler({ sender: { id: 41 }, senderFrame: { url: appUrl, parent: null } }, { method: 'app.status', input: {} });
  const refused = await handler({ sender: { id: 99 }, senderFrame: { url: appUrl, parent: null } }, { method: 'app.status', input: {} });
  report({ ok, refused });
  app.emit('window-all-closed');
}, 100);
`;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'prsa-bundle-'));
  await buildMain({ outdir: path.join(work, 'out'), quiet: true });
  await writeFile(path.join(work, 'stub.cjs'), STUB);
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('bundled Electron main process', () => {
  it('keeps the native and Electron modules external and the preload self-contained', async () => {
    const main = await readFile(path.join(work, 'out', 'main.cjs'), 'utf8');
    const requires = new Set([...main.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!).filter((m) => !m.startsWith('node:') && !builtinModules.includes(m)));
    expect(requires).toEqual(new Set(EXTERNAL));
    const preload = await readFile(path.join(work, 'out', 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('starts, opens the App and serves app.status over the IPC channel to its own window only', () => {
    const userData = path.join(work, 'userData');
    const result = spawnSync(process.execPath, ['-r', path.join(work, 'stub.cjs'), path.join(work, 'out', 'main.cjs'), '--data-dir', path.join(work, 'données')], {
      cwd: work,
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules'), STUB_APP_PATH: root, STUB_USER_DATA: userData, PARCOURS_UPDATE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const reports = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('REPORT '))
      .map((l) => JSON.parse(l.slice(7)) as Record<string, unknown>);
    expect(result.status, result.stderr).toBe(0);
    expect(reports.filter((r) => 'channel' in r)).toEqual([{ channel: 'parcours:api' }]);
    expect(reports.find((r) => 'window' in r)?.window).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(reports.find((r) => 'menu' in r)?.menu).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    expect(reports.find((r) => 'loadFile' in r)?.loadFile).toBe(path.join(root, 'dist', 'renderer', 'index.html'));
    const answer = reports.find((r) => 'ok' in r) as { ok: { ok: boolean; value: { initialized: boolean; appVersion: string } }; refused: { ok: boolean; error: { code: string } } };
    expect(answer.ok).toMatchObject({ ok: true, value: { initialized: false, appVersion: '9.9.9' } });
    expect(answer.refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(reports.some((r) => r.quit === true)).toBe(true);
    expect(reports.some((r) => 'error' in r)).toBe(false);
  }, 60_000);
});
