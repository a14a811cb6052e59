/**
 * The REAL server process (`main/server/cli.ts`) for the bench (test/bench/server.ts) and the e2e over TLS
 * (test/e2e/server.e2e.ts): started on 127.0.0.1, ready when it prints `PARCOURS_SERVER_URL` and
 * `PARCOURS_SERVER_FINGERPRINT`; stopped with SIGTERM (SIGKILL after 10 s). Plus one API call as the desktop
 * client makes it (bearer session).
 */
import type { ChildProcess } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { CLIENT_HEADER, HTTP_API_PATH, type ApiResponse } from '../shared/api/transport';
import { runServer, waitForServer } from './integration/server/process';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  fingerprint: string;
  stop: () => Promise<void>;
}

/** The server process of test/integration/server/process.ts, with its passphrase, ready, and a stop that always ends it. */
export async function startServerProcess(options: { args: string[]; passphrase: string; nodeArgs?: string[]; env?: Record<string, string>; timeoutMs: number }): Promise<ServerProcess> {
  const run = runServer(options.args, { ...options.env, PARCOURS_SERVICE_PASSPHRASE: options.passphrase }, options.nodeArgs);
  const { url, fingerprint } = await waitForServer(run, options.timeoutMs);
  const stop = async () => {
    if (run.child.exitCode !== null) return;
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 10_000);
    run.child.kill('SIGTERM');
    await run.exited;
    clearTimeout(timer);
  };
  return { child: run.child, url, fingerprint, stop };
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
