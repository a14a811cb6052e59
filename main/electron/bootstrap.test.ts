import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { App, AppOptions } from '../app';
import { IPC_CHANNEL, type ApiRequest, type ApiResponse } from '../../shared/api/transport';
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
