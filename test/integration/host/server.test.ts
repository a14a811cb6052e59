import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../../main/host/server';
import { cspHeader } from '../../../main/app/security-headers';
import { HTTP_API_PATH, HTTP_TOKEN_HEADER, TOKEN_META_NAME, type ApiRequest, type ApiResponse } from '../../../shared/api/transport';

/** A fake App: records what it is asked and echoes it back. */
function fakeApp() {
  const calls: ApiRequest[] = [];
  return {
    calls,
    async handle(request: ApiRequest): Promise<ApiResponse> {
      calls.push(request);
      if (request.method === 'boom') throw new Error('panne');
      return { ok: true, value: { method: request.method, input: request.input, session: request.session ?? null } };
    },
  };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  port: number,
  options: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // The server may close the socket before the whole (oversized) body is written: ignore that.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let workDir: string;
let rendererDir: string;
let host: BrowserHost;
const app = fakeApp();

const INDEX_HTML = '<!doctype html>\n<html lang="fr">\n  <head>\n    <meta charset="utf-8">\n    <title>Parcours RSA</title>\n  </head>\n  <body><div id="root"></div><script type="module" src="./assets/app.js"></script></body>\n</html>\n';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'prsa-host-'));
  rendererDir = path.join(workDir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  await writeFile(path.join(rendererDir, 'assets', 'style.css'), 'body { margin: 0 }\n');
  await writeFile(path.join(rendererDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(workDir, 'secret.txt'), 'SECRET');
  await writeFile(path.join(workDir, 'package.json'), '{"secret":true}');
  await symlink(path.join(workDir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  host = await startBrowserHost({ app, port: 0, rendererDir });
});

afterAll(async () => {
  await host.close();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  app.calls.length = 0;
});

const apiHeaders = (extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders => ({
  'Content-Type': 'application/json',
  [HTTP_TOKEN_HEADER]: host.token,
  ...extra,
});
const envelope = JSON.stringify({ method: 'app.status', input: {}, session: 'abc' });

describe('browser host: binding and token', () => {
  it('binds 127.0.0.1 only, on the port it reports', () => {
    expect(host.address.address).toBe('127.0.0.1');
    expect(host.address.family).toBe('IPv4');
    expect(host.address.port).toBe(host.port);
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('uses a fresh random 32-byte base64url token per launch', async () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await startBrowserHost({ app, rendererDir });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });

  it('serves index.html at / with the token meta tag and the security headers', async () => {
    const res = await raw(host.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(`<meta name="${TOKEN_META_NAME}" content="${host.token}">`);
    expect(res.body).toContain('<title>Parcours RSA</title>');
    expect(res.headers['content-security-policy']).toBe(cspHeader());
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const direct = await raw(host.port, { path: '/index.html?x=1' });
    expect(direct.body).toContain(host.token);
  });

  it('accepts localhost:<port> as Host', async () => {
    const res = await raw(host.port, { path: '/', headers: { Host: `localhost:${host.port}` } });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host on the page itself (DNS rebinding), without leaking the token', async () => {
    for (const badHost of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `localhost.evil.example:${host.port}`]) {
      const res = await raw(host.port, { path: '/', headers: { Host: badHost } });
      expect(res.status, badHost).toBe(403);
      expect(res.body).not.toContain(host.token);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('browser host: static files', () => {
  it('serves assets with their content type', async () => {
    const js = await raw(host.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");\n');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(host.port, { path: '/assets/style.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(host.port, { path: '/assets/logo.svg' })).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers 404 for missing files and directories', async () => {
    expect((await raw(host.port, { path: '/assets/missing.js' })).status).toBe(404);
    expect((await raw(host.port, { path: '/assets' })).status).toBe(404);
    expect((await raw(host.port, { path: '/assets/' })).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/assets/app.js%00.html',
    '/%E0%A4%A',
    '/assets/link.txt',
  ])('refuses %s with 404 and never leaks the file', async (p) => {
    const res = await raw(host.port, { path: p });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
    expect(res.body).not.toContain('"secret"');
    expect(res.body).not.toContain('root:');
  });

  it('refuses other methods on static files with 405', async () => {
    const res = await raw(host.port, { method: 'DELETE', path: '/index.html' });
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body).error.message).toMatch(/Méthode HTTP non autorisée/);
  });
});

describe('browser host: API', () => {
  it('forwards a good call to the App and returns its response', async () => {
    const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(), body: envelope });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { method: 'app.status', input: {}, session: 'abc' } });
    expect(app.calls).toEqual([{ method: 'app.status', input: {}, session: 'abc' }]);
  });

  it('accepts a same-origin Origin and a charset on the content type', async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const res = await raw(host.port, {
        method: 'POST',
        path: HTTP_API_PATH,
        headers: apiHeaders({ Origin: origin, 'Content-Type': 'application/json; charset=utf-8', 'Sec-Fetch-Site': 'same-origin' }),
        body: envelope,
      });
      expect(res.status).toBe(200);
    }
    expect(app.calls).toHaveLength(2);
  });

  it('refuses a call without the token (401) or with a wrong one (403), without calling the App', async () => {
    const none = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: { 'Content-Type': 'application/json' }, body: envelope });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/jeton de lancement absent/) },
    });
    const wrong = await raw(host.port, {
      method: 'POST',
      path: HTTP_API_PATH,
      headers: apiHeaders({ [HTTP_TOKEN_HEADER]: `${host.token.slice(0, -1)}A` === host.token ? 'x' : `${host.token.slice(0, -1)}A` }),
      body: envelope,
    });
    expect(wrong.status).toBe(403);
    const prefix = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders({ [HTTP_TOKEN_HEADER]: host.token.slice(0, 10) }), body: envelope });
    expect(prefix.status).toBe(403);
    expect(app.calls).toEqual([]);
  });

  it('refuses a wrong Host even with the right token', async () => {
    const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders({ Host: `attacker.example:${host.port}` }), body: envelope });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN');
    expect(app.calls).toEqual([]);
  });

  it('refuses a foreign Origin or a cross-site fetch even with the right token', async () => {
    for (const headers of [
      { Origin: 'http://evil.example' },
      { Origin: `http://127.0.0.1:${host.port + 1}` },
      { Origin: `https://127.0.0.1:${host.port}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(headers), body: envelope });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/ne provient pas de l’application/);
    }
    expect(app.calls).toEqual([]);
  });

  it('refuses other methods than POST on the API with 405', async () => {
    const res = await raw(host.port, { method: 'GET', path: HTTP_API_PATH, headers: apiHeaders() });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(app.calls).toEqual([]);
  });

  it('refuses a body that is not declared as JSON with 415', async () => {
    const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders({ 'Content-Type': 'text/plain' }), body: envelope });
    expect(res.status).toBe(415);
    expect(app.calls).toEqual([]);
  });

  it('refuses malformed JSON with 400 and a French message', async () => {
    const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(), body: '{"method": "app.status",' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Requête invalide : le contenu n’est pas du JSON valide.' },
    });
    expect(app.calls).toEqual([]);
  });

  it('refuses JSON that is not an envelope, without calling the App', async () => {
    for (const body of ['[]', '"x"', '{"input":{}}', '{"method":42}', '{"method":"a","session":5}']) {
      const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(), body });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(app.calls).toEqual([]);
  });

  it('refuses an oversized body with 413 (declared length and chunked)', async () => {
    const big = JSON.stringify({ method: 'x', input: { blob: 'a'.repeat(DEFAULT_MAX_BODY_BYTES + 1024) } });
    const declared = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(), body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/trop volumineuse/);
    const chunked = await raw(host.port, {
      method: 'POST',
      path: HTTP_API_PATH,
      headers: apiHeaders({ 'Transfer-Encoding': 'chunked' }),
      body: big,
    });
    expect(chunked.status).toBe(413);
    expect(app.calls).toEqual([]);
    // The server still answers afterwards.
    expect((await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(), body: envelope })).status).toBe(200);
  });

  it('turns an App that throws into a French INTERNAL error', async () => {
    const res = await raw(host.port, { method: 'POST', path: HTTP_API_PATH, headers: apiHeaders(), body: JSON.stringify({ method: 'boom', input: {} }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/Erreur interne/) } });
  });
});

describe('browser host: renderer not built', () => {
  it('answers / with a French 503 explaining how to build the interface', async () => {
    const empty = await startBrowserHost({ app, rendererDir: path.join(workDir, 'does-not-exist') });
    try {
      const res = await raw(empty.port, { path: '/' });
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body).error.message).toMatch(/L’interface n’est pas construite/);
    } finally {
      await empty.close();
    }
  });
});
