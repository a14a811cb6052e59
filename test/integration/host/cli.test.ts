/**
 * The browser-mode command line, for real: a child process with the real App on a temporary data
 * folder, a tiny stand-in renderer, and HTTP calls as the page would make them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_REFERENCE_DATE, buildDemoFoyers } from '../../../main/demo/seed';
import { HTTP_API_PATH, HTTP_TOKEN_HEADER, TOKEN_META_NAME, type ApiResponse } from '../../../shared/api/transport';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = path.join(root, 'main', 'host', 'cli.ts');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForUrl(run: Run, timeoutMs = 150_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const match = /^PARCOURS_URL=(\S+)$/m.exec(run.stdout());
    if (match) return match[1]!;
    if (run.child.exitCode !== null) throw new Error(`CLI exited ${run.child.exitCode}: ${run.stderr()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`no URL after ${timeoutMs} ms: ${run.stdout()} ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let work: string;
let rendererDir: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'prsa-cli-'));
  rendererDir = path.join(work, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>PR</title></head><body></body></html>');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('main/host/cli.ts', () => {
  it('refuses bad options with a French usage message and exit code 2', async () => {
    const run = runCli(['--port', 'quatre']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/--port attend un nombre entier/);
    expect(run.stderr()).toMatch(/^Usage : /m);
    expect(run.stdout()).not.toMatch(/PARCOURS_URL/);
  });

  // The demo's parcours go through the API (dozens of logins, PDFs): 180 s leaves room on a loaded machine.
  it('seeds a demo database, serves the page with its token and the API on 127.0.0.1, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(work, 'data');
    const run = runCli(['--data-dir', dataDir, '--demo', '--demo-foyers', '6', '--port', '0', '--renderer-dir', rendererDir]);
    try {
      const url = await waitForUrl(run);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(run.stdout()).toContain(`Parcours RSA (mode navigateur) : ${url}`);
      expect(run.stdout()).toMatch(/referent1\s+parcours-demo\s+Référent/);
      expect(run.stdout()).not.toMatch(/token|jeton/i);

      const page = await (await fetch(url)).text();
      const token = new RegExp(`<meta name="${TOKEN_META_NAME}" content="([^"]+)">`).exec(page)?.[1];
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const call = async (method: string, input: unknown, session?: string): Promise<ApiResponse> =>
        (await fetch(new URL(HTTP_API_PATH, url), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [HTTP_TOKEN_HEADER]: token! },
          body: JSON.stringify({ method, input, session }),
        }).then((r) => r.json())) as ApiResponse;

      expect(await call('app.status', {})).toMatchObject({ ok: true, value: { initialized: true } });
      const login = await call('auth.login', { login: 'admin', password: 'parcours-demo' });
      expect(login.ok).toBe(true);
      const session = (login as { value: { session: string } }).value.session;
      // The demo's foyers are in the database: find the first one by its CAF number and its name.
      const [first] = buildDemoFoyers({ seed: 42, count: 1, referenceDate: DEMO_REFERENCE_DATE, referentIds: [1, 2, 3, 4], correspondantIds: [5, 6] });
      for (const query of [first!.foyer.cafNumber, first!.person.nomPatronymique]) {
        const hits = await call('dossiers.search', { query, limit: 100 }, session);
        expect(hits).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ cafNumber: first!.foyer.cafNumber })]) });
      }

      // Without the token the API refuses.
      const refused = await fetch(new URL(HTTP_API_PATH, url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"method":"app.status","input":{}}' });
      expect(refused.status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    // The database was closed: SQLite removed its WAL side files.
    expect((await readdir(dataDir)).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'))).toEqual([]);

    // --demo again on the same folder: refused, nothing changed.
    const again = runCli(['--data-dir', dataDir, '--demo', '--demo-foyers', '2', '--port', '0', '--renderer-dir', rendererDir]);
    expect(await again.exited).toBe(1);
    expect(again.stderr()).toMatch(/contient déjà une base.*Rien n’a été modifié/);
    expect(again.stdout()).not.toMatch(/Création des données/);
  }, 180_000);
});
