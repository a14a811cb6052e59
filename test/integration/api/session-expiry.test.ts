/**
 * When the last session expires (nobody logged out), the database closes and its key leaves memory: the process
 * no longer holds the file open. A session still alive keeps it open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openDatabaseFiles, setupInput, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

const tick = () => new Promise((r) => setTimeout(r, 150));

describe('the key after the last session', () => {
  it('closes the database when the last session expires, not before', async () => {
    h = await startHarness({ idleCheckMs: 20 });
    await h.ok('setup.create', setupInput);
    const { session } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    await tick();
    expect(openDatabaseFiles(h.dataDir)).toBeGreaterThan(0);

    h.clock.advanceMinutes(20);
    await h.ok('auth.me', {}, session);
    h.clock.advanceMinutes(20);
    await tick();
    // 20 minutes since its last call: still alive, the database stays open.
    expect(openDatabaseFiles(h.dataDir)).toBeGreaterThan(0);

    h.clock.advanceMinutes(11);
    await tick();
    expect(openDatabaseFiles(h.dataDir)).toBe(0);
    await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
    // Logging in again reopens it.
    await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(openDatabaseFiles(h.dataDir)).toBeGreaterThan(0);
  });
});
