/**
 * Backups and restore through the API (issue 13 §1): back up, write more, restore, find exactly the backed-up state;
 * a backup taken during a burst of writes restores consistent; the current files are set aside, never deleted; a bad
 * folder is refused with a clear message and nothing written; restore from the start screen when the database is gone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrapKey } from '../../../db/keyslots';
import { dispatch } from '../../../main/app/dispatcher';
import { AutomaticBackups } from '../../../main/services/backup';
import { automaticBackup } from '../../../main/services/backup/make';
import { SETTINGS_FILE_NAME } from '../../../main/services/backup/settings';
import { AppContext } from '../../../main/services/context';
import { ADMIN, dossierInput, makeDataDir, PASSWORDS, setupInput, setupWithStaff, startHarness, storedState, type Harness } from './harness';

const MARKER = 'Zéphyrine-Marqueur-Sauvegarde';
let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.dispose();
  harnesses = [];
});

async function world() {
  const h = await startHarness();
  harnesses.push(h);
  const staff = await setupWithStaff(h);
  await h.ok('dossiers.create', dossierInput({ nom: MARKER.toUpperCase(), referentId: staff.referentA.id }), staff.admin.session);
  return { h, staff, admin: staff.admin.session };
}

/** Opens a database file of the data folder with the admin's key (from the keys file beside it). */
async function openWithAdminKey(dbFile: string, keysFile: string) {
  const key = await unwrapKey(keysFile, ADMIN.login, ADMIN.password);
  if (!key) throw new Error('clé introuvable');
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
  return sqlite;
}

describe('backups.create and backups.restore', () => {
  it('back up, write more, restore: exactly the backed-up state; the current files are set aside; everyone logs in again', async () => {
    const { h, staff, admin } = await world();
    expect((await h.ok('backups.list', {}, admin)).lastBackupAt).toBeNull();
    const before = await storedState(h);

    const item = await h.ok('backups.create', {}, admin);
    expect(item).toMatchObject({ kind: 'manuelle', byUser: ADMIN.displayName, removedAt: null, at: h.clock.now.toISOString() });
    expect(item.path.startsWith(path.join(h.dataDir, 'sauvegardes'))).toBe(true);
    expect(item.counts.persons).toBe(1);
    expect(Object.keys(item.counts).sort()).toEqual(Object.keys(before.tables).sort());
    for (const [table, rows] of Object.entries(before.tables)) expect(item.counts[table], table).toBe(rows.length);
    // Encrypted: the name typed in the dossier is nowhere in clear in the backup folder.
    for (const file of readdirSync(item.path)) expect(readFileSync(path.join(item.path, file)).includes('MARQUEUR-SAUVEGARDE'), file).toBe(false);
    const list = await h.ok('backups.list', {}, admin);
    expect(list.items.map((i) => i.id)).toEqual([item.id]);
    expect(list.lastBackupAt).toBe(item.at);

    // More writes after the backup, the keys file included (a new account, a new password).
    h.clock.advanceMinutes(10);
    await h.ok('dossiers.create', dossierInput({ nom: 'APRES' }), admin);
    await h.ok('users.create', { login: 'nouvelle', displayName: 'Nouvelle Venue', role: 'referent', structure: 'MDS', password: 'nouvelle-mot-de-passe' }, admin);
    await h.ok('auth.changePassword', { currentPassword: PASSWORDS.referentA, newPassword: 'referent-a-nouveau-mdp' }, staff.referentA.session);
    const afterWrites = await storedState(h);
    expect(afterWrites).not.toEqual(before);

    // The reads write nothing (database and keys file).
    const beforeReads = await storedState(h);
    const inspected = await h.ok('backups.inspect', { id: item.id }, admin);
    expect(inspected).toMatchObject({ at: item.at, kind: 'manuelle', path: item.path, counts: item.counts });
    expect(await h.ok('backups.inspectFolder', { path: item.path })).toEqual(inspected);
    await h.ok('backups.settings.get', {}, admin);
    await h.ok('backups.list', {}, admin);
    expect(await storedState(h)).toEqual(beforeReads);
    // A référent may not restore while sessions are open.
    await h.err('backups.restore', { path: item.path, login: 'remi', password: PASSWORDS.referentA }, 'FORBIDDEN', staff.referentA.session);

    const restored = await h.ok('backups.restore', { path: item.path, login: ADMIN.login, password: ADMIN.password }, admin);
    expect(restored.restored.counts).toEqual(item.counts);
    // Every session ended.
    await h.err('auth.me', {}, 'UNAUTHENTICATED', admin);
    await h.err('auth.me', {}, 'UNAUTHENTICATED', staff.correspondant.session);
    // Exactly the backed-up state: every table's rows and the keys file.
    expect(await storedState(h)).toEqual(before);
    // The current files were set aside, not deleted: they still hold the state after the writes.
    expect(restored.setAside.length).toBeGreaterThanOrEqual(2);
    for (const file of restored.setAside) expect(existsSync(file), file).toBe(true);
    const oldDb = restored.setAside.find((f) => path.basename(f).startsWith('parcours.db.avant-restauration-'))!;
    const oldKeys = restored.setAside.find((f) => path.basename(f).startsWith('parcours.keys.json.avant-restauration-'))!;
    const aside = await openWithAdminKey(oldDb, oldKeys);
    expect(aside.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(2);
    aside.close();
    // The backup's passwords open it again; the password changed after the backup does not.
    await h.err('auth.login', { login: 'remi', password: 'referent-a-nouveau-mdp' }, 'UNAUTHENTICATED');
    await h.err('auth.login', { login: 'nouvelle', password: 'nouvelle-mot-de-passe' }, 'UNAUTHENTICATED');
    const again = (await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA })).session;
    expect(await h.ok('dossiers.search', { query: 'Marqueur' }, again)).toHaveLength(1);
    expect(await h.ok('dossiers.search', { query: 'APRES' }, again)).toHaveLength(0);
  }, 120_000);

  it('a backup taken during a burst of writes restores consistent: integrity ok, counts equal to its manifest', async () => {
    const { h, admin } = await world();
    const writes = Array.from({ length: 40 }, (_, i) => h.ok('dossiers.create', dossierInput({ nom: `RAFALE${i}` }), admin));
    const backup = h.ok('backups.create', {}, admin);
    writes.push(...Array.from({ length: 40 }, (_, i) => h.ok('dossiers.create', dossierInput({ nom: `SUITE${i}` }), admin)));
    const [item] = await Promise.all([backup, ...writes]);
    const persons = item.counts.persons ?? -1;
    expect(persons).toBeGreaterThanOrEqual(1);
    expect(persons).toBeLessThanOrEqual(81);

    await h.ok('backups.restore', { path: item.path, login: ADMIN.login, password: ADMIN.password }, admin);
    const sqlite = await openWithAdminKey(path.join(h.dataDir, 'parcours.db'), path.join(h.dataDir, 'parcours.keys.json'));
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      for (const [table, count] of Object.entries(item.counts)) {
        expect(sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(count);
      }
      // Every dossier has its journal line: no half of a write in the copy.
      expect(sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'create'").pluck().get()).toBe(persons);
    } finally {
      sqlite.close();
    }
    // The restored database knows the backups made before it, not itself.
    const session = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    expect((await h.ok('backups.list', {}, session)).lastBackupAt).toBeNull();
  }, 120_000);
});

