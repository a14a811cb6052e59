/**
 * Server mode (issue 14 §1): the App opens the database at start with the service key and keeps it open when the
 * last session ends; a login checks the password on the user's own slot against the open key.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app';
import { generateDatabaseKey } from '../../../db/keyslots';
import { ADMIN, makeDataDir, openDatabaseFiles, PASSWORDS, startServerHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const tick = () => new Promise((r) => setTimeout(r, 150));

describe('server mode', () => {
  it('opens the database at start from the key and keeps it open after the last logout or expiry', async () => {
    const started = await startServerHarness({ idleCheckMs: 20 });
    h = started.h;
    const { staff } = started;
    expect(openDatabaseFiles(h.dataDir)).toBeGreaterThan(0);
    for (const who of Object.values(staff)) await h.ok('auth.logout', {}, who.session);
    await tick();
    expect(openDatabaseFiles(h.dataDir)).toBeGreaterThan(0);
    // Every session expired: still open, and a login works at once.
    const { session } = await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA });
    h.clock.advanceMinutes(45);
    await tick();
    await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
    expect(openDatabaseFiles(h.dataDir)).toBeGreaterThan(0);
    await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    // A wrong password is refused (the user's own slot, checked against the open key).
    await h.err('auth.login', { login: ADMIN.login, password: 'pas-le-bon-mot' }, 'UNAUTHENTICATED');
  });

  it('wipes the key Buffer given; refuses to start without a database, or with a wrong key, with a French message', async () => {
    const empty = makeDataDir();
    try {
      const key = generateDatabaseKey();
      expect(() => createApp({ dataDir: empty, mode: 'server', databaseKey: key, automaticBackups: false })).toThrow(/aucune base de données/);
      expect(key.every((b) => b === 0)).toBe(true);
      expect(() => createApp({ dataDir: empty, mode: 'server', automaticBackups: false })).toThrow(/clé de service .* manquante/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    const started = await startServerHarness();
    h = started.h;
    expect(() => createApp({ dataDir: h!.dataDir, mode: 'server', databaseKey: generateDatabaseKey(), automaticBackups: false })).toThrow(
      /ne s’ouvre pas avec la clé de service/,
    );
    const key = Buffer.from(started.key);
    const second = createApp({ dataDir: h.dataDir, mode: 'server', databaseKey: key, automaticBackups: false });
    expect(key.every((b) => b === 0)).toBe(true);
    const login = await second.handle({ method: 'auth.login', input: { login: ADMIN.login, password: ADMIN.password } });
    expect(login.ok).toBe(true);
    await second.close();
  });

  it('sessionInfo names the holder of a session without touching it, null once it ends', async () => {
    const started = await startServerHarness();
    h = started.h;
    const { staff } = started;
    const info = h.app.sessionInfo(staff.referentA.session);
    expect(info).toEqual({ userId: staff.referentA.id, mdsId: expect.any(Number), partner: false });
    expect(h.app.sessionInfo('pas-une-session')).toBeNull();
    await h.ok('auth.logout', {}, staff.referentA.session);
    expect(h.app.sessionInfo(staff.referentA.session)).toBeNull();
    // Not touched: looking does not keep a session alive.
    h.clock.advanceMinutes(20);
    expect(h.app.sessionInfo(staff.referentB.session)).not.toBeNull();
    h.clock.advanceMinutes(11);
    expect(h.app.sessionInfo(staff.referentB.session)).toBeNull();
  });
});
