import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { OutgoingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { LiveBus, type LiveViewer } from '../../../main/app/live';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type ApiRequest, type ApiResponse } from '../../../shared/api/transport';
import { HSTS_HEADER, PLAIN_HTTP_REFUSED, parseCookies, startServerHost, type ServerHost } from '../../../main/server/host';
import { createServerLogger } from '../../../main/server/logger';
import { selfSignedTls, type TlsMaterial } from '../../../main/server/tls';
import { send, type Answer } from './process';

/** A fake App: sessions are 'tok-<login>'; 'echo' answers the session it was given. */
function fakeApp() {
  const calls: { request: ApiRequest; address: string | undefined }[] = [];
  const viewers = new Map<string, LiveViewer>();
  const events = new LiveBus();
  return {
    calls,
    viewers,
    events,
    sessionInfo: (token: string) => viewers.get(token) ?? null,
    async handle(request: ApiRequest, meta?: { address?: string }): Promise<ApiResponse> {
      calls.push({ request, address: meta?.address });
      if (request.method === 'auth.login') {
        const login = (request.input as { login: string }).login;
        viewers.set(`tok-${login}`, { userId: login === 'b' ? 2 : 1, mdsId: login === 'c' ? 9 : 1, partner: false });
        return { ok: true, value: { session: `tok-${login}`, user: { login } } };
      }
      if (request.session === undefined || !viewers.has(request.session)) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Session terminée' } };
      }
      if (request.method === 'auth.logout') {
        viewers.delete(request.session);
        return { ok: true, value: { ok: true } };
      }
      return { ok: true, value: { session: request.session, input: request.input } };
    },
  };
}

let work: string;
let tls: TlsMaterial;
let host: ServerHost;
let app: ReturnType<typeof fakeApp>;
let origin: string;
const logLines: string[] = [];

/** One request to the host, its certificate pinned (with the JSON content type the API wants). */
const call = (options: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: unknown }): Promise<Answer> =>
  send(
    { url: new URL(origin), fingerprint: tls.fingerprint, ca: tls.cert },
    { ...options, headers: { 'Content-Type': 'application/json', ...options.headers } },
  );

const json = (answer: Answer) => JSON.parse(answer.body) as ApiResponse & { value?: Record<string, unknown> };
const cookiesOf = (answer: Answer): string[] => (answer.headers['set-cookie'] as string[] | undefined) ?? [];

