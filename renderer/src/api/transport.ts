import type { ApiErrorCode } from '../../../shared/api/errors';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  HTTP_API_PATH,
  HTTP_TOKEN_HEADER,
  PRELOAD_GLOBAL,
  TOKEN_META_NAME,
  type ApiResponse,
  type PreloadApi,
  type Transport,
} from '../../../shared/api/transport';

export const OFFLINE_MESSAGE =
  'Le service local ne répond pas. Vérifiez que Parcours RSA est toujours ouvert, puis réessayez.';
export const SERVER_OFFLINE_MESSAGE =
  'Le serveur de la MDS ne répond pas. Vérifiez votre connexion au réseau, puis réessayez ; si le problème persiste, prévenez l’administrateur.';
export const IPC_FAILURE_MESSAGE =
  'La communication avec l’application a échoué. Réessayez ; si le problème persiste, redémarrez Parcours RSA.';

const failure = (code: ApiErrorCode, message: string): ApiResponse => ({ ok: false, error: { code, message } });

function isApiResponse(body: unknown): body is ApiResponse {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const b = body as { ok: unknown; error?: unknown };
  if (b.ok === true) return 'value' in body;
  if (b.ok !== false || typeof b.error !== 'object' || b.error === null) return false;
  const e = b.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}

/** Electron: every call goes through the preload's single `invoke`. */
export function createElectronTransport(preload: PreloadApi): Transport {
  return async (request) => {
    try {
      const response: unknown = await preload.invoke(request);
      return isApiResponse(response) ? response : failure('INTERNAL', IPC_FAILURE_MESSAGE);
    } catch {
      return failure('INTERNAL', IPC_FAILURE_MESSAGE);
    }
  };
}

export interface HttpTransportOptions {
  /** Per-launch token given by the local host in the page's meta tag. */
  token: string | undefined;
  url?: string;
  fetch?: typeof fetch;
  /** The page's cookies (`document.cookie` by default): the server's CSRF cookie is sent back in a header. */
  cookies?: () => string;
  /** What a network failure says (the local service by default). */
  offlineMessage?: string;
}

/** The value of cookie `name` in a `document.cookie` string, if set. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return value ? decodeURIComponent(value) : undefined;
    } catch {
      return value;
    }
  }
  return undefined;
}

const documentCookies = () => (typeof document === 'undefined' ? '' : document.cookie);

/**
 * Browser mode: POST the envelope, with the launch token in a header (local host). Against the MDS server the
 * session travels in its HttpOnly cookie, and the CSRF cookie's value goes back in `x-parcours-csrf` (double submit).
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const url = options.url ?? HTTP_API_PATH;
  const cookies = options.cookies ?? documentCookies;
  return async (request) => {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: options.token ?? '' };
    const csrf = readCookie(cookies(), CSRF_COOKIE);
    if (csrf !== undefined) headers[CSRF_HEADER] = csrf;
    let res: Response;
    try {
      res = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(request) });
    } catch {
      return failure('INTERNAL', options.offlineMessage ?? OFFLINE_MESSAGE);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return failure('INTERNAL', `Réponse inattendue du service local (HTTP ${res.status}).`);
    }
    return isApiResponse(body) ? body : failure('INTERNAL', `Réponse inattendue du service local (HTTP ${res.status}).`);
  };
}

/** The launch token of browser mode, read from `<meta name="parcours-launch-token">`. */
export function readLaunchToken(doc: Document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`);
  const token = meta?.content.trim();
  return token ? token : undefined;
}

function preloadOf(win: Window): PreloadApi | undefined {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as PreloadApi | undefined;
  return preload && typeof preload.invoke === 'function' ? preload : undefined;
}

/**
 * Where the renderer runs: `electron` (the preload's IPC), `local` (the 127.0.0.1 browser-mode host, which gives a
 * launch token) or `server` (a browser on the MDS server: no launch token, session cookie, server-sent events).
 */
export type RendererHost = 'electron' | 'local' | 'server';

export function rendererHost(win: Window): RendererHost {
  if (preloadOf(win)) return 'electron';
  return readLaunchToken(win.document) === undefined ? 'server' : 'local';
}

/** Electron when the preload exposed its API, browser mode otherwise (the local host or the MDS server). */
export function pickTransport(win: Window): Transport {
  const preload = preloadOf(win);
  if (preload) return createElectronTransport(preload);
  const token = readLaunchToken(win.document);
  return createHttpTransport({ token, ...(token === undefined ? { offlineMessage: SERVER_OFFLINE_MESSAGE } : {}) });
}
