import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  HTTP_API_PATH,
  HTTP_TOKEN_HEADER,
  TOKEN_META_NAME,
  type ApiRequest,
  type ApiResponse,
} from '../../../shared/api/transport';
import {
  OFFLINE_MESSAGE,
  SERVER_OFFLINE_MESSAGE,
  createElectronTransport,
  createHttpTransport,
  pickTransport,
  readCookie,
  readLaunchToken,
  rendererHost,
} from './transport';

afterEach(() => {
  document.head.innerHTML = '';
  delete (window as unknown as Record<string, unknown>).parcoursApi;
});

function fakeFetch(respond: (url: string, init: RequestInit) => Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('HTTP transport (browser mode)', () => {
  it('POSTs the envelope as JSON with the launch token header, and returns the answer', async () => {
    const answer: ApiResponse = { ok: true, value: { initialized: true } };
    const f = fakeFetch(async () => new Response(JSON.stringify(answer), { status: 200 }));
    const transport = createHttpTransport({ token: 'jeton-123', fetch: f.fn });
    const request: ApiRequest = { method: 'app.status', input: {}, session: 's1' };
    await expect(transport(request)).resolves.toEqual(answer);
    expect(f.calls).toHaveLength(1);
    const { url, init } = f.calls[0]!;
    expect(url).toBe(HTTP_API_PATH);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: 'jeton-123' });
    expect(JSON.parse(init.body as string)).toEqual(request);
  });

  it('passes API errors through (e.g. a 401 with its French message)', async () => {
    const answer: ApiResponse = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect' } };
    const f = fakeFetch(async () => new Response(JSON.stringify(answer), { status: 401 }));
    const client = createApiClient(createHttpTransport({ token: 't', fetch: f.fn }));
    const error = await client.call('auth.login', { login: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect' });
  });

  it('turns a network failure into a French ApiError', async () => {
    const f = fakeFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = createApiClient(createHttpTransport({ token: 't', fetch: f.fn }));
    const error = await client.call('app.status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(OFFLINE_MESSAGE);
    expect(OFFLINE_MESSAGE).toMatch(/^Le service local ne répond pas/);
  });

  it('turns a non-JSON answer into a French error', async () => {
    const f = fakeFetch(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const response = await createHttpTransport({ token: 't', fetch: f.fn })({ method: 'app.status', input: {} });
    expect(response).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Réponse inattendue du service local (HTTP 502).' } });
  });

  it('reads the launch token from its meta tag', () => {
    expect(readLaunchToken(document)).toBeUndefined();
    const meta = document.createElement('meta');
    meta.name = TOKEN_META_NAME;
    meta.content = 'abc';
    document.head.append(meta);
    expect(readLaunchToken(document)).toBe('abc');
  });
});

describe('HTTP transport against the MDS server', () => {
  const ok = async () => new Response(JSON.stringify({ ok: true, value: null }), { status: 200 });

  it('sends the CSRF cookie back in its header (double submit), and nothing when the cookie is absent', async () => {
    const f = fakeFetch(ok);
    let cookies = `autre=1; ${CSRF_COOKIE}=c%C3%A9-42; x=y`;
    const transport = createHttpTransport({ token: undefined, fetch: f.fn, cookies: () => cookies });
    await transport({ method: 'auth.me', input: {}, session: 'cookie' });
    expect((f.calls[0]!.init.headers as Record<string, string>)[CSRF_HEADER]).toBe('cé-42');
    cookies = 'autre=1';
    await transport({ method: 'auth.me', input: {}, session: 'cookie' });
    expect(f.calls[1]!.init.headers as Record<string, string>).not.toHaveProperty(CSRF_HEADER);
  });

  it('reads the cookie from the document by default', async () => {
    const f = fakeFetch(ok);
    // jsdom's page is not https: a `__Host-` cookie cannot be set, it is read through the getter.
    const getter = vi.spyOn(document, 'cookie', 'get').mockReturnValue(`${CSRF_COOKIE}=jeton-csrf`);
    try {
      await createHttpTransport({ token: undefined, fetch: f.fn })({ method: 'auth.me', input: {} });
      expect((f.calls[0]!.init.headers as Record<string, string>)[CSRF_HEADER]).toBe('jeton-csrf');
    } finally {
      getter.mockRestore();
    }
  });

  it('parses cookie strings', () => {
    expect(readCookie('', CSRF_COOKIE)).toBeUndefined();
    expect(readCookie(`${CSRF_COOKIE}x=1`, CSRF_COOKIE)).toBeUndefined();
    expect(readCookie(` ${CSRF_COOKIE}=a=b `, CSRF_COOKIE)).toBe('a=b');
    expect(readCookie(`${CSRF_COOKIE}=%E0%A4%A`, CSRF_COOKIE)).toBe('%E0%A4%A');
  });

  it('is picked when the page has no launch token, and names the server when it is unreachable', async () => {
    expect(rendererHost(window)).toBe('server');
    const fetchBefore = globalThis.fetch;
    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    try {
      const response = await pickTransport(window)({ method: 'app.status', input: {} });
      expect(response).toEqual({ ok: false, error: { code: 'INTERNAL', message: SERVER_OFFLINE_MESSAGE } });
    } finally {
      globalThis.fetch = fetchBefore;
    }
    const meta = document.createElement('meta');
    meta.name = TOKEN_META_NAME;
    meta.content = 'abc';
    document.head.append(meta);
    expect(rendererHost(window)).toBe('local');
  });
});

describe('Electron transport', () => {
  it('is picked when the preload exposed its API, and calls invoke', async () => {
    const received: ApiRequest[] = [];
    (window as unknown as Record<string, unknown>).parcoursApi = {
      invoke: async (request: ApiRequest): Promise<ApiResponse> => {
        received.push(request);
        return { ok: true, value: 'pong' };
      },
    };
    expect(rendererHost(window)).toBe('electron');
    const transport = pickTransport(window);
    await expect(transport({ method: 'auth.me', input: {}, session: 'x' })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(received).toEqual([{ method: 'auth.me', input: {}, session: 'x' }]);
  });

  it('turns an IPC failure into a French error', async () => {
    const transport = createElectronTransport({
      invoke: async () => {
        throw new Error('channel closed');
      },
    });
    const response = await transport({ method: 'auth.me', input: {} });
    expect(response.ok).toBe(false);
    expect(!response.ok && response.error.message).toMatch(/communication avec l’application a échoué/);
  });
});
