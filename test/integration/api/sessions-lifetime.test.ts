/**
 * Sessions over a network (issue 14 §2): idle 30 min plus an absolute lifetime (12 h), and « Se déconnecter partout ».
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, PASSWORDS, setupWithStaff, startHarness, storedState, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

describe('session lifetime', () => {
  it('a session used all day ends after 12 hours with a message saying it reached its maximum duration', async () => {
    h = await startHarness();
    const staff = await setupWithStaff(h);
    const s = staff.referentA.session;
    // Active every 20 minutes: the idle time never runs out…
    for (let minutes = 20; minutes <= 12 * 60; minutes += 20) {
      h.clock.advanceMinutes(20);
      await h.ok('auth.me', {}, s);
    }
    // …but 12 hours after the login the session ends all the same.
    h.clock.advanceMinutes(1);
    const error = await h.err('auth.me', {}, 'UNAUTHENTICATED', s);
    expect(error.message).toBe('Votre session a atteint sa durée maximale : reconnectez-vous.');
    await h.err('auth.me', {}, 'UNAUTHENTICATED', s);
    // An idle session keeps its own message.
    const fresh = (await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA })).session;
    h.clock.advanceMinutes(31);
    expect((await h.err('auth.me', {}, 'UNAUTHENTICATED', fresh)).message).toMatch(/période d’inactivité/);
  });

  it('the lifetime is an option (sessionMaxHours)', async () => {
    h = await startHarness({ sessionMaxHours: 1 });
    await setupWithStaff(h);
    const { session } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    h.clock.advanceMinutes(25);
    await h.ok('auth.me', {}, session);
    h.clock.advanceMinutes(25);
    await h.ok('auth.me', {}, session);
    h.clock.advanceMinutes(11);
    await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
  });
});

describe('auth.logoutEverywhere', () => {
  it('ends every session of the caller, the current one included, and only theirs; journaled', async () => {
    h = await startHarness();
    const staff = await setupWithStaff(h);
    const other = (await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA })).session;
    const answer = await h.ok('auth.logoutEverywhere', {}, staff.referentA.session);
    expect(answer).toEqual({ ok: true, ended: 2 });
    await h.err('auth.me', {}, 'UNAUTHENTICATED', staff.referentA.session);
    await h.err('auth.me', {}, 'UNAUTHENTICATED', other);
    // The others stay signed in.
    await h.ok('auth.me', {}, staff.referentB.session);
    await h.ok('auth.me', {}, staff.admin.session);
    const { tables } = await storedState(h);
    const journal = (tables.audit_log as { user_login: string; after_json: string | null }[]).filter((row) => row.after_json?.includes('logout_all'));
    expect(journal).toHaveLength(1);
    expect(journal[0]!.user_login).toBe('remi');
    // Every role may do it.
    for (const who of [staff.admin, staff.correspondant, staff.secretaire]) await h.ok('auth.logoutEverywhere', {}, who.session);
    await h.err('auth.logoutEverywhere', {}, 'UNAUTHENTICATED');
  });
});