async function browserLogin(login: string): Promise<{ cookie: string; csrf: string }> {
  const answer = await call({ headers: { Origin: origin }, body: { method: 'auth.login', input: { login, password: 'x' } } });
  const jar = parseCookies(cookiesOf(answer).map((c) => c.split(';')[0]).join('; '));
  return { cookie: `${SESSION_COOKIE}=${jar.get(SESSION_COOKIE)}; ${CSRF_COOKIE}=${jar.get(CSRF_COOKIE)}`, csrf: jar.get(CSRF_COOKIE)! };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'prsa-server-host-'));
  const rendererDir = path.join(work, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>PR</title>');
  tls = await selfSignedTls(work, ['127.0.0.1']);
  app = fakeApp();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  host = await startServerHost({ app, tls, host: '127.0.0.1', port: 0, rendererDir, logger: createServerLogger({ stream }), version: '9.8.7', pingMs: 100 });
  origin = `https://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host?.close();
  await rm(work, { recursive: true, force: true });
});

describe('the HTTPS host', () => {
  it('answers its health, its URL and fingerprint, with HSTS', async () => {
    expect(host.url).toBe(`${origin}/`);
    expect(host.fingerprint).toBe(tls.fingerprint);
    expect(host.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const health = await call({ method: 'GET', path: '/api/health' });
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: '9.8.7', mode: 'server' });
    expect(health.headers['strict-transport-security']).toBe(HSTS_HEADER);
    const page = await call({ method: 'GET', path: '/' });
    expect(page.body).toContain('<title>PR</title>');
    expect(page.body).not.toMatch(/launch-token/);
  });

  it('refuses plain HTTP on the same port', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`));
      let out = '';
      socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain(PLAIN_HTTP_REFUSED);
    expect(text).not.toContain('<title>PR</title>');
  });

  it('refuses another Host (DNS rebinding) and another Origin or site', async () => {
    expect((await call({ method: 'GET', path: '/', headers: { Host: 'evil.example:443' } })).status).toBe(403);
    const before = app.calls.length;
    const body = { method: 'auth.login', input: { login: 'a', password: 'x' } };
    expect((await call({ headers: { Origin: 'https://evil.example' }, body })).status).toBe(403);
    expect((await call({ headers: { 'Sec-Fetch-Site': 'cross-site' }, body })).status).toBe(403);
    expect(app.calls.length).toBe(before);
  });

  it('gives a browser its session in an HttpOnly cookie, never in the answer, and asks the CSRF header back', async () => {
    const answer = await call({ headers: { Origin: origin }, body: { method: 'auth.login', input: { login: 'a', password: 'x' } } });
    expect(json(answer).value?.session).toBe('cookie');
    const cookies = cookiesOf(answer);
    expect(cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=tok-a;`))).toBe(`${SESSION_COOKIE}=tok-a; HttpOnly; Secure; SameSite=Strict; Path=/`);
    expect(cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))).toMatch(/^__Host-parcours-csrf=[A-Za-z0-9_-]{43}; Secure; SameSite=Strict; Path=\/$/);
    expect(app.calls.at(-1)?.address).toBe('127.0.0.1');

    const { cookie, csrf } = await browserLogin('a');
    const echo = { method: 'dossiers.search', input: { q: 'x' }, session: 'tok-forged' };
    const before = app.calls.length;
    expect((await call({ headers: { Cookie: cookie }, body: echo })).status).toBe(403);
    expect((await call({ headers: { Cookie: cookie, [CSRF_HEADER]: 'autre' }, body: echo })).status).toBe(403);
    expect(app.calls.length).toBe(before);
    const ok = await call({ headers: { Cookie: cookie, [CSRF_HEADER]: csrf, Origin: origin }, body: echo });
    // The envelope's own session is ignored: the cookie's is used.
    expect(json(ok).value?.session).toBe('tok-a');
  });

  it('clears the cookies on logout and on an ended session', async () => {
    const { cookie, csrf } = await browserLogin('a');
    const logout = await call({ headers: { Cookie: cookie, [CSRF_HEADER]: csrf }, body: { method: 'auth.logout', input: {} } });
    expect(cookiesOf(logout)).toEqual([expect.stringMatching(/^__Host-parcours-session=; .*Max-Age=0$/), expect.stringMatching(/^__Host-parcours-csrf=; .*Max-Age=0$/)]);
    const replay = await call({ headers: { Cookie: cookie, [CSRF_HEADER]: csrf }, body: { method: 'dossiers.search', input: {} } });
    expect(json(replay)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(cookiesOf(replay)).toHaveLength(2);
  });

  it('serves the desktop client by bearer: the real token, no cookies, no CSRF', async () => {
    const headers = { 'x-parcours-client': 'desktop' };
    const login = await call({ headers, body: { method: 'auth.login', input: { login: 'b', password: 'x' } } });
    expect(json(login).value?.session).toBe('tok-b');
    expect(cookiesOf(login)).toEqual([]);
    const echo = await call({ headers: { ...headers, Authorization: 'Bearer tok-b', Cookie: `${SESSION_COOKIE}=tok-a` }, body: { method: 'x.y', input: {}, session: 'tok-a' } });
    expect(json(echo).value?.session).toBe('tok-b');
    const none = await call({ headers, body: { method: 'x.y', input: {}, session: 'tok-b' } });
    expect(json(none)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('streams { seq, kind } the session may see, pings, and ends with the session', async () => {
    const { cookie } = await browserLogin('a');
    const received: string[] = [];
    let ended!: () => void;
    const closed = new Promise<void>((resolve) => (ended = resolve));
    const opened = new Promise<number>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', ca: tls.cert, headers: { Cookie: cookie } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.on('data', (d: Buffer) => received.push(d.toString('utf8')));
        res.on('end', () => ended());
      });
      req.on('error', reject);
      req.end();
    });
    expect(await opened).toBe(200);
    app.events.publish('fiche', [1], [1]);
    app.events.publish('contrat', [9], [5]); // another MDS: not for this desk
    await new Promise((r) => setTimeout(r, 250));
    const text = received.join('');
    expect(text).toContain('event: change\ndata: {"seq":1,"kind":"fiche"}\n\n');
    expect(text).not.toContain('contrat');
    expect(text).toContain(': ping');
    app.viewers.delete('tok-a');
    await closed;

    expect((await call({ method: 'GET', path: '/api/events', headers: { Cookie: cookie } })).status).toBe(401);
    expect((await call({ method: 'GET', path: '/api/events' })).status).toBe(401);
  });

  it('logs one line per API call: method name, outcome, duration — never a session, an input or an address', () => {
    const api = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.kind === 'api');
    expect(api.length).toBeGreaterThan(5);
    expect(api[0]).toMatchObject({ method: 'auth.login', outcome: 'ok', client: 'navigateur', req: expect.any(String), ms: expect.any(Number) });
    expect(api.some((l) => l.method === 'inconnue')).toBe(true); // 'x.y' is not a method of the contract
    const all = logLines.join('\n');
    for (const secret of ['tok-a', 'tok-b', 'tok-forged', '127.0.0.1', 'password', '"q"']) expect(all).not.toContain(secret);
  });
});
