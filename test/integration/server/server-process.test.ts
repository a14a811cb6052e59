/**
 * The server mode for real (issue 14 §5): one server PROCESS over TLS on 127.0.0.1 with demo data, called as browsers
 * (cookies + CSRF) and as the desktop client (bearer), the certificate pinned to the fingerprint it printed.
 * Refused: a CSRF attempt from another origin, a cookie without its CSRF header, a session replayed after logout, an
 * expired session, plain HTTP, a start without the service passphrase. Live events reach the same MDS only. The log
 * holds no demo surname nor CAF number after real traffic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KEY_FILE_NAME, DATABASE_FILE_NAME, unwrapKey } from '../../../db/keyslots';
import { openDatabase } from '../../../db/open';
import { DEMO_MDS, DEMO_PASSWORD, DEMO_REFERENCE_DATE, buildDemoFoyers } from '../../../main/demo/seed';
import { CSRF_HEADER, HTTP_EVENTS_PATH } from '../../../shared/api/transport';
import {
  PASSPHRASE,
  browserHeaders,
  browserLogin,
  desktopLogin,
  parsed,
  pinned,
  root,
  enrol,
  runServer,
  send,
  stopServer,
  tinyRenderer,
  waitForServer,
  type ServerRun,
} from './process';

const DEMO_FOYERS = 30;
let work: string;
let dataDir: string;
let rendererDir: string;
let logFile: string;
let run: ServerRun;
let server: { url: URL; fingerprint: string; ca: string };
const env = { PARCOURS_SERVICE_PASSPHRASE: PASSPHRASE };

interface Hit {
  personId: number;
  nomPatronymique: string;
  nomUsage?: string;
  cafNumber: string;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'prsa-server-'));
  dataDir = path.join(work, 'data');
  logFile = path.join(work, 'server.log');
  rendererDir = await tinyRenderer(path.join(work, 'renderer'));
  run = runServer(
    ['--data-dir', dataDir, '--listen', '127.0.0.1:0', '--tls-self-signed', '--demo', '--demo-foyers', String(DEMO_FOYERS), '--log-file', logFile, '--renderer-dir', rendererDir],
    env,
  );
  const ready = await waitForServer(run, 200_000);
  server = { url: new URL(ready.url), fingerprint: ready.fingerprint, ca: await readFile(path.join(dataDir, 'tls', 'server.crt'), 'utf8') };
}, 240_000);

afterAll(async () => {
  if (run) await stopServer(run);
  await rm(work, { recursive: true, force: true });
});

/** The demo database, opened beside the running server with the demo administrator's key (SQLite allows it). */
async function withDatabase<T>(task: (sqlite: ReturnType<typeof openDatabase>['sqlite']) => T): Promise<T> {
  const key = await unwrapKey(path.join(dataDir, KEY_FILE_NAME), 'admin', DEMO_PASSWORD);
  const db = openDatabase({ file: path.join(dataDir, DATABASE_FILE_NAME), key: key!, create: false, migrationsFolder: path.join(root, 'db', 'migrations') });
  try {
    return task(db.sqlite);
  } finally {
    db.close();
  }
}