describe('the backup folder', () => {
  it('refuses a missing or unwritable folder with a clear message and writes nothing; a chosen folder is kept', async () => {
    const { h, admin } = await world();
    const settingsFile = path.join(h.dataDir, SETTINGS_FILE_NAME);
    const before = await storedState(h);
    const missing = path.join(h.dataDir, 'partage-absent');
    const absent = await h.err('backups.settings.update', { folder: missing }, 'VALIDATION', admin);
    expect(absent.message).toBe(`Le dossier des sauvegardes « ${missing} » n’existe pas ou n’est pas accessible : vérifiez le chemin et que le partage réseau est connecté.`);
    expect(absent.fieldErrors?.folder).toBe(absent.message);
    // /proc: a folder nobody may write in, not even root.
    const locked = await h.err('backups.settings.update', { folder: '/proc' }, 'VALIDATION', admin);
    expect(locked.message).toContain('« /proc » n’est pas accessible en écriture');
    await h.err('backups.settings.update', { folder: 'sauvegardes' }, 'VALIDATION', admin);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(settingsFile)).toBe(false);
    expect(await storedState(h)).toEqual(before);

    const share = path.join(h.dataDir, 'partage');
    mkdirSync(share);
    const settings = await h.ok('backups.settings.update', { folder: share }, admin);
    expect(settings).toEqual({ folder: share, defaultFolder: path.join(h.dataDir, 'sauvegardes'), isDefault: false });
    const item = await h.ok('backups.create', {}, admin);
    expect(path.dirname(item.path)).toBe(share);

    // The choice survives a restart; the share gone, a backup is refused and nothing is recorded nor written.
    await h.restart();
    const session = (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    expect((await h.ok('backups.settings.get', {}, session)).folder).toBe(share);
    rmSync(share, { recursive: true });
    const state = await storedState(h);
    const gone = await h.err('backups.create', {}, 'VALIDATION', session);
    expect(gone.message).toContain(`« ${share} » n’existe pas`);
    expect(await storedState(h)).toEqual(state);
    expect(existsSync(share)).toBe(false);
    expect(await h.ok('backups.settings.update', { folder: null }, session)).toMatchObject({ isDefault: true, folder: path.join(h.dataDir, 'sauvegardes') });
  }, 120_000);
});

