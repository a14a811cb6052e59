import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { App, AppOptions } from '../app';
import { IPC_CHANNEL, type ApiRequest, type ApiResponse } from '../../shared/api/transport';
import type { RemoteAppOptions } from '../client/remote';
import { readClientConfig, writeClientConfig } from '../client/config';
import { cspHeader } from '../app/security-headers';

type Listener = (...args: unknown[]) => unknown;

/** A stand-in for the parts of electron the host uses; it records what the host does with them. */
const fake = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
    count(name: string) {
      return (this.listeners.get(name) ?? []).length;
    }
  }
  let nextId = 1;
  class FakeWebContents extends Emitter {
    id = nextId++;
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  const state = {
    lock: true,
    isPackaged: false,
    userData: '/home/agent/.config/Parcours RSA',
    app: null as unknown as Emitter & Record<string, unknown>,
    windows: [] as FakeWindow[],
    allWebContents: [] as FakeWebContents[],
    ipcHandlers: new Map<string, Listener>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersHandler: null as Listener | null,
    menuTemplate: null as unknown,
    updater: {
      autoDownload: false,
      setFeedURL: vi.fn(),
      checkForUpdatesAndNotify: vi.fn(async () => null),
    },
  };
  class FakeWindow extends Emitter {
    options: Record<string, unknown>;
    webContents = new FakeWebContents();
    loadFile = vi.fn(async (_file: string) => undefined);
    loadURL = vi.fn(async (_url: string) => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => false;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      state.windows.push(this);
      state.allWebContents.push(this.webContents);
    }
  }
  const app = Object.assign(new Emitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    whenReady: vi.fn(async () => undefined),
    getAppPath: () => '/opt/parcours-rsa',
    getPath: (name: string) => (name === 'userData' ? state.userData : `/tmp/${name}`),
    getVersion: () => '1.2.3',
    quit: vi.fn(),
    exit: vi.fn(),
  });
  Object.defineProperty(app, 'isPackaged', { get: () => state.isPackaged });
  state.app = app as unknown as Emitter & Record<string, unknown>;
  const reset = () => {
    state.lock = true;
    state.isPackaged = false;
    state.userData = '/home/agent/.config/Parcours RSA';
    state.windows.length = 0;
    state.allWebContents.length = 0;
    state.ipcHandlers.clear();
    state.permissionRequest = state.permissionCheck = state.headersHandler = null;
    state.menuTemplate = null;
    app.listeners.clear();
    vi.clearAllMocks();
  };
  return { state, app, FakeWindow, FakeWebContents, reset };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  ipcMain: {
    handle: vi.fn((channel: string, fn: Listener) => {
      if (fake.state.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.state.ipcHandlers.set(channel, fn);
    }),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn((fn: Listener) => (fake.state.permissionRequest = fn)),
      setPermissionCheckHandler: vi.fn((fn: Listener) => (fake.state.permissionCheck = fn)),
      webRequest: { onHeadersReceived: vi.fn((fn: Listener) => (fake.state.headersHandler = fn)) },
    },
  },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => {
      fake.state.menuTemplate = template;
      return { template };
    }),
    setApplicationMenu: vi.fn(),
  },
  shell: { openExternal: vi.fn(async () => undefined) },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })), showMessageBoxSync: vi.fn(() => 1) },
}));
vi.mock('electron-updater', () => ({ autoUpdater: fake.state.updater }));

const electron = await import('electron');
const { startElectron } = await import('./bootstrap');

function fakeApp() {
  const calls: ApiRequest[] = [];
  const options: AppOptions[] = [];
  const app: App & { calls: ApiRequest[]; closed: number } = {
    calls,
    closed: 0,
    events: { subscribe: () => () => undefined },
    sessionInfo: () => null,
    async handle(request: ApiRequest): Promise<ApiResponse> {
      calls.push(request);
      return { ok: true, value: { echoed: request.method } };
    },
    async close() {
      app.closed += 1;
    },
  };
  const createApp = vi.fn((o: AppOptions) => {
    options.push(o);
    return app;
  });
  return { app, createApp, options };
}

