/**
 * The REAL server process (`main/server/cli.ts`) for the bench (test/bench/server.ts) and the e2e over TLS
 * (test/e2e/server.e2e.ts): started on 127.0.0.1, ready when it prints `PARCOURS_SERVER_URL` and
 * `PARCOURS_SERVER_FINGERPRINT`; stopped with SIGTERM (SIGKILL after 10 s). Plus one API call as the desktop
 * client makes it (bearer session).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CLIENT_HEADER, HTTP_API_PATH, type ApiResponse } from '../shared/api/transport';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  fingerprint: string;
  stop: () => Promise<void>;
}

export async function startServerProcess(options: { args: string[]; passphrase: string; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(repoRoot, 'main', 'server', 'cli.ts'), ...options.args], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, PARCOURS_SERVICE_PASSPHRASE: options.passphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const found: { url?: string; fingerprint?: string } = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Le serveur n’a pas démarré en ${options.timeoutMs / 1000} s.\n${stderr}`)), options.timeoutMs);
    child.once('exit', (code) => reject(new Error(`Le serveur s’est arrêté (code ${code}).\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [name, value] = line.split('=', 2);
      if (name === 'PARCOURS_SERVER_URL') found.url = value;
      if (name === 'PARCOURS_SERVER_FINGERPRINT') found.fingerprint = value;
      if (found.url && found.fingerprint) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { child, url: found.url!, fingerprint: found.fingerprint!, stop };
}

/**
 * One API call over HTTPS as the desktop client makes it (`x-parcours-client: desktop`, bearer session). `tls`: the
 * server's own certificate as `ca` (pinned), or — the bench only, on 127.0.0.1 — `rejectUnauthorized: false`.
 */
export function postApi<T>(url: string, tls: { ca: Buffer } | { rejectUnauthorized: false }, method: string, input: unknown, token?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(HTTP_API_PATH, url),
      {
        method: 'POST',
        ...tls,
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'desktop', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          try {
            const answer = JSON.parse(text) as ApiResponse<T>;
            if (answer.ok) resolve(answer.value);
            else reject(new Error(`${method} : ${answer.error.message}`));
          } catch {
            reject(new Error(`${method} : HTTP ${res.statusCode}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ method, input }));
  });
}
