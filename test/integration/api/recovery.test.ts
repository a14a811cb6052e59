/**
 * The recovery key (issue 13, section 2): issued at setup with its sheet, it opens the database; with it an
 * administrator sets a new password or rebuilds a lost keys file; a typo is caught by its check group; regenerating
 * it revokes the old one. And the keys file deleted: a message that names the file and the ways back.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrapKey, unwrapWithRecovery } from '../../../db/keyslots';
import type { MethodOutput } from '../../../shared/api/contract';
import { recoveryKeyFromBytes } from '../../../shared/api/recovery';
import { ADMIN, setupInput, startHarness, type Harness } from './harness';

let h: Harness;
let setup: MethodOutput<'setup.create'>;
const keysFile = () => path.join(h.dataDir, 'parcours.keys.json');
const spareFile = () => path.join(h.dataDir, 'parcours.recovery.json');
const NEW_PASSWORD = 'nouveau-mot-de-passe-1';

/** One character of the key changed (the 7th: in the second group), still from the alphabet. */
const withTypo = (key: string) => `${key.slice(0, 7)}${key[7] === 'Z' ? 'Y' : 'Z'}${key.slice(8)}`;
const login = async (who: string, password: string) => {
  const r = await h.call('auth.login', { login: who, password });
  return r.ok ? 'ok' : r.error.code;
};

beforeEach(async () => {
  h = await startHarness();
  setup = await h.ok('setup.create', setupInput);
});
afterEach(async () => {
  await h?.dispose();
});

