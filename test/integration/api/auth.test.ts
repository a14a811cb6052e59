import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, PASSWORDS, setupInput, setupWithStaff, startHarness, storedState, type Harness, type Staff } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

describe('login failures', () => {
  beforeEach(async () => {
    h = await startHarness();
    await h.ok('setup.create', setupInput);
  });

  it('wrong password and unknown login get the same answer', async () => {
    const wrongPassword = await h.err('auth.login', { login: ADMIN.login, password: 'pas-le-bon-mot' }, 'UNAUTHENTICATED');
    const unknownLogin = await h.err('auth.login', { login: 'personne', password: ADMIN.password }, 'UNAUTHENTICATED');
    expect(wrongPassword).toEqual({ code: 'UNAUTHENTICATED', message: 'Identifiant ou mot de passe incorrect' });
    expect(unknownLogin).toEqual(wrongPassword);
  });

  const attempt = async (login: string, password: string) => {
    const r = await h.call('auth.login', { login, password });
    return r.ok ? 'ok' : r.error.code;
  };
  const advanceSeconds = (s: number) => h.clock.advanceMinutes(s / 60);

  it('repeated failures close the login for a growing window (1 s, 2 s, 4 s… 30 s), reset by a success', async () => {
    const windows = [0, 0, 1, 2, 4, 8, 16, 30, 30];
    for (const [i, window] of windows.entries()) {
      expect(await attempt(ADMIN.login, `mauvais-${i}`)).toBe('UNAUTHENTICATED');
      if (window === 0) continue;
      // Inside the window even the right password is refused at once, unchecked and uncounted…
      advanceSeconds(window - 1);
      const refused = await h.err('auth.login', { login: ADMIN.login, password: ADMIN.password }, 'TOO_MANY_ATTEMPTS');
      expect(refused.message).toBe(`Trop de tentatives de connexion pour cet identifiant : réessayez dans 1 seconde.`);
      // …and the window ends on time.
      advanceSeconds(1);
    }
    // No attempt ever waited: nothing is queued.
    expect(h.sleeps).toEqual([]);

    // An unknown login is closed the same way (its own counter), so the answer gives nothing away.
    for (let i = 0; i < 3; i += 1) expect(await attempt('inconnu', 'x')).toBe('UNAUTHENTICATED');
    expect(await attempt('inconnu', 'x')).toBe('TOO_MANY_ATTEMPTS');

    // After the window, the right password opens, and resets the counter: two free failures again.
    advanceSeconds(30);
    await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(await attempt(ADMIN.login, 'mauvais')).toBe('UNAUTHENTICATED');
    expect(await attempt(ADMIN.login, 'mauvais')).toBe('UNAUTHENTICATED');
    expect(await attempt(ADMIN.login, ADMIN.password)).toBe('ok');
  });

  it('a correct sign-in is never held up behind wrong attempts sent at the same time', async () => {
    const wrongOnes = Array.from({ length: 6 }, (_, i) => attempt(ADMIN.login, `p-${i}`));
    const results = await Promise.all(wrongOnes);
    // Checked one after the other: 3 failures close the login, the later attempts are refused unchecked.
    expect(results).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    expect(h.sleeps).toEqual([]);
    // The window is 1 s, whatever the number of queued attempts (they no longer add 30 s each).
    advanceSeconds(1);
    expect(await attempt(ADMIN.login, ADMIN.password)).toBe('ok');
  });

  it('keeps the counters across a restart', async () => {
    for (let i = 0; i < 3; i += 1) expect(await attempt(ADMIN.login, `mauvais-${i}`)).toBe('UNAUTHENTICATED');
    expect(await attempt(ADMIN.login, ADMIN.password)).toBe('TOO_MANY_ATTEMPTS');
    await h.restart();
    expect(await attempt(ADMIN.login, ADMIN.password)).toBe('TOO_MANY_ATTEMPTS');
    advanceSeconds(1);
    // The counter went on: the 4th failure closes the login for 2 s.
    expect(await attempt(ADMIN.login, 'mauvais')).toBe('UNAUTHENTICATED');
    advanceSeconds(1);
    expect(await attempt(ADMIN.login, ADMIN.password)).toBe('TOO_MANY_ATTEMPTS');
    advanceSeconds(1);
    expect(await attempt(ADMIN.login, ADMIN.password)).toBe('ok');
  });

  it('empty credentials are refused with field messages', async () => {
    const error = await h.err('auth.login', { login: '', password: '' }, 'VALIDATION');
    expect(error.fieldErrors).toEqual({ login: 'Saisissez votre identifiant', password: 'Saisissez votre mot de passe' });
    expect(h.sleeps).toEqual([]);
  });
});