const start = async (extra: Partial<Parameters<typeof startElectron>[0]> = {}) => {
  const f = fakeApp();
  const logs: string[] = [];
  const host = await startElectron({ createApp: f.createApp, argv: ['electron', '.'], env: {}, log: (m) => logs.push(m), ...extra });
  return { ...f, host, logs };
};

const ipcHandler = () => fake.state.ipcHandlers.get(IPC_CHANNEL)!;
const eventFrom = (webContentsId: number, frameUrl: string | null, parent: unknown = null) => ({
  sender: { id: webContentsId },
  senderFrame: frameUrl === null ? null : { url: frameUrl, parent },
});

beforeEach(() => fake.reset());

describe('Electron host: IPC', () => {
  it('registers exactly one IPC channel', async () => {
    await start();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(1);
    expect([...fake.state.ipcHandlers.keys()]).toEqual([IPC_CHANNEL]);
  });

  it('forwards a message from its own window to the App and returns its response', async () => {
    const { host, app } = await start();
    const request = { method: 'app.status', input: {}, session: 'tok' };
    const response = await ipcHandler()(eventFrom(fake.state.windows[0]!.webContents.id, `${host!.appUrl}#/dossiers`), request);
    expect(response).toEqual({ ok: true, value: { echoed: 'app.status' } });
    expect(app.calls).toEqual([request]);
  });

  it('refuses a sender that is not our window’s top frame showing our page, without calling the App', async () => {
    const { host, app } = await start();
    const ownId = fake.state.windows[0]!.webContents.id;
    for (const event of [
      eventFrom(ownId + 100, host!.appUrl),
      eventFrom(ownId, 'https://evil.example/'),
      eventFrom(ownId, 'file:///tmp/other.html'),
      eventFrom(ownId, host!.appUrl, { url: host!.appUrl }),
      eventFrom(ownId, null),
    ]) {
      const response = await ipcHandler()(event, { method: 'app.status', input: {} });
      expect(response).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/ne provient pas de la fenêtre/) } });
    }
    expect(app.calls).toEqual([]);
  });

  it('refuses a malformed envelope with a French VALIDATION error', async () => {
    const { host, app } = await start();
    const response = await ipcHandler()(eventFrom(fake.state.windows[0]!.webContents.id, host!.appUrl), 'app.status');
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Requête invalide/) } });
    expect(app.calls).toEqual([]);
  });
});

