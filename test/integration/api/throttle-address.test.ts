/**
 * Sign-in throttling over a network (issue 14 §2): per (login, address) and per address. « Today a correct login
 * waited 16 s behind 6 wrong attempts on the same account »: a correct sign-in from another address answers at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THROTTLE_FILE_NAME } from '../../../main/services/throttle';
import type { ApiResponse } from '../../../shared/api/transport';
import { ADMIN, PASSWORDS, startServerHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  ({ h } = await startServerHarness());
}, 60_000);
afterEach(async () => {
  await h?.dispose();
});

const A = '203.0.113.7';
const B = '198.51.100.20';
const login = (name: string, password: string, address: string): Promise<ApiResponse> =>
  h.app.handle({ method: 'auth.login', input: { login: name, password } }, { address });
const code = (r: ApiResponse) => (r.ok ? 'ok' : r.error.code);

describe('throttling per login and address', () => {
  it('6 wrong attempts on an account from A never hold up its owner signing in from B', async () => {
    const done: string[] = [];
    const wrong = Array.from({ length: 6 }, (_, i) =>
      login('remi', `mauvais-${i}`, A).then((r) => {
        done.push(`A:${code(r)}`);
        return code(r);
      }),
    );
    const right = login('remi', PASSWORDS.referentA, B).then((r) => {
      done.push(`B:${code(r)}`);
      return r;
    });
    const [results, owner] = await Promise.all([Promise.all(wrong), right]);
    expect(owner.ok).toBe(true);
    expect(results).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    // B was not queued behind A's checked attempts: it answered before the last of them.
    expect(done.indexOf('B:ok')).toBeLessThan(done.lastIndexOf('A:UNAUTHENTICATED'));
    expect(h.sleeps).toEqual([]);
    // Still closed from A (« pour cet identifiant »), open from B.
    const fromA = await login('remi', PASSWORDS.referentA, A);
    expect(fromA.ok ? null : fromA.error.message).toMatch(/^Trop de tentatives de connexion pour cet identifiant : réessayez dans \d+ secondes?\.$/);
    expect((await login('remi', PASSWORDS.referentA, B)).ok).toBe(true);
  });

  it('a burst of failures from one address closes that address (« depuis ce poste »), never another one', async () => {
    for (let i = 0; i < 11; i += 1) expect(code(await login(`inconnu-${i}`, 'x', A))).toBe('UNAUTHENTICATED');
    const closed = await login(ADMIN.login, ADMIN.password, A);
    expect(closed.ok ? null : closed.error).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      message: 'Trop de tentatives de connexion depuis ce poste : réessayez dans 1 seconde.',
    });
    // Another address signs in at once.
    expect(code(await login(ADMIN.login, ADMIN.password, B))).toBe('ok');
    // The window grows with each further failure from A, and ends on time.
    h.clock.advanceMinutes(1 / 60);
    expect(code(await login('inconnu-x', 'x', A))).toBe('UNAUTHENTICATED');
    expect(code(await login(ADMIN.login, ADMIN.password, A))).toBe('TOO_MANY_ATTEMPTS');
    h.clock.advanceMinutes(2 / 60);
    expect(code(await login(ADMIN.login, ADMIN.password, A))).toBe('ok');
    // The counters file names no address and no login in clear.
    const file = readFileSync(path.join(h.dataDir, THROTTLE_FILE_NAME), 'utf8');
    for (const clear of ['203.0.113', '198.51.100', 'inconnu', 'remi']) expect(file).not.toContain(clear);
  });
});
