/**
 * The Electron host: one window, one IPC channel forwarding to the App, and the security policy.
 * main.ts calls startElectron with the real createApp; tests call it with a fake and a mocked electron.
 */
import {
  BrowserWindow,
  Menu,
  app as electronApp,
  dialog,
  ipcMain,
  session,
  shell,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App, AppOptions } from '../app';
import { configureDocumentFonts } from '../documents/font-files';
import { createElectronPrinter } from './documentPrinter';
import { forwardRequest } from '../../shared/api/envelope';
import { IPC_CHANNEL, type ApiResponse } from '../../shared/api/transport';
import { DESKTOP_METHOD_PREFIX, type ServerCertificate } from '../../shared/api/desktop';
import type { RemoteApp, RemoteAppOptions } from '../client/remote';
import { openConnection, type ApiHandler, type Connection } from './connection';
import { buildMenuTemplate } from './menu';
import {
  dataDirFromArgv,
  denyPermissionCheck,
  denyPermissionRequest,
  externalUrlToOpen,
  isAllowedNavigation,
  isTrustedSender,
  webPreferences,
  withCspHeader,
} from './security';
import { CONFIG_FILE_NAME, resolveUpdateUrl, startUpdater, type UpdaterLike } from './updater';

export interface ElectronHostDeps {
  createApp: (options: AppOptions) => App;
  /** The MDS server's client and its certificate probe (main/client); tests pass fakes. */
  createRemoteApp?: (options: RemoteAppOptions) => RemoteApp;
  probeServer?: (url: string) => Promise<ApiResponse<ServerCertificate>>;
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  /** Defaults to electron-updater's autoUpdater (created only when an update URL is configured). */
  loadUpdater?: () => Promise<UpdaterLike>;
  log?: (message: string) => void;
}

export interface ElectronHost {
  window: BrowserWindow;
  /** Where API envelopes go now: the local App or the MDS server. */
  readonly api: ApiHandler;
  connection: Connection;
  appUrl: string;
  dataDir: string;
  /** Resolves once the updater was started (or immediately when updates are off). */
  updater: Promise<'off' | 'started'>;
}

const REFUSED_SENDER = 'Requête refusée : elle ne provient pas de la fenêtre de l’application.';

/** Applied to every webContents: no new windows (https links go to the system browser), no navigation away, no webview. */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The page asks before leaving with unsaved changes (beforeunload); Electron shows no dialog of its own.
  contents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync({
      type: 'question',
      buttons: ['Quitter sans enregistrer', 'Rester sur la page'],
      defaultId: 1,
      cancelId: 1,
      title: 'Quitter sans enregistrer ?',
      message: 'Des modifications ne sont pas enregistrées.',
      detail: 'Si vous quittez maintenant, elles seront perdues (le brouillon reste proposé à la réouverture).',
    });
    if (choice === 0) event.preventDefault(); // preventDefault here lets the unload proceed
  });
}