describe('Electron host: window and security', () => {
  it('creates one sandboxed, isolated window without Node, loading the built renderer by file URL', async () => {
    const { host } = await start();
    expect(fake.state.windows).toHaveLength(1);
    const prefs = fake.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBe(path.join('/opt/parcours-rsa', 'dist', 'main', 'electron', 'preload.cjs'));
    expect(fake.state.windows[0]!.loadFile).toHaveBeenCalledWith(path.join('/opt/parcours-rsa', 'dist', 'renderer', 'index.html'));
    expect(host!.appUrl).toBe('file:///opt/parcours-rsa/dist/renderer/index.html');
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('blocks navigation away from the app page and webviews', async () => {
    const { host } = await start();
    const contents = fake.state.windows[0]!.webContents;
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('http://127.0.0.1:8080/')).toBe(true);
    expect(navigate(`${host!.appUrl}#/dossiers/12`)).toBe(false);
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('asks before leaving a page with unsaved changes, and leaves only if the user says so', async () => {
    await start();
    const contents = fake.state.windows[0]!.webContents;
    const leave = (answer: number) => {
      vi.mocked(electron.dialog.showMessageBoxSync).mockReturnValueOnce(answer);
      const event = { preventDefault: vi.fn() };
      contents.emit('will-prevent-unload', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(leave(1)).toBe(false); // « Rester sur la page »
    expect(leave(0)).toBe(true); // « Quitter sans enregistrer »
    expect(electron.dialog.showMessageBoxSync).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Quitter sans enregistrer ?' }));
  });

  it('denies every window.open, handing only https links to the system browser', async () => {
    await start();
    const contents = fake.state.windows[0]!.webContents;
    expect(contents.windowOpenHandler!({ url: 'https://www.service-public.fr/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.service-public.fr/');
    vi.mocked(electron.shell.openExternal).mockClear();
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://serveur/partage']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    // Any other webContents created later gets the same treatment.
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler!({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(other.count('will-navigate')).toBe(1);
  });

  it('denies every permission request and check', async () => {
    await start();
    const callback = vi.fn();
    fake.state.permissionRequest!({}, 'media', callback);
    fake.state.permissionRequest!({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(fake.state.permissionCheck!({}, 'clipboard-read')).toBe(false);
  });

  it('sets the Content-Security-Policy on responses', async () => {
    await start();
    const callback = vi.fn();
    fake.state.headersHandler!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [cspHeader()], 'X-Content-Type-Options': ['nosniff'] },
    });
  });

  it('installs a French menu', async () => {
    await start();
    const labels = (fake.state.menuTemplate as MenuItemConstructorOptions[]).map((m) => m.label);
    expect(labels).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });
});

describe('Electron host: data, lifecycle', () => {
  it('keeps its data in userData/data with the repository migrations when not packaged', async () => {
    const { options } = await start();
    expect(options).toEqual([
      {
        dataDir: path.join('/home/agent/.config/Parcours RSA', 'data'),
        migrationsFolder: path.join('/opt/parcours-rsa', 'db', 'migrations'),
        appVersion: '1.2.3',
        // The system print dialog enters like every other option.
        printer: { print: expect.any(Function) },
      },
    ]);
  });

  it('takes --data-dir and, when packaged, the migrations from the resources folder', async () => {
    fake.state.isPackaged = true;
    const previous = Object.getOwnPropertyDescriptor(process, 'resourcesPath');
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/parcours-rsa/resources', configurable: true });
    try {
      const { options } = await start({ argv: ['parcours-rsa', '--data-dir', '/srv/données'] });
      expect(options[0]).toMatchObject({ dataDir: '/srv/données', migrationsFolder: path.join('/opt/parcours-rsa/resources', 'migrations') });
    } finally {
      if (previous) Object.defineProperty(process, 'resourcesPath', previous);
      else delete (process as { resourcesPath?: string }).resourcesPath;
    }
  });

  it('quits at once without opening anything when another instance runs', async () => {
    fake.state.lock = false;
    const { host, createApp } = await start();
    expect(host).toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(createApp).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await start();
    fake.app.emit('second-instance');
    expect(fake.state.windows[0]!.focus).toHaveBeenCalled();
  });

  it('closes the App then quits when all windows are closed', async () => {
    const { app } = await start();
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(app.closed).toBe(1);
    // Quitting afterwards does not close it twice, nor get blocked.
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(app.closed).toBe(1);
  });

  it('closes the App before quitting from the menu', async () => {
    const { app } = await start();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(app.closed).toBe(1);
  });

  it('shows a French error and quits when the data cannot be opened', async () => {
    const createApp = vi.fn(() => {
      throw new Error('fichier verrouillé');
    });
    const host = await startElectron({ createApp, argv: [], env: {}, log: () => undefined });
    expect(host).toBeNull();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Parcours RSA', expect.stringMatching(/Impossible d’ouvrir les données.*fichier verrouillé/));
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

describe('Electron host: updates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'prsa-electron-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does not start the updater without an update URL', async () => {
    fake.state.userData = dir;
    const loadUpdater = vi.fn();
    const { host, logs } = await start({ loadUpdater });
    expect(await host!.updater).toBe('off');
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(fake.state.updater.setFeedURL).not.toHaveBeenCalled();
    expect(logs.join('\n')).toMatch(/mises à jour automatiques désactivées/);
  });

  it('does not start it with an URL that is not https', async () => {
    fake.state.userData = dir;
    const { host } = await start({ env: { PARCOURS_UPDATE_URL: 'http://maj.example.org/parcours/' } });
    expect(await host!.updater).toBe('off');
    expect(fake.state.updater.setFeedURL).not.toHaveBeenCalled();
  });

  it('starts electron-updater on the generic provider with PARCOURS_UPDATE_URL', async () => {
    fake.state.userData = dir;
    const { host } = await start({ env: { PARCOURS_UPDATE_URL: 'https://maj.example.org/parcours/' } });
    expect(await host!.updater).toBe('started');
    expect(fake.state.updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://maj.example.org/parcours/' });
    expect(fake.state.updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
  });

  it('starts it with the updateUrl of <userData>/config.json', async () => {
    fake.state.userData = dir;
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ updateUrl: 'https://intranet.example.org/maj/' }));
    const { host } = await start();
    expect(await host!.updater).toBe('started');
    expect(fake.state.updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://intranet.example.org/maj/' });
  });
});

describe('Electron host: « Poste autonome » or the MDS server (issue 14 §3)', () => {
  const PINNED = Array.from({ length: 32 }, () => 'AA').join(':');
  const NEW = Array.from({ length: 32 }, () => 'BB').join(':');
  const URL_ = 'https://mds.example.org:8443/';
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'prsa-electron-client-'));
    fake.state.userData = dir;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Fake server: `admin` is an administrator, `remi` a référent; each remote records its pin and its calls. */
  const fakeServer = (presented: () => string) => {
    const remotes: { options: RemoteAppOptions; calls: ApiRequest[]; closed: boolean }[] = [];
    const createRemoteApp = vi.fn((options: RemoteAppOptions) => {
      const remote = { options, calls: [] as ApiRequest[], closed: false };
      remotes.push(remote);
      return {
        async handle(request: ApiRequest): Promise<ApiResponse> {
          remote.calls.push(request);
          if (options.fingerprint !== presented()) return { ok: false, error: { code: 'INTERNAL', message: 'Le certificat du serveur a changé' } };
          if (request.method === 'auth.login') {
            const { login, password } = request.input as { login: string; password: string };
            if (password !== 'bon-mot-de-passe') return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect.' } };
            return { ok: true, value: { session: `jeton-${login}`, user: { role: login === 'admin' ? 'administrateur' : 'referent' } } };
          }
          return { ok: true, value: { remote: request.method } };
        },
        async close() {
          remote.closed = true;
        },
      };
    });
    const probeServer = vi.fn(async (url: string) => ({
      ok: true as const,
      value: { url, fingerprint: presented(), subject: 'mds.example.org', issuer: 'mds.example.org', validTo: '2031-01-01T00:00:00.000Z' },
    }));
    return { remotes, createRemoteApp, probeServer };
  };
  const fromWindow = (host: { appUrl: string }) => eventFrom(fake.state.windows[0]!.webContents.id, host.appUrl);
  const desktop = (host: { appUrl: string }, method: string, input: unknown = {}) => ipcHandler()(fromWindow(host), { method, input }) as Promise<ApiResponse>;

  it('asks at first run, and « Poste autonome » keeps today’s local App', async () => {
    const server = fakeServer(() => PINNED);
    const { host, app, createApp } = await start({ createRemoteApp: server.createRemoteApp, probeServer: server.probeServer });
    expect(await desktop(host!, 'desktop.getConnection')).toEqual({ ok: true, value: { mode: 'none' } });
    expect(createApp).toHaveBeenCalledTimes(1);
    expect(await desktop(host!, 'desktop.choose', { mode: 'autonome' })).toEqual({ ok: true, value: { mode: 'autonome' } });
    expect(await readClientConfig(dir)).toEqual({ kind: 'ok', config: { mode: 'autonome' } });
    expect(await ipcHandler()(fromWindow(host!), { method: 'app.status', input: {} })).toEqual({ ok: true, value: { echoed: 'app.status' } });
    expect(app.calls.map((c) => c.method)).toEqual(['app.status']); // the desktop.* envelopes never reached the App
    // The choice is made once.
    expect(await desktop(host!, 'desktop.choose', { mode: 'serveur', url: URL_, fingerprint: PINNED })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.createRemoteApp).not.toHaveBeenCalled();
  });

  it('does not ask an installation that already has its local data', async () => {
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'parcours.keys.json'), '{}');
    const { host } = await start();
    expect(await desktop(host!, 'desktop.getConnection')).toEqual({ ok: true, value: { mode: 'autonome' } });
  });

  it('goes back to the first-run choice, with a message, when the settings file is damaged', async () => {
    writeFileSync(path.join(dir, 'parcours.client.json'), '{"mode":"serveur","url":"http://x/"}');
    const { host } = await start();
    expect(await desktop(host!, 'desktop.getConnection')).toEqual({ ok: true, value: { mode: 'none', notice: expect.stringMatching(/illisible/) } });
  });

  it('« Se connecter au serveur de la MDS »: probe, confirm the fingerprint seen, pin it, then forward every envelope there', async () => {
    const server = fakeServer(() => PINNED);
    const { host, app } = await start({ createRemoteApp: server.createRemoteApp, probeServer: server.probeServer });
    const probe = await desktop(host!, 'desktop.probe', { url: URL_ });
    expect(probe).toMatchObject({ ok: true, value: { fingerprint: PINNED } });
    // A fingerprint other than the one the server shows is not pinned.
    expect(await desktop(host!, 'desktop.choose', { mode: 'serveur', url: URL_, fingerprint: NEW })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/autre certificat/) },
    });
    const chosen = await desktop(host!, 'desktop.choose', { mode: 'serveur', url: 'mds.example.org:8443', fingerprint: PINNED.toLowerCase() });
    expect(chosen).toEqual({ ok: true, value: { mode: 'serveur', url: URL_, fingerprint: PINNED, acceptedAt: expect.any(String) } });
    expect(await readClientConfig(dir)).toMatchObject({ kind: 'ok', config: { mode: 'serveur', url: URL_, fingerprint: PINNED } });
    expect(app.closed).toBe(1); // the local App is closed
    expect(server.remotes.map((r) => r.options)).toEqual([expect.objectContaining({ url: URL_, fingerprint: PINNED })]);
    const request = { method: 'auth.me', input: {}, session: 'jeton' };
    expect(await ipcHandler()(fromWindow(host!), request)).toEqual({ ok: true, value: { remote: 'auth.me' } });
    expect(server.remotes[0]!.calls).toEqual([request]);
    expect(app.calls).toEqual([]);
  });

  it('starts on the server when it was chosen: no local App, the renderer still from the package, never from the network', async () => {
    await writeClientConfig(dir, { mode: 'serveur', url: URL_, fingerprint: PINNED, acceptedAt: '2026-12-01T08:00:00.000Z' });
    const server = fakeServer(() => PINNED);
    const { host, createApp } = await start({ createRemoteApp: server.createRemoteApp, probeServer: server.probeServer });
    expect(createApp).not.toHaveBeenCalled();
    expect(fake.state.windows[0]!.loadFile).toHaveBeenCalledWith(path.join('/opt/parcours-rsa', 'dist', 'renderer', 'index.html'));
    expect(fake.state.windows[0]!.loadURL).not.toHaveBeenCalled();
    expect(host!.appUrl).toMatch(/^file:\/\//);
    expect(await ipcHandler()(fromWindow(host!), { method: 'app.status', input: {} })).toEqual({ ok: true, value: { remote: 'app.status' } });
    expect(await desktop(host!, 'desktop.getConnection')).toEqual({
      ok: true,
      value: { mode: 'serveur', url: URL_, fingerprint: PINNED, acceptedAt: '2026-12-01T08:00:00.000Z' },
    });
    // The window never navigates to the server either.
    const navigation = { url: URL_, preventDefault: vi.fn() };
    fake.state.windows[0]!.webContents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('a changed certificate shows both fingerprints, and only a server administrator’s sign-in re-pins it', async () => {
    await writeClientConfig(dir, { mode: 'serveur', url: URL_, fingerprint: PINNED, acceptedAt: '2026-12-01T08:00:00.000Z' });
    let presented = NEW;
    const server = fakeServer(() => presented);
    const { host } = await start({ createRemoteApp: server.createRemoteApp, probeServer: server.probeServer });
    expect(await desktop(host!, 'desktop.getConnection')).toMatchObject({
      ok: true,
      value: { mode: 'serveur', fingerprint: PINNED, certificateChanged: { pinned: PINNED, presented: NEW, message: expect.stringMatching(/a changé/) } },
    });
    const accept = (login: string, password = 'bon-mot-de-passe', fingerprint = NEW) =>
      desktop(host!, 'desktop.acceptCertificate', { login, password, fingerprint });

    expect(await accept('admin', 'mauvais')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // A référent signs in correctly, is signed out at once, and is refused.
    expect(await accept('remi')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/administrateur/) } });
    const referentTrial = server.remotes.at(-1)!;
    expect(referentTrial.options.fingerprint).toBe(NEW); // the sign-in went through the new certificate only
    expect(referentTrial.calls.map((c) => [c.method, c.session])).toEqual([['auth.login', undefined], ['auth.logout', 'jeton-remi']]);
    expect(referentTrial.closed).toBe(true);
    // Not the fingerprint shown: refused.
    expect(await accept('admin', 'bon-mot-de-passe', PINNED)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await readClientConfig(dir)).toMatchObject({ config: { fingerprint: PINNED } });

    const accepted = await accept('admin');
    expect(accepted).toEqual({ ok: true, value: { mode: 'serveur', url: URL_, fingerprint: NEW, acceptedAt: expect.any(String) } });
    const adminTrial = server.remotes.at(-2)!;
    expect(adminTrial.calls.map((c) => c.method)).toEqual(['auth.login', 'auth.logout']);
    expect(await readClientConfig(dir)).toMatchObject({ config: { fingerprint: NEW } });
    expect(server.remotes[0]!.closed).toBe(true); // the client pinned to the old certificate is gone
    expect(await ipcHandler()(fromWindow(host!), { method: 'app.status', input: {} })).toEqual({ ok: true, value: { remote: 'app.status' } });
    expect(server.remotes.at(-1)!.options.fingerprint).toBe(NEW);
    // Nothing left to accept.
    presented = NEW;
    expect(await accept('admin')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('checks every desktop.* input in main, and refuses them from another sender like any envelope', async () => {
    const server = fakeServer(() => PINNED);
    const { host } = await start({ createRemoteApp: server.createRemoteApp, probeServer: server.probeServer });
    for (const [method, input] of [
      ['desktop.probe', { url: 42 }],
      ['desktop.probe', { url: URL_, extra: true }],
      ['desktop.choose', { mode: 'serveur', url: URL_, fingerprint: 'AB:CD' }],
      ['desktop.choose', { mode: 'nuage' }],
      ['desktop.acceptCertificate', { login: 'admin' }],
    ] as const) {
      expect(await desktop(host!, method, input), method).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await desktop(host!, 'desktop.inconnue')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const foreign = await ipcHandler()(eventFrom(fake.state.windows[0]!.webContents.id, 'https://evil.example/'), { method: 'desktop.choose', input: { mode: 'autonome' } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.probeServer).not.toHaveBeenCalled();
    expect(await readClientConfig(dir)).toEqual({ kind: 'missing' });
  });
});