describe('accounts', () => {
  let staff: Staff;
  beforeEach(async () => {
    h = await startHarness();
    staff = await setupWithStaff(h);
  });

  it('change password: the new one opens, the old one no longer does', async () => {
    const s = staff.referentA.session;
    const before = await storedState(h);
    const wrong = await h.err('auth.changePassword', { currentPassword: 'pas-le-bon', newPassword: 'nouveau-mot-de-passe' }, 'VALIDATION', s);
    expect(wrong.fieldErrors).toEqual({ currentPassword: 'Le mot de passe actuel est incorrect.' });
    const tooShort = await h.err('auth.changePassword', { currentPassword: PASSWORDS.referentA, newPassword: 'court' }, 'VALIDATION', s);
    expect(tooShort.fieldErrors).toEqual({ newPassword: 'Le mot de passe compte au moins 10 caractères' });
    expect(await storedState(h)).toEqual(before);

    const otherSlots = JSON.parse(before.keyFile).slots.filter((slot: { login: string }) => slot.login !== 'remi');
    await h.ok('auth.changePassword', { currentPassword: PASSWORDS.referentA, newPassword: 'nouveau-mot-de-passe' }, s);
    const after = await storedState(h);
    // Only remi's slot changed.
    expect(JSON.parse(after.keyFile).slots.filter((slot: { login: string }) => slot.login !== 'remi')).toEqual(otherSlots);
    expect(after.keyFile).not.toContain('nouveau-mot-de-passe');
    expect(JSON.stringify(after.tables)).not.toContain('nouveau-mot-de-passe');

    await h.err('auth.login', { login: 'remi', password: PASSWORDS.referentA }, 'UNAUTHENTICATED');
    const again = await h.ok('auth.login', { login: 'remi', password: 'nouveau-mot-de-passe' });
    expect(again.user.id).toBe(staff.referentA.id);
    // Still true after a restart.
    await h.restart();
    await h.ok('auth.login', { login: 'remi', password: 'nouveau-mot-de-passe' });
  });

  it('a removed user can no longer log in and their session ends', async () => {
    const admin = staff.admin.session;
    await h.ok('users.remove', { id: staff.referentB.id }, admin);
    await h.err('auth.me', {}, 'UNAUTHENTICATED', staff.referentB.session);
    const error = await h.err('auth.login', { login: 'berthe', password: PASSWORDS.referentB }, 'UNAUTHENTICATED');
    expect(error.message).toBe('Identifiant ou mot de passe incorrect');
    const list = await h.ok('users.list', {}, admin);
    expect(list.find((u) => u.id === staff.referentB.id)).toMatchObject({ active: false });
    const { keyFile } = await storedState(h);
    expect(JSON.parse(keyFile).slots.map((s: { login: string }) => s.login)).not.toContain('berthe');
    // Removed accounts are not offered as référents any more.
    expect((await h.ok('users.staff', {}, admin)).map((u) => u.id)).not.toContain(staff.referentB.id);
  });

  it('the last active administrator can neither remove nor demote themself', async () => {
    const admin = staff.admin.session;
    const before = await storedState(h);
    const removal = await h.err('users.remove', { id: staff.admin.id }, 'RULE', admin);
    expect(removal.message).toMatch(/au moins un administrateur actif/);
    const demotion = await h.err(
      'users.update',
      { id: staff.admin.id, displayName: 'Alice', role: 'referent', structure: 'CD' },
      'RULE',
      admin,
    );
    expect(demotion.message).toMatch(/au moins un administrateur actif/);
    expect(await storedState(h)).toEqual(before);

    // With a second administrator, the first may step down.
    const second = await h.ok(
      'users.create',
      { login: 'bob', displayName: 'Bob Admin', role: 'administrateur', structure: 'CD', password: 'bob-mot-de-passe' },
      admin,
    );
    const demoted = await h.ok('users.update', { id: staff.admin.id, displayName: 'Alice', role: 'correspondant', structure: 'CD' }, admin);
    expect(demoted.role).toBe('correspondant');
    // The role is read on every call: Alice is no longer an administrator.
    await h.err('users.list', {}, 'FORBIDDEN', admin);
    const bob = await h.ok('auth.login', { login: 'bob', password: 'bob-mot-de-passe' });
    expect(bob.user.id).toBe(second.id);
    await h.err('users.remove', { id: second.id }, 'RULE', bob.session);
  });

  it('users.create refuses a login already taken, writing nothing', async () => {
    const before = await storedState(h);
    const error = await h.err(
      'users.create',
      { login: 'remi', displayName: 'Autre Rémi', role: 'referent', structure: 'CCAS', password: 'un-mot-de-passe' },
      'CONFLICT',
      staff.admin.session,
    );
    expect(error.fieldErrors).toEqual({ login: 'Cet identifiant est déjà utilisé.' });
    expect(await storedState(h)).toEqual(before);
  });

  it('users.update and users.remove of an unknown account are NOT_FOUND', async () => {
    await h.err('users.update', { id: 9999, displayName: 'X', role: 'referent', structure: 'Y' }, 'NOT_FOUND', staff.admin.session);
    await h.err('users.remove', { id: 9999 }, 'NOT_FOUND', staff.admin.session);
  });

  it('account changes are journaled without any password', async () => {
    const admin = staff.admin.session;
    await h.ok('users.update', { id: staff.referentA.id, displayName: 'Rémi R.', role: 'referent', structure: 'CCAS Arras' }, admin);
    const { tables } = await storedState(h);
    const entries = tables.audit_log as { entity: string; entity_id: string; action: string; before_json: string | null; after_json: string | null; user_login: string }[];
    const update = entries.filter((e) => e.entity === 'user' && e.entity_id === String(staff.referentA.id) && e.action === 'update');
    expect(update).toHaveLength(1);
    expect(JSON.parse(update[0]!.before_json!)).toMatchObject({ displayName: 'Rémi Référent', structure: 'MDS de l’Arrageois' });
    expect(JSON.parse(update[0]!.after_json!)).toMatchObject({ displayName: 'Rémi R.', structure: 'CCAS Arras' });
    expect(update[0]!.user_login).toBe('admin');
    const all = JSON.stringify(entries);
    for (const password of [ADMIN.password, ...Object.values(PASSWORDS)]) expect(all).not.toContain(password);
  });
});
