import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, dossierInput, filesIn, makeDataDir, setupInput, startHarness, storedState, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

describe('first run, login, restart', () => {
  it('status → setup → login → the dossier survives a restart', async () => {
    h = await startHarness();
    const first = await h.ok('app.status', {});
    expect(first).toMatchObject({ initialized: false, mds: null, appVersion: '9.9.9-test' });
    expect(first.schemaVersion).toBeGreaterThan(0);

    // Before setup nobody can log in.
    const early = await h.err('auth.login', { login: ADMIN.login, password: ADMIN.password }, 'NOT_INITIALIZED');
    expect(early.message).toMatch(/initialisée/);

    // setup.create also returns the recovery key, shown once (test/integration/api/recovery.test.ts).
    expect(await h.ok('setup.create', setupInput)).toEqual({ ok: true, recovery: expect.objectContaining({ recoveryKey: expect.any(String) }) });
    expect(filesIn(h.dataDir).sort()).toEqual(expect.arrayContaining(['parcours.db', 'parcours.keys.json']));
    // The database is encrypted: the SQLite header is not in the clear.
    expect(readFileSync(path.join(h.dataDir, 'parcours.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const status = await h.ok('app.status', {});
    expect(status).toMatchObject({ initialized: true, mds: null });

    const again = await h.err('setup.create', setupInput, 'ALREADY_INITIALIZED');
    expect(again.message).toMatch(/déjà initialisée/);

    const { session, user } = await h.ok('auth.login', { login: 'ADMIN ', password: ADMIN.password });
    expect(user).toMatchObject({ login: 'admin', role: 'administrateur', displayName: ADMIN.displayName, active: true });
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await h.ok('auth.me', {}, session)).toEqual(user);
    expect(await h.ok('app.status', {}, session)).toMatchObject({
      initialized: true,
      mds: { name: setupInput.mds.name, territory: 'Arrageois', address: setupInput.mds.address },
    });
    expect(await h.ok('mds.get', {}, session)).toMatchObject({ id: user.mdsId, name: setupInput.mds.name });

    const created = await h.ok('dossiers.create', dossierInput({ caf: '7654321', nom: 'LEFÈVRE', prenoms: 'Hélène' }), session);

    await h.restart();
    await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
    expect((await h.ok('app.status', {})).initialized).toBe(true);
    const again2 = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const reread = await h.ok('dossiers.get', { personId: created.person.id }, again2.session);
    expect(reread).toEqual(created);
  });

  it('logout ends the session', async () => {
    h = await startHarness();
    await h.ok('setup.create', setupInput);
    const { session } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(await h.ok('auth.logout', {}, session)).toEqual({ ok: true });
    const after = await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
    expect(after.message).toMatch(/connecté/);
    // Logging in again reopens the database.
    const { session: s2 } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await h.ok('auth.me', {}, s2)).login).toBe('admin');
  });

  it('an idle session expires', async () => {
    h = await startHarness();
    await h.ok('setup.create', setupInput);
    const { session } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    h.clock.advanceMinutes(29);
    await h.ok('auth.me', {}, session); // used: the idle time starts again
    h.clock.advanceMinutes(29);
    await h.ok('auth.me', {}, session);
    h.clock.advanceMinutes(31);
    const expired = await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
    expect(expired.message).toMatch(/expiré/);
  });

  it('setup with bad input writes nothing', async () => {
    h = await startHarness();
    const cases: unknown[] = [
      {},
      { mds: setupInput.mds },
      { ...setupInput, admin: { ...setupInput.admin, password: 'court' } },
      { ...setupInput, admin: { ...setupInput.admin, login: 'é' } },
      { ...setupInput, mds: { ...setupInput.mds, name: '   ' } },
      { ...setupInput, mds: { ...setupInput.mds, territory: 42 } },
    ];
    for (const input of cases) {
      const error = await h.err('setup.create', input as never, 'VALIDATION');
      expect(error.message).toMatch(/^Saisie invalide/);
      expect(Object.keys(error.fieldErrors ?? {}).length).toBeGreaterThan(0);
    }
    const short = await h.err('setup.create', { ...setupInput, admin: { ...setupInput.admin, password: 'court' } }, 'VALIDATION');
    expect(short.fieldErrors).toEqual({ 'admin.password': 'Le mot de passe compte au moins 10 caractères' });
    const blank = await h.err('setup.create', { ...setupInput, mds: { ...setupInput.mds, name: '   ' } }, 'VALIDATION');
    expect(blank.fieldErrors).toEqual({ 'mds.name': 'Nom de la MDS : ce champ est obligatoire' });
    expect(filesIn(h.dataDir)).toEqual([]);
    expect((await h.ok('app.status', {})).initialized).toBe(false);
  });

  it('a setup failing midway leaves no file behind', async () => {
    const dataDir = makeDataDir();
    h = await startHarness({ dataDir, migrationsFolder: path.join(dataDir, 'pas-de-migrations') });
    const error = await h.err('setup.create', setupInput, 'DATABASE');
    expect(error.message).toMatch(/migrations/);
    // The key file was written before the database failed: it is gone too.
    expect(filesIn(dataDir)).toEqual([]);
  });

  it('a damaged database file gives the French DATABASE error at login', async () => {
    h = await startHarness();
    await h.ok('setup.create', setupInput);
    await h.restart();
    writeFileSync(path.join(h.dataDir, 'parcours.db'), Buffer.alloc(8192, 7));
    const error = await h.err('auth.login', { login: ADMIN.login, password: ADMIN.password }, 'DATABASE');
    expect(error.message).toMatch(/« parcours\.db » est endommagé.*Restaurez la dernière sauvegarde/);
  });

  it('stores only what setup promised', async () => {
    h = await startHarness();
    await h.ok('setup.create', setupInput);
    const { tables, keyFile } = await storedState(h);
    expect(tables.mds).toHaveLength(1);
    expect(tables.users).toEqual([expect.objectContaining({ login: 'admin', role: 'administrateur', active: 1 })]);
    expect(tables.audit_log).toHaveLength(2);
    expect(JSON.stringify(tables)).not.toContain(ADMIN.password);
    expect(keyFile).not.toContain(ADMIN.password);
    expect(JSON.parse(keyFile).slots.map((s: { login: string }) => s.login)).toEqual(['admin']);
  });
});
