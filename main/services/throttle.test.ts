import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addressDelayMs, FREE_ADDRESS_FAILURES, LoginThrottle, MAX_ADDRESS_DELAY_MS, tooManyAttemptsMessage } from './throttle';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('LoginThrottle with addresses', () => {
  it('counts a login per address: failures from A never close the login from B', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 6; i += 1) t.fail('remi', 0, '10.0.0.1');
    expect(t.check('remi', 0, '10.0.0.1')).toMatchObject({ scope: 'login' });
    expect(t.check('remi', 0, '10.0.0.2')).toBeNull();
    // A desk (no address) has its own counter, as before.
    expect(t.check('remi', 0)).toBeNull();
  });

  it('closes an address after more than FREE_ADDRESS_FAILURES failures in a row on any logins, up to 5 minutes; a success reopens it', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < FREE_ADDRESS_FAILURES; i += 1) t.fail(`login-${i}`, 0, '10.0.0.9');
    expect(t.check('autre', 0, '10.0.0.9')).toBeNull();
    t.fail('login-x', 0, '10.0.0.9');
    expect(t.check('autre', 0, '10.0.0.9')).toEqual({ waitMs: 1000, scope: 'address' });
    expect(t.check('autre', 0, '10.0.0.8')).toBeNull();
    expect(addressDelayMs(FREE_ADDRESS_FAILURES + 20)).toBe(MAX_ADDRESS_DELAY_MS);
    t.reset('login-0', '10.0.0.9');
    expect(t.check('autre', 0, '10.0.0.9')).toBeNull();
  });

  it('never writes an address in clear; with a secret, its keys are HMACs', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parcours-throttle-'));
    const file = path.join(dir, 'counters.json');
    const t = new LoginThrottle(file);
    t.useSecret(Buffer.alloc(32, 7));
    t.fail('remi', 0, '192.168.1.23');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('192.168');
    expect(text).not.toContain('remi');
    // Counters survive a restart given the same secret.
    const again = new LoginThrottle(file);
    again.useSecret(Buffer.alloc(32, 7));
    for (let i = 0; i < 2; i += 1) again.fail('remi', 0, '192.168.1.23');
    expect(again.check('remi', 0, '192.168.1.23')).toMatchObject({ scope: 'login' });
  });

  it('tells which window is closed', () => {
    expect(tooManyAttemptsMessage(8000)).toBe('Trop de tentatives de connexion pour cet identifiant : réessayez dans 8 secondes.');
    expect(tooManyAttemptsMessage(240_000, 'address')).toBe('Trop de tentatives de connexion depuis ce poste : réessayez dans 4 minutes.');
  });
});
