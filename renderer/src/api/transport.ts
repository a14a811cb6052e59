import type { ApiErrorCode } from '../../../shared/api/errors';
import {
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
}

/** Browser mode: POST the envelope to the local host, with the launch token in a header. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const url = options.url ?? HTTP_API_PATH;
  return async (request) => {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: options.token ?? '' },
        body: JSON.stringify(request),
      });
    } catch {
      return failure('INTERNAL', OFFLINE_MESSAGE);
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

/** Electron when the preload exposed its API, browser mode otherwise. */
export function pickTransport(win: Window): Transport {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as PreloadApi | undefined;
  if (preload && typeof preload.invoke === 'function') return createElectronTransport(preload);
  return createHttpTransport({ token: readLaunchToken(win.document) });
}
