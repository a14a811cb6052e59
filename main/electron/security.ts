/**
 * Electron security policy as small pure functions (no runtime import of electron), unit-tested.
 */
import type { WebPreferences } from 'electron';
import { cspHeader } from '../app/security-headers';

export { cspHeader };

/** The renderer's BrowserWindow webPreferences: isolated, sandboxed, no Node. */
export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** Only the app's own page (same file; the #hash route may change) may be loaded in the window. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app) return false;
  return (
    target.protocol === 'file:' &&
    app.protocol === 'file:' &&
    target.host === app.host &&
    decodeURIComponent(target.pathname) === decodeURIComponent(app.pathname)
  );
}

export interface IpcSender {
  /** webContents id of the sender. */
  webContentsId: number;
  /** URL of the frame that sent the message (null when the frame is gone). */
  frameUrl: string | null;
  /** Whether the sending frame is the top frame (not an iframe). */
  isMainFrame: boolean;
}

/** An IPC message is served only when it comes from our window's top frame showing our own page. */
export function isTrustedSender(sender: IpcSender, expected: { webContentsId: number | null; appUrl: string }): boolean {
  return (
    expected.webContentsId !== null &&
    sender.webContentsId === expected.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAllowedNavigation(sender.frameUrl, expected.appUrl)
  );
}

/** Links that window.open / target=_blank may hand to the system browser: https only. */
export function externalUrlToOpen(url: string): string | null {
  const target = parse(url);
  return target && target.protocol === 'https:' && target.username === '' && target.password === '' ? target.href : null;
}

/** Response headers with our Content-Security-Policy, replacing any other (whatever its case). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [cspHeader()];
  result['X-Content-Type-Options'] = ['nosniff'];
  return result;
}

/** Every permission (camera, notifications, geolocation, clipboard-read…) is refused. */
export const denyPermissionRequest = (
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);
export const denyPermissionCheck = (): boolean => false;

/** --data-dir DIR or --data-dir=DIR on the command line. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const value = argv[i + 1];
      return value && !value.startsWith('--') ? value : undefined;
    }
    if (arg.startsWith('--data-dir=')) {
      const value = arg.slice('--data-dir='.length);
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
