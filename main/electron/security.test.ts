import { describe, expect, it } from 'vitest';
import {
  cspHeader,
  dataDirFromArgv,
  denyPermissionCheck,
  denyPermissionRequest,
  externalUrlToOpen,
  isAllowedNavigation,
  isTrustedSender,
  webPreferences,
  withCspHeader,
} from './security';

const APP = 'file:///opt/Parcours%20RSA/resources/app.asar/dist/renderer/index.html';

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer, without Node', () => {
    expect(webPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app page itself, whatever its #route', () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}#/dossiers/3`, APP)).toBe(true);
    expect(isAllowedNavigation('file:///opt/Parcours RSA/resources/app.asar/dist/renderer/index.html', APP)).toBe(true);
  });
  it.each([
    'https://evil.example/',
    'http://127.0.0.1/index.html',
    'file:///opt/Parcours%20RSA/resources/app.asar/dist/renderer/other.html',
    'file:///etc/passwd',
    'file://serveur/opt/Parcours%20RSA/resources/app.asar/dist/renderer/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'pas une adresse',
  ])('blocks %s', (url) => {
    expect(isAllowedNavigation(url, APP)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const expected = { webContentsId: 7, appUrl: APP };
  it('trusts only our window’s top frame on our page', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: `${APP}#/`, isMainFrame: true }, expected)).toBe(true);
    expect(isTrustedSender({ webContentsId: 8, frameUrl: APP, isMainFrame: true }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: APP, isMainFrame: false }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: null, isMainFrame: true }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: APP, isMainFrame: true }, { webContentsId: null, appUrl: APP })).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('hands only plain https links to the system browser', () => {
    expect(externalUrlToOpen('https://www.service-public.fr/particuliers')).toBe('https://www.service-public.fr/particuliers');
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'https://user:pw@example.org/', 'nope']) {
      expect(externalUrlToOpen(url), url).toBeNull();
    }
  });
});

describe('headers and permissions', () => {
  it('replaces any CSP (whatever its case) with ours', () => {
    expect(withCspHeader({ 'Content-security-policy': ['default-src *'], Server: ['x'] })).toEqual({
      Server: ['x'],
      'Content-Security-Policy': [cspHeader()],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(withCspHeader(undefined)['Content-Security-Policy']).toEqual([cspHeader()]);
  });
  it('the CSP forbids foreign scripts, objects, framing and inline scripts', () => {
    const csp = cspHeader();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("connect-src 'self'");
  });
  it('refuses every permission', () => {
    const granted: boolean[] = [];
    denyPermissionRequest({}, 'media', (g) => granted.push(g));
    denyPermissionRequest({}, 'geolocation', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('dataDirFromArgv', () => {
  it('reads --data-dir DIR and --data-dir=DIR', () => {
    expect(dataDirFromArgv(['electron', '.', '--data-dir', '/srv/d'])).toBe('/srv/d');
    expect(dataDirFromArgv(['app.exe', '--data-dir=C:\\Données'])).toBe('C:\\Données');
    expect(dataDirFromArgv(['app.exe'])).toBeUndefined();
    expect(dataDirFromArgv(['app.exe', '--data-dir'])).toBeUndefined();
    expect(dataDirFromArgv(['app.exe', '--data-dir', '--autre'])).toBeUndefined();
  });
});
