import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors';
import { checkBackupFolder, createBackup, inspectBackupFolder, MANIFEST_FILE_NAME, restoreBackupFiles, type BackupRequest } from './backup';
import { openDatabase } from './open';
import { makeTempDir, openTestDatabase, removeTempDir, type TestDatabase } from './testing';

const MARKER = 'MARQUEUR-EN-CLAIR-7f3a';
const dirs: string[] = [];
const opened: TestDatabase[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
  while (dirs.length) removeTempDir(dirs.pop()!);
});

function database(): TestDatabase {
  const t = openTestDatabase();
  opened.push(t);
  dirs.push(t.dir);
  t.sqlite.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)`);
  const insert = t.sqlite.prepare('INSERT INTO notes (text) VALUES (?)');
  for (let i = 0; i < 300; i += 1) insert.run(`${MARKER} ${i} ${'x'.repeat(200)}`);
  writeFileSync(path.join(t.dir, 'parcours.keys.json'), '{"slots":[]}\n');
  return t;
}

const request = (t: TestDatabase, root: string, extra: Partial<BackupRequest> = {}): BackupRequest => ({
  dbPath: t.file,
  key: t.key,
  root,
  at: new Date('2026-03-02T09:00:00.000Z'),
  kind: 'manuelle',
  appVersion: 'test',
  schemaVersion: 11,
  readKeys: async () => readFileSync(path.join(t.dir, 'parcours.keys.json')),
  now: () => new Date('2026-03-02T09:00:01.000Z'),
  ...extra,
});

const count = (t: { sqlite: TestDatabase['sqlite'] }) => t.sqlite.prepare('SELECT count(*) FROM notes').pluck().get();

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('createBackup', () => {
  it('writes an encrypted copy (no clear text) that opens with the same key, with a clear manifest', async () => {
    const t = database();
    const root = path.join(t.dir, 'sauvegardes');
    mkdirSync(root);
    const { fileName, manifest } = await createBackup(request(t, root));
    expect(readdirSync(root)).toEqual([fileName]);
    const folder = path.join(root, fileName);
    expect(readdirSync(folder).sort()).toEqual([MANIFEST_FILE_NAME, 'parcours.db', 'parcours.keys.json']);
    // The live database holds the marker in clear through the key only: the copy neither.
    const bytes = readFileSync(path.join(folder, 'parcours.db'));
    expect(bytes.includes(MARKER)).toBe(false);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(readFileSync(path.join(folder, MANIFEST_FILE_NAME), 'utf8')).not.toContain(MARKER);

    expect((await inspectBackupFolder(folder)).manifest).toEqual(manifest);
    // (Opening it read-write changes its header, WAL mode: a restore copies the files, never opens them in place.)
    const copy = openDatabase({ file: path.join(folder, 'parcours.db'), key: t.key, create: false });
    try {
      expect(count(copy)).toBe(300);
      expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    expect(manifest.counts.notes).toBe(300);
    expect(manifest.counts.users).toBe(0);
  });

  it('is consistent while another connection writes: counts equal to the copy, or refused as changed', async () => {
    const t = database();
    const root = path.join(t.dir, 'sauvegardes');
    mkdirSync(root);
    const insert = t.sqlite.prepare('INSERT INTO notes (text) VALUES (?)');
    let stop = false;
    const burst = (async () => {
      while (!stop) {
        insert.run('encore');
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Without the write queue, a commit during the copy is detected (data_version) and nothing is kept…
    const outcome = await createBackup(request(t, root)).then(
      (r) => r,
      (e: unknown) => e as ApiError,
    );
    stop = true;
    await burst;
    if (outcome instanceof ApiError) {
      expect(outcome.message).toContain('modifiée pendant la copie');
      expect(readdirSync(root)).toEqual([]);
    } else {
      const copy = openDatabase({ file: path.join(root, outcome.fileName, 'parcours.db'), key: t.key, create: false });
      expect(count(copy)).toBe(outcome.manifest.counts.notes);
      copy.close();
    }
    // …and through a queue that holds the writes back during the copy, the copy is the state of that moment.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const result = await createBackup(
      request(t, root, {
        at: new Date('2026-03-02T10:00:00.000Z'),
        whileCopying: async (copy) => {
          try {
            return await copy();
          } finally {
            release();
          }
        },
      }),
    );
    await held;
    const expected = count(t);
    insert.run('après');
    const copy = openDatabase({ file: path.join(root, result.fileName, 'parcours.db'), key: t.key, create: false });
    expect(count(copy)).toBe(expected);
    expect(result.manifest.counts.notes).toBe(expected);
    copy.close();
  });

  it('removes the temporary folder a killed backup left (older than 10 minutes), not one in progress', async () => {
    const t = database();
    const root = makeTempDir('parcours-sauvegardes-');
    dirs.push(root);
    const stale = path.join(root, '.parcours-en-cours-ancien');
    const recent = path.join(root, '.parcours-en-cours-recent');
    mkdirSync(stale);
    mkdirSync(recent);
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(stale, hourAgo, hourAgo);
    await createBackup(request(t, root));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('refuses a folder that is missing or not writable, and writes nothing', async () => {
    const t = database();
    const missing = path.join(t.dir, 'absent');
    const error = await rejection(createBackup(request(t, missing)));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('n’existe pas');
    expect(existsSync(missing)).toBe(false);
    expect(error.fieldErrors?.folder).toBe(error.message);

    const relative = await rejection(checkBackupFolder('sauvegardes'));
    expect(relative.message).toContain('chemin complet');

    // A folder one may not write in: a read-only one, or /proc when running as root (root writes anywhere else).
    let locked = '/proc';
    if (process.getuid?.() !== 0) {
      locked = path.join(t.dir, 'verrouille');
      mkdirSync(locked, { mode: 0o500 });
    }
    const before = readdirSync(locked).length;
    const refused = await rejection(createBackup(request(t, locked)));
    expect(refused.message).toContain('n’est pas accessible en écriture');
    expect(readdirSync(locked).length).toBe(before);
  });
});

describe('inspectBackupFolder and restoreBackupFiles', () => {
  it('refuses a folder without manifest and a file altered since the backup', async () => {
    const t = database();
    const root = path.join(t.dir, 'sauvegardes');
    mkdirSync(root);
    expect((await rejection(inspectBackupFolder(root))).message).toContain('n’est pas une sauvegarde Parcours RSA');
    const { fileName } = await createBackup(request(t, root));
    const keys = path.join(root, fileName, 'parcours.keys.json');
    writeFileSync(keys, '{"slots":[1]}\n');
    expect((await rejection(inspectBackupFolder(path.join(root, fileName, MANIFEST_FILE_NAME)))).message).toContain(
      'le fichier parcours.keys.json ne correspond plus à son empreinte',
    );
  });

  it('sets the current files aside (renamed, never deleted) and copies the backup in', async () => {
    const t = database();
    const root = path.join(t.dir, 'sauvegardes');
    mkdirSync(root);
    const { fileName } = await createBackup(request(t, root));
    t.sqlite.prepare('INSERT INTO notes (text) VALUES (?)').run('après la sauvegarde');
    t.close();
    opened.pop();
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    const dbPath = path.join(dataDir, 'parcours.db');
    const keyPath = path.join(dataDir, 'parcours.keys.json');
    writeFileSync(dbPath, 'ancienne base');
    writeFileSync(`${dbPath}-wal`, 'ancien journal');
    writeFileSync(keyPath, 'anciennes clés');
    const { setAside } = await restoreBackupFiles({ folder: path.join(root, fileName), dbPath, keyPath, at: new Date('2026-03-03T08:00:00Z') });
    expect(setAside.map((f) => readFileSync(f, 'utf8')).sort()).toEqual(['ancien journal', 'ancienne base', 'anciennes clés']);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const restored = openDatabase({ file: dbPath, key: t.key, create: false });
    expect(count(restored)).toBe(300);
    restored.close();
    expect(readFileSync(keyPath, 'utf8')).toBe('{"slots":[]}\n');
  });
});