describe('the server process over TLS', () => {
  it('prints its URL and the fingerprint of the certificate it serves, answers its health, refuses another fingerprint', async () => {
    expect(server.url.href).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(new X509Certificate(server.ca).fingerprint256).toBe(server.fingerprint);
    const health = await send(server, { method: 'GET', path: '/api/health' });
    expect(JSON.parse(health.body)).toEqual({ ok: true, version: expect.any(String), mode: 'server' });
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const wrongPin = { ...server, fingerprint: server.fingerprint.replace(/^../, server.fingerprint.startsWith('00') ? '11' : '00') };
    await expect(send(wrongPin, { method: 'GET', path: '/api/health' })).rejects.toThrow(/empreinte inattendue/);
  });

  it('refuses plain HTTP on its port', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(server.url.port), '127.0.0.1', () =>
        socket.write(`POST /api HTTP/1.1\r\nHost: ${server.url.host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`),
      );
      let out = '';
      socket.on('data', (d: Buffer) => (out += d.toString('utf8')));
      socket.on('close', () => resolve(out));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toMatch(/https:\/\//);
    expect(text).not.toMatch(/"ok"/);
  });

  it('refuses a CSRF attempt from another origin, and a cookie without its CSRF header', async () => {
    const browser = await browserLogin(server, 'referent1', DEMO_PASSWORD);
    const search = { method: 'dossiers.search', input: { query: '', limit: 5 } };
    const good = await send(server, { headers: browserHeaders(browser), body: search });
    expect(parsed(good)).toMatchObject({ ok: true });

    for (const headers of [
      { ...browserHeaders(browser), Origin: 'https://attaquant.example' },
      { ...browserHeaders(browser), Origin: 'null' },
      { ...browserHeaders(browser), 'Sec-Fetch-Site': 'cross-site' },
      { Cookie: browser.cookie, Origin: browser.origin },
      { Cookie: browser.cookie, [CSRF_HEADER]: 'devine', Origin: browser.origin },
    ]) {
      const answer = await send(server, { headers, body: search });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(parsed(answer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The envelope's session is never a way in.
    const forged = await send(server, { headers: { Origin: browser.origin }, body: { ...search, session: browser.cookie.split(/[=;]/)[1] } });
    expect(parsed(forged)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a session replayed after logout (bearer and cookie)', async () => {
    const desktop = await desktopLogin(server, 'referent2', DEMO_PASSWORD);
    const me = { method: 'auth.me', input: {} };
    expect(parsed(await send(server, { headers: desktop, body: me }))).toMatchObject({ ok: true, value: { login: 'referent2' } });
    expect(parsed(await send(server, { headers: desktop, body: { method: 'auth.logout', input: {} } }))).toMatchObject({ ok: true });
    expect(parsed(await send(server, { headers: desktop, body: me }))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const browser = await browserLogin(server, 'referent2', DEMO_PASSWORD);
    const logout = await send(server, { headers: browserHeaders(browser), body: { method: 'auth.logout', input: {} } });
    expect(logout.headers['set-cookie']).toEqual([expect.stringMatching(/Max-Age=0/), expect.stringMatching(/Max-Age=0/)]);
    expect(parsed(await send(server, { headers: browserHeaders(browser), body: me }))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('sends { seq, kind } to the desks of the MDS where a write happened, nothing to another MDS', async () => {
    // A second MDS, and referent4 moved into it (the demo has one MDS; the API creates none).
    await withDatabase((sqlite) => {
      const mdsId = Number(sqlite.prepare("INSERT INTO mds (name, territory) VALUES ('MDS de Bapaume', 'Arrageois')").run().lastInsertRowid);
      sqlite.prepare("UPDATE users SET mds_id = ? WHERE login = 'referent4'").run(mdsId);
    });
    const listen = (headers: Record<string, string>) => {
      const received: string[] = [];
      const opened = new Promise<{ status: number; stop: () => void }>((resolve, reject) => {
        const req = httpsRequest({ ...pinned(server), ca: server.ca, servername: 'localhost', agent: false, path: HTTP_EVENTS_PATH, headers }, (res) => {
          res.on('data', (d: Buffer) => received.push(d.toString('utf8')));
          resolve({ status: res.statusCode ?? 0, stop: () => req.destroy() });
        });
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
        req.end();
      });
      return { received, opened };
    };
    const sameMds = listen(browserHeaders(await browserLogin(server, 'referent1', DEMO_PASSWORD)));
    const otherMds = listen(await desktopLogin(server, 'referent4', DEMO_PASSWORD));
    // A partner référent of the same MDS (the demo's CCAS): only what names them, not the MDS's account change.
    const partner = listen(browserHeaders(await browserLogin(server, 'referent3', DEMO_PASSWORD)));
    const [a, b, c] = await Promise.all([sameMds.opened, otherMds.opened, partner.opened]);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);

    const admin = await desktopLogin(server, 'admin', DEMO_PASSWORD);
    const write = await send(server, { headers: admin, body: { method: 'mds.update', input: { name: DEMO_MDS.name, address: DEMO_MDS.address, commune: DEMO_MDS.commune } } });
    expect(parsed(write)).toMatchObject({ ok: true });
    const started = Date.now();
    while (!sameMds.received.join('').includes('event: change') && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    a.stop();
    b.stop();
    c.stop();
    const events = sameMds.received.join('').match(/^data: .*$/gm) ?? [];
    expect(events.length).toBeGreaterThan(0);
    for (const line of events) expect(JSON.parse(line.slice('data: '.length))).toEqual({ seq: expect.any(Number), kind: expect.any(String) });
    expect(events.map((l) => JSON.parse(l.slice(6)) as { kind: string }).some((e) => e.kind === 'compte')).toBe(true);
    expect(otherMds.received.join('')).not.toContain('event: change');
    expect(partner.received.join('')).not.toContain('event: change');
  });

  it('logs no personal data after real traffic (logins, searches, dossiers opened, a write, a PDF)', async () => {
    const referent = await desktopLogin(server, 'referent1', DEMO_PASSWORD);
    const browser = await browserLogin(server, 'correspondant1', DEMO_PASSWORD);
    // Every surname and CAF number the demo database holds.
    const { surnames, cafNumbers } = await withDatabase((sqlite) => ({
      surnames: new Set(
        (sqlite.prepare('SELECT nom_patronymique AS a, nom_usage AS b FROM persons').all() as { a: string; b: string | null }[]).flatMap((r) => (r.b ? [r.a, r.b] : [r.a])),
      ),
      cafNumbers: new Set((sqlite.prepare('SELECT caf_number AS c FROM foyers').all() as { c: string }[]).map((r) => r.c)),
    }));
    const [first] = buildDemoFoyers({ seed: 42, count: 1, referenceDate: DEMO_REFERENCE_DATE, referentIds: [1, 2, 3, 4], correspondantIds: [5, 6] });
    expect(surnames.has(first!.person.nomPatronymique) && cafNumbers.has(first!.foyer.cafNumber)).toBe(true);
    expect(surnames.size).toBeGreaterThan(DEMO_FOYERS);

    const hits: Hit[] = [];
    for (const query of [...surnames].slice(0, 12).concat([...cafNumbers].slice(0, 6))) {
      await send(server, { headers: referent, body: { method: 'dossiers.search', input: { query, limit: 20 } } });
      const found = parsed<Hit[]>(await send(server, { headers: browserHeaders(browser), body: { method: 'dossiers.search', input: { query, limit: 20 } } }));
      if (found.ok) hits.push(...found.value);
    }
    expect(hits.length).toBeGreaterThan(10);
    let pdf = false;
    for (const hit of hits.slice(0, 12)) {
      await send(server, { headers: browserHeaders(browser), body: { method: 'dossiers.get', input: { personId: hit.personId } } });
      if (pdf) continue;
      const printable = parsed<{ kind: string; sourceId: number }[]>(
        await send(server, { headers: browserHeaders(browser), body: { method: 'documents.printable', input: { personId: hit.personId } } }),
      );
      const first = printable.ok ? printable.value[0] : undefined;
      if (first) {
        const doc = await send(server, { headers: browserHeaders(browser), body: { method: 'documents.generate', input: { kind: first.kind, sourceId: first.sourceId, final: false } } });
        pdf = parsed(doc).ok;
      }
    }
    expect(pdf).toBe(true);
    // A wrong password and a refused input: errors are logged by code only.
    await send(server, { headers: { 'x-parcours-client': 'desktop' }, body: { method: 'auth.login', input: { login: 'referent1', password: 'faux' } } });
    await send(server, { headers: referent, body: { method: 'dossiers.get', input: { personId: 'DUPONT' } } });

    // Stopped, so that every line is on disk.
    expect(await stopServer(run)).toBe(0);
    const log = await readFile(logFile, 'utf8');
    const lines = log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.kind === 'api').length).toBeGreaterThan(30);
    expect(lines.some((l) => l.method === 'documents.generate' && l.outcome === 'ok')).toBe(true);
    const found = [...surnames, ...cafNumbers].filter((value) => log.toLowerCase().includes(value.toLowerCase()));
    expect(found).toEqual([]);
    for (const secret of ['127.0.0.1', 'parcours-demo', 'Bearer', '__Host-', 'DUPONT']) expect(log).not.toContain(secret);
  });

  it('is enrolled again with a new passphrase by an administrator, restarts on the same data and ends an idle session', async () => {
    const newPassphrase = 'une nouvelle phrase secrète du service';
    const refused = await enrol(['--data-dir', dataDir], 'referent1\nparcours-demo\n', newPassphrase);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Seul un administrateur peut enrôler le serveur/);
    const enrolled = await enrol(['--data-dir', dataDir], 'admin\nparcours-demo\n', newPassphrase);
    expect(enrolled.code).toBe(0);
    expect(enrolled.stdout).toMatch(/Clé de service remplacée/);
    const old = runServer(['--data-dir', dataDir, '--listen', '127.0.0.1:0', '--tls-self-signed'], env);
    expect(await old.exited).toBe(1);
    expect(old.stderr()).toMatch(/n’ouvre pas la clé de service/);

    run = runServer(
      ['--data-dir', dataDir, '--listen', '127.0.0.1:0', '--tls-self-signed', '--session-idle-minutes', '0.05', '--renderer-dir', rendererDir],
      { PARCOURS_SERVICE_PASSPHRASE: newPassphrase },
    );
    const ready = await waitForServer(run, 50_000);
    // The certificate is the one made at the first start: the pinned fingerprint holds.
    expect(ready.fingerprint).toBe(server.fingerprint);
    server = { ...server, url: new URL(ready.url) };
    const desktop = await desktopLogin(server, 'referent1', DEMO_PASSWORD);
    const me = { method: 'auth.me', input: {} };
    expect(parsed(await send(server, { headers: desktop, body: me }))).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 4_000));
    expect(parsed(await send(server, { headers: desktop, body: me }))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  }, 59_000);
});

describe('starting without what the server needs', () => {
  it('refuses to start without the service passphrase: one French line, exit 1', async () => {
    const none = runServer(['--data-dir', path.join(work, 'vide'), '--listen', '127.0.0.1:0', '--tls-self-signed']);
    expect(await none.exited).toBe(1);
    expect(none.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^Phrase secrète du service introuvable : .*PARCOURS_SERVICE_PASSPHRASE/)]);
    expect(none.stdout()).not.toMatch(/PARCOURS_SERVER_URL/);
  });

  it('refuses --listen without TLS: one line', async () => {
    const plain = runServer(['--data-dir', path.join(work, 'vide'), '--listen', '127.0.0.1:0'], env);
    expect(await plain.exited).toBe(2);
    expect(plain.stderr().trim().split('\n')).toEqual([expect.stringMatching(/n’écoute qu’en HTTPS/)]);
  });
});
