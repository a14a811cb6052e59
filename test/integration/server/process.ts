/**
 * The real server process for the tests: spawned with `node --import tsx main/server/cli.ts`, read from its stdout
 * (PARCOURS_SERVER_URL, PARCOURS_SERVER_FINGERPRINT), called over TLS with the certificate PINNED to the printed
 * fingerprint — as a browser would (cookies + CSRF) or as the desktop client (bearer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import type { OutgoingHttpHeaders } from 'node:http';
import type { PeerCertificate } from 'node:tls';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CLIENT_HEADER,
  CSRF_COOKIE,
  CSRF_HEADER,
  HTTP_API_PATH,
  SESSION_COOKIE,
  type ApiResponse,
} from '../../../shared/api/transport';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SERVER_CLI = path.join(root, 'main', 'server', 'cli.ts');
export const PASSPHRASE = 'phrase secrète du service de test, assez longue';

export interface ServerRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Spawns the CLI; the environment is the test's minus any passphrase source unless `env` gives one. `nodeArgs`: before
 * the script (e.g. `--cpu-prof` for the bench).
 */
export function runServer(args: string[], env: Record<string, string> = {}, nodeArgs: readonly string[] = []): ServerRun {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.PARCOURS_SERVICE_PASSPHRASE;
  delete base.CREDENTIALS_DIRECTORY;
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER_CLI, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** `main/server/enrol.ts` with these lines on its standard input and this service passphrase. */
export async function enrol(args: string[], stdin: string, passphrase: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'server', 'enrol.ts'), ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PARCOURS_SERVICE_PASSPHRASE: passphrase },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

/** The URL and fingerprint the server prints when ready. */
export async function waitForServer(run: ServerRun, timeoutMs: number): Promise<{ url: string; fingerprint: string }> {
  const started = Date.now();
  for (;;) {
    const url = /^PARCOURS_SERVER_URL=(\S+)$/m.exec(run.stdout())?.[1];
    const fingerprint = /^PARCOURS_SERVER_FINGERPRINT=(\S+)$/m.exec(run.stdout())?.[1];
    if (url && fingerprint) return { url, fingerprint };
    if (run.child.exitCode !== null) throw new Error(`server exited ${run.child.exitCode}: ${run.stderr()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`no URL after ${timeoutMs} ms: ${run.stdout()} ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopServer(run: ServerRun): Promise<number | null> {
  if (run.child.exitCode === null) run.child.kill('SIGTERM');
  return run.exited;
}

/** A stand-in renderer (the server serves whatever is built). */
export async function tinyRenderer(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>PR</title></head><body></body></html>');
  return dir;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface PinnedServer {
  url: URL;
  fingerprint: string;
}

/** TLS options accepting exactly the certificate with this fingerprint (no CA involved). */
export function pinned(server: PinnedServer) {
  return {
    host: server.url.hostname,
    port: Number(server.url.port),
    rejectUnauthorized: true,
    // The self-signed certificate is its own CA: trust it only through the fingerprint check below.
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.fingerprint256 === server.fingerprint ? undefined : new Error(`empreinte inattendue ${cert.fingerprint256}`),
  };
}

export function send(
  server: PinnedServer & { ca: string },
  options: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: unknown },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        ...pinned(server),
        ca: server.ca,
        servername: 'localhost',
        // A new connection each time: a kept-alive one would skip the certificate check.
        agent: false,
        method: options.method ?? 'POST',
        path: options.path ?? HTTP_API_PATH,
        headers: { ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

export const parsed = <T = unknown>(answer: Answer) => JSON.parse(answer.body) as ApiResponse<T>;

/** Signs in as the desktop client: returns the bearer's headers. */
export async function desktopLogin(server: PinnedServer & { ca: string }, login: string, password: string): Promise<Record<string, string>> {
  const headers = { [CLIENT_HEADER]: 'desktop' };
  const answer = parsed<{ session: string }>(await send(server, { headers, body: { method: 'auth.login', input: { login, password } } }));
  if (!answer.ok) throw new Error(`login ${login}: ${answer.error.message}`);
  return { ...headers, Authorization: `Bearer ${answer.value.session}` };
}

/** Signs in as a browser: the cookie header to send back and the CSRF value for the header. */
export async function browserLogin(server: PinnedServer & { ca: string }, login: string, password: string): Promise<{ cookie: string; csrf: string; origin: string }> {
  const origin = server.url.origin;
  const answer = await send(server, { headers: { Origin: origin }, body: { method: 'auth.login', input: { login, password } } });
  const jar = new Map(((answer.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const session = jar.get(SESSION_COOKIE);
  const csrf = jar.get(CSRF_COOKIE);
  if (!session || !csrf) throw new Error(`browser login ${login}: ${answer.body}`);
  return { cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`, csrf, origin };
}

/** The headers of a browser's API call, CSRF included. */
export const browserHeaders = (b: { cookie: string; csrf: string; origin: string }) => ({ Cookie: b.cookie, [CSRF_HEADER]: b.csrf, Origin: b.origin });