export async function startElectron(deps: ElectronHostDeps): Promise<ElectronHost | null> {
  const argv = deps.argv ?? process.argv;
  const env = deps.env ?? process.env;
  const log = deps.log ?? ((message: string) => console.warn(message));

  electronApp.enableSandbox();
  if (!electronApp.requestSingleInstanceLock()) {
    electronApp.quit();
    return null;
  }

  const appRoot = electronApp.getAppPath();
  const indexPath = path.join(appRoot, 'dist', 'renderer', 'index.html');
  const appUrl = pathToFileURL(indexPath).href;
  const preloadPath = path.join(appRoot, 'dist', 'main', 'electron', 'preload.cjs');
  let mainWindow: BrowserWindow | null = null;

  electronApp.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  electronApp.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));

  await electronApp.whenReady();

  const dataDir = path.resolve(dataDirFromArgv(argv) ?? path.join(electronApp.getPath('userData'), 'data'));
  const migrationsFolder = electronApp.isPackaged
    ? path.join(process.resourcesPath, 'migrations')
    : path.join(appRoot, 'db', 'migrations');

  let connection: Connection;
  try {
    // PDF fonts: shipped as resources in the package, read from node_modules in development.
    configureDocumentFonts({ fontsDir: electronApp.isPackaged ? path.join(process.resourcesPath, 'fonts') : undefined });
    const printer = createElectronPrinter({ BrowserWindow, log });
    // The local App (« Poste autonome », and the first run until a choice is made) or the MDS server (main/client).
    connection = await openConnection({
      userDataDir: electronApp.getPath('userData'),
      dataDir,
      explicitDataDir: dataDirFromArgv(argv) !== undefined,
      openLocal: () => deps.createApp({ dataDir, migrationsFolder, appVersion: electronApp.getVersion(), printer }),
      ...(deps.createRemoteApp ? { createRemote: deps.createRemoteApp } : {}),
      ...(deps.probeServer ? { probe: deps.probeServer } : {}),
      log,
    });
  } catch (error) {
    dialog.showErrorBox(
      'Parcours RSA',
      `Impossible d’ouvrir les données dans ${dataDir} : ${error instanceof Error ? error.message : String(error)}`,
    );
    electronApp.quit();
    return null;
  }

  let apiClosed = false;
  const closeApi = async (): Promise<void> => {
    if (apiClosed) return;
    apiClosed = true;
    await connection.close().catch((error: unknown) => log(`Fermeture de la base : ${String(error)}`));
  };
  electronApp.on('window-all-closed', () => {
    void closeApi().finally(() => electronApp.quit());
  });
  electronApp.on('will-quit', (event) => {
    if (apiClosed) return;
    event.preventDefault();
    void closeApi().finally(() => electronApp.quit());
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCspHeader(details.responseHeaders) }));

  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, request: unknown): Promise<ApiResponse> => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isMainFrame: frame ? frame.parent === null : false },
      { webContentsId: mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null, appUrl },
    );
    if (!trusted) return { ok: false, error: { code: 'FORBIDDEN', message: REFUSED_SENDER } };
    // The connection screen's `desktop.*` envelopes stay in main; every other goes to the local App or the server.
    return forwardRequest((r) => (r.method.startsWith(DESKTOP_METHOD_PREFIX) ? connection.handleDesktop(r) : connection.current().handle(r)), request);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isPackaged: electronApp.isPackaged,
        onAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'À propos de Parcours RSA',
            message: `Parcours RSA ${electronApp.getVersion()}`,
            detail: 'Orientation, contrats et équipes pluridisciplinaires du RSA, hors ligne.\nDonnées : ' + dataDir,
            buttons: ['Fermer'],
          }),
      }),
    ),
  );

  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Parcours RSA',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(preloadPath),
  });
  mainWindow = window;
  hardenWebContents(window.webContents, appUrl);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  window.loadFile(indexPath).catch((error: unknown) => {
    dialog.showErrorBox(
      'Parcours RSA',
      `L’interface est introuvable (${indexPath}) : ${error instanceof Error ? error.message : String(error)}. Lancez « npm start », qui la construit.`,
    );
  });

  const configPath = path.join(electronApp.getPath('userData'), CONFIG_FILE_NAME);
  const resolution = resolveUpdateUrl(env, () => {
    try {
      return readFileSync(configPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }, configPath);
  let updater: Promise<'off' | 'started'>;
  if (resolution.url === null) {
    log(resolution.reason);
    updater = Promise.resolve('off');
  } else {
    const url = resolution.url;
    const loadUpdater = deps.loadUpdater ?? (async (): Promise<UpdaterLike> => autoUpdater);
    updater = loadUpdater()
      .then((u) => startUpdater(u, url, log))
      .then(() => 'started' as const);
  }

  return {
    window,
    get api() {
      return connection.current();
    },
    connection,
    appUrl,
    dataDir,
    updater,
  };
}