describe('recovery key issued at setup', () => {
  it('is returned once with its sheet, kept in the keys file and in the spare copy, and opens the database', async () => {
    const { recoveryKey, createdAt } = setup.recovery;
    expect(recoveryKey).toMatch(/^([2-9A-HJ-NP-Z]{5}-){5}[2-9A-HJ-NP-Z]{5}$/);
    // Its sheet, rendered on demand (before any login): never stored.
    const sheet = await h.ok('recovery.sheet', { recoveryKey, createdAt, mds: setupInput.mds });
    expect(Buffer.from(sheet.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sheet.fileName).toMatch(/^Clé de secours .*\.pdf$/);
    await h.err('recovery.sheet', { recoveryKey: withTypo(recoveryKey), createdAt, mds: setupInput.mds }, 'VALIDATION');
    expect(existsSync(spareFile())).toBe(true);
    // The key never lands on disk in clear.
    for (const file of [keysFile(), spareFile()]) expect(readFileSync(file, 'utf8')).not.toContain(recoveryKey.replaceAll('-', ''));
    const viaAdmin = await unwrapKey(keysFile(), ADMIN.login, ADMIN.password);
    const viaRecovery = await unwrapWithRecovery(keysFile(), recoveryKey);
    expect(viaRecovery?.keyFileMissing).toBe(false);
    expect(viaRecovery?.key.equals(viaAdmin!)).toBe(true);
    expect(await unwrapWithRecovery(keysFile(), 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567')).toBeNull();
    const admin = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(await h.ok('recovery.status', {}, admin.session)).toEqual({ exists: true, createdAt: expect.any(String), spareCopy: true });
  });

  it('sets a new password for an administrator who forgot theirs (sessions end, the old password opens nothing)', async () => {
    const before = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const out = await h.ok('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey.toLowerCase(), login: ADMIN.login, newPassword: NEW_PASSWORD });
    expect(out).toEqual({ ok: true, rebuilt: false, accountsWithoutKey: 0 });
    await h.err('auth.me', {}, 'UNAUTHENTICATED', before.session);
    expect(await login(ADMIN.login, ADMIN.password)).toBe('UNAUTHENTICATED');
    expect(await login(ADMIN.login, NEW_PASSWORD)).toBe('ok');
    expect(await unwrapKey(keysFile(), ADMIN.login, ADMIN.password)).toBeNull();
  });

  it('only for an active administrator account', async () => {
    const admin = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    await h.ok('users.create', { login: 'remi', displayName: 'Rémi Référent', role: 'referent', structure: 'MDS', password: 'referent-mot-de-passe' }, admin.session);
    for (const who of ['remi', 'personne']) {
      const refused = await h.err('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey, login: who, newPassword: NEW_PASSWORD }, 'VALIDATION');
      expect(refused.fieldErrors).toEqual({ login: 'Ce compte n’est pas un compte administrateur actif.' });
    }
    expect(await login('remi', 'referent-mot-de-passe')).toBe('ok');
  });

  it('catches a typo before trying anything, and throttles wrong keys like logins', async () => {
    const typo = await h.err('recovery.restoreAccess', { recoveryKey: withTypo(setup.recovery.recoveryKey), login: ADMIN.login, newPassword: NEW_PASSWORD }, 'VALIDATION');
    expect(typo.fieldErrors?.recoveryKey).toMatch(/faute de frappe/);
    // A well-formed key of another installation: refused, counted; after a few, the door closes for a while.
    const other = recoveryKeyFromBytes(new Array<number>(25).fill(7));
    const codes: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await h.call('recovery.restoreAccess', { recoveryKey: other, login: ADMIN.login, newPassword: NEW_PASSWORD });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'TOO_MANY_ATTEMPTS']);
    h.clock.advanceMinutes(1);
    await h.ok('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey, login: ADMIN.login, newPassword: NEW_PASSWORD });
    expect(await login(ADMIN.login, ADMIN.password)).toBe('UNAUTHENTICATED');
  });
});

describe('regenerating the recovery key', () => {
  it('needs the administrator’s password, returns a new key, and revokes the old key', async () => {
    const admin = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    const wrong = await h.err('recovery.regenerate', { password: 'pas-le-bon' }, 'VALIDATION', admin.session);
    expect(wrong.fieldErrors?.password).toMatch(/Mot de passe incorrect/);
    const issued = await h.ok('recovery.regenerate', { password: ADMIN.password }, admin.session);
    expect(issued.recoveryKey).not.toBe(setup.recovery.recoveryKey);
    expect(await unwrapWithRecovery(keysFile(), setup.recovery.recoveryKey)).toBeNull();
    expect(await unwrapWithRecovery(keysFile(), issued.recoveryKey)).not.toBeNull();
    expect(await h.ok('recovery.status', {}, admin.session)).toMatchObject({ exists: true, spareCopy: true });
    const revoked = await h.err('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey, login: ADMIN.login, newPassword: NEW_PASSWORD }, 'VALIDATION');
    expect(revoked.fieldErrors).toEqual({ recoveryKey: 'Cette clé de secours n’ouvre pas la base de données de cette installation.' });
    // Nor does the old key open the spare copy once the keys file is gone.
    await h.ok('auth.logout', {}, admin.session);
    rmSync(keysFile());
    await h.err('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey, login: ADMIN.login, newPassword: NEW_PASSWORD }, 'VALIDATION');
    expect((await h.ok('recovery.restoreAccess', { recoveryKey: issued.recoveryKey, login: ADMIN.login, newPassword: NEW_PASSWORD })).rebuilt).toBe(true);
  });

  it('is for administrators only', async () => {
    const admin = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    await h.ok('users.create', { login: 'cora', displayName: 'Cora', role: 'correspondant', structure: 'MDS', password: 'corresp-mot-de-passe' }, admin.session);
    const cora = await h.ok('auth.login', { login: 'cora', password: 'corresp-mot-de-passe' });
    await h.err('recovery.regenerate', { password: 'corresp-mot-de-passe' }, 'FORBIDDEN', cora.session);
    await h.err('recovery.status', {}, 'FORBIDDEN', cora.session);
  });
});

describe('keys file deleted', () => {
  it('says which file is missing and the ways back, then the recovery key rebuilds it', async () => {
    const admin = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    await h.ok('users.create', { login: 'remi', displayName: 'Rémi Référent', role: 'referent', structure: 'MDS', password: 'referent-mot-de-passe' }, admin.session);
    await h.ok('auth.logout', {}, admin.session);
    await h.restart();
    rmSync(keysFile());
    expect((await h.ok('app.status', {})).initialized).toBe(true);
    const lost = await h.err('auth.login', { login: ADMIN.login, password: ADMIN.password }, 'DATABASE');
    expect(lost.message).toContain('« parcours.keys.json » est introuvable');
    expect(lost.message).not.toMatch(/pas encore initialisée/);
    expect(lost.message).toMatch(/sauvegarde/);
    expect(lost.message).toMatch(/clé de secours/);

    const out = await h.ok('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey, login: ADMIN.login, newPassword: NEW_PASSWORD });
    expect(out).toEqual({ ok: true, rebuilt: true, accountsWithoutKey: 1 });
    expect(existsSync(keysFile())).toBe(true);
    const back = await h.ok('auth.login', { login: ADMIN.login, password: NEW_PASSWORD });
    // The rebuilt file holds the recovery slot again.
    expect(await unwrapWithRecovery(keysFile(), setup.recovery.recoveryKey)).toMatchObject({ keyFileMissing: false });
    expect(await h.ok('recovery.status', {}, back.session)).toMatchObject({ exists: true, spareCopy: true });
    // The other accounts have no slot yet: listed, then given a password by the administrator.
    expect(await login('remi', 'referent-mot-de-passe')).toBe('UNAUTHENTICATED');
    const without = await h.ok('users.withoutKey', {}, back.session);
    expect(without.map((u) => u.login)).toEqual(['remi']);
    await h.ok('users.setPassword', { id: without[0]!.id, password: 'referent-nouveau-mdp' }, back.session);
    expect(await login('remi', 'referent-nouveau-mdp')).toBe('ok');
    expect(await h.ok('users.withoutKey', {}, back.session)).toEqual([]);
  });

  it('without the spare copy either: points to the backup', async () => {
    rmSync(keysFile());
    rmSync(spareFile());
    const refused = await h.err('recovery.restoreAccess', { recoveryKey: setup.recovery.recoveryKey, login: ADMIN.login, newPassword: NEW_PASSWORD }, 'NOT_FOUND');
    expect(refused.message).toMatch(/restaurez la dernière sauvegarde/);
  });
});