describe('restore from the start screen', () => {
  it('the database and keys file gone: inspect a backup folder without the key, restore it with an administrator of the backup', async () => {
    const { h, admin } = await world();
    const before = await storedState(h);
    const item = await h.ok('backups.create', {}, admin);
    await h.restart();
    for (const file of readdirSync(h.dataDir).filter((f) => f.startsWith('parcours.db') || f === 'parcours.keys.json')) rmSync(path.join(h.dataDir, file));
    expect((await h.ok('app.status', {})).initialized).toBe(false);

    const notABackup = await h.err('backups.inspectFolder', { path: h.dataDir }, 'NOT_FOUND');
    expect(notABackup.message).toContain('n’est pas une sauvegarde Parcours RSA');
    const summary = await h.ok('backups.inspectFolder', { path: path.join(item.path, 'manifeste.json') });
    expect(summary).toMatchObject({ at: item.at, kind: 'manuelle', path: item.path, counts: item.counts });

    await h.err('backups.restore', { path: item.path, login: ADMIN.login, password: 'pas-le-bon' }, 'UNAUTHENTICATED');
    const notAdmin = await h.err('backups.restore', { path: item.path, login: 'remi', password: PASSWORDS.referentA }, 'FORBIDDEN');
    expect(notAdmin.message).toContain('administrateur actif');
    expect(existsSync(path.join(h.dataDir, 'parcours.db'))).toBe(false);

    const restored = await h.ok('backups.restore', { path: item.path, login: ADMIN.login, password: ADMIN.password });
    expect(restored.setAside).toEqual([]);
    expect((await h.ok('app.status', {})).initialized).toBe(true);
    expect(await storedState(h)).toEqual(before);
    await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
  }, 120_000);
});

describe('automatic backups', () => {
  it('one at start then daily, through the write queue during writes; the rotation keeps 7 dailies and 4 weeklies', async () => {
    const dataDir = makeDataDir();
    const clock = { now: new Date('2026-03-02T12:00:00.000Z') }; // a Monday
    const app = new AppContext({
      dataDir,
      migrationsFolder: undefined,
      now: () => clock.now,
      sleep: async () => undefined,
      appVersion: 'test',
      sessionIdleMs: 365 * 24 * 3600_000,
      // The test moves the clock by days with one session: no absolute lifetime either.
      sessionMaxMs: 365 * 24 * 3600_000,
      printer: null,
    });
    const call = async (method: string, input: unknown, session?: string) => {
      const response = await dispatch(app, { method, input, session });
      if (!response.ok) throw new Error(`${method} : ${response.error.message}`);
      return response.value as never;
    };
    try {
      await call('setup.create', setupInput);
      const { session } = await call('auth.login', { login: ADMIN.login, password: ADMIN.password }) as { session: string };
      const open = app.workspace.current!;
      const folder = path.join(dataDir, 'sauvegardes');

      // At start (here without the delay), during a burst of writes: the copy waits for no write and holds them back.
      const auto = new AutomaticBackups(app, 0);
      const writes = Array.from({ length: 20 }, (_, i) => call('dossiers.create', dossierInput({ nom: `AUTO${i}` }), session));
      auto.poke();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(auto.current).not.toBeNull();
      writes.push(...Array.from({ length: 20 }, (_, i) => call('dossiers.create', dossierInput({ nom: `PENDANT${i}` }), session)));
      await Promise.all(writes);
      await auto.current;
      const first = readdirSync(folder);
      expect(first).toHaveLength(1);
      const manifest = JSON.parse(readFileSync(path.join(folder, first[0]!, 'manifeste.json'), 'utf8')) as { kind: string; counts: Record<string, number> };
      // The first automatic backup of the week is its weekly one.
      expect(manifest.kind).toBe('hebdomadaire');
      const copy = await openWithAdminKey(path.join(folder, first[0]!, 'parcours.db'), path.join(folder, first[0]!, 'parcours.keys.json'));
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(manifest.counts.persons);
      expect(copy.prepare("SELECT count(*) FROM audit_log WHERE entity = 'person'").pluck().get()).toBe(manifest.counts.persons);
      copy.close();
      // Same day: no other one; the next day, the daily one.
      auto.poke();
      expect(auto.current).toBeNull();
      clock.now = new Date('2026-03-03T12:00:00.000Z');
      auto.poke();
      await auto.current;
      expect(readdirSync(folder)).toHaveLength(2);
      await auto.stop();

      // Five more weeks, one automatic backup a day: 6 weeklies (Mondays) and 29 dailies made in all.
      for (let day = 2; day < 36; day += 1) {
        clock.now = new Date(Date.parse('2026-03-02T12:00:00.000Z') + day * 24 * 3600_000);
        await automaticBackup(app, open, 'quotidienne');
      }
      const { items } = await call('backups.list', {}, session) as { items: { kind: string; removedAt: string | null; path: string }[] };
      expect(items).toHaveLength(36);
      const kept = items.filter((i) => i.removedAt === null);
      expect(kept.filter((i) => i.kind === 'hebdomadaire')).toHaveLength(4);
      expect(kept.filter((i) => i.kind === 'quotidienne')).toHaveLength(7);
      expect(readdirSync(folder).sort()).toEqual(kept.map((i) => path.basename(i.path)).sort());
      for (const removed of items.filter((i) => i.removedAt !== null)) expect(existsSync(removed.path)).toBe(false);
      // The latest is always kept.
      expect(kept[0]).toBe(items[0]);
    } finally {
      await app.workspace.writes.run(() => app.workspace.close());
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

