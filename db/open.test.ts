import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors';
import { generateDatabaseKey } from './keyslots';
import { knownMigrations, schemaVersion } from './migrate';
import { openDatabase } from './open';
import { persons } from './schema';
import { insertDossier, insertMds, makeTempDir, removeTempDir } from './testing';

const dirs: string[] = [];
function tempDir(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  while (dirs.length) removeTempDir(dirs.pop()!);
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function catchError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

/** A migrated database holding one dossier, closed. */
function createDatabase(): { dir: string; file: string; key: Buffer } {
  const dir = tempDir();
  const file = path.join(dir, 'parcours.db');
  const key = generateDatabaseKey();
  const opened = openDatabase({ file, key, create: true });
  const mdsId = insertMds(opened.sqlite);
  insertDossier(opened.sqlite, { cafNumber: '7654321', mdsId, nomPatronymique: 'ZÉPHYRINUS', prenoms: 'Bartholoméa' });
  opened.close();
  return { dir, file, key };
}

describe('openDatabase', () => {
  it('creates an encrypted database that the right key reads back through drizzle', () => {
    const { file, key } = createDatabase();
    const opened = openDatabase({ file, key, create: false });
    try {
      const rows = opened.db.select().from(persons).all();
      expect(rows.map((r) => [r.nomPatronymique, r.prenoms])).toEqual([['ZÉPHYRINUS', 'Bartholoméa']]);
      const relational = opened.db.query.persons.findFirst({ columns: { prenoms: true } }).sync();
      expect(relational).toEqual({ prenoms: 'Bartholoméa' });
      expect(opened.migrations.applied).toEqual([]);
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      opened.close();
    }
  });

  it('never writes names in clear and does not look like a plain SQLite file', () => {
    const { dir, file } = createDatabase();
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(4096);
    expect(bytes.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))).toBe(false);
    for (const needle of ['ZÉPHYRINUS', 'Bartholoméa', '7654321', 'persons', 'CREATE TABLE']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    }
    // Every other file left beside it (WAL, if any) is encrypted too.
    for (const name of readdirSync(dir)) {
      expect(readFileSync(path.join(dir, name)).includes(Buffer.from('ZÉPHYRINUS', 'utf8'))).toBe(false);
    }
    // And a plain SQLite open cannot read it.
    const plain = new Database(file, { fileMustExist: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();
  });

  it('refuses a wrong key with a French error and leaves the file byte-identical', () => {
    const { dir, file } = createDatabase();
    const before = sha(file);
    const filesBefore = readdirSync(dir).sort();
    const error = catchError(() => openDatabase({ file, key: generateDatabaseKey(), create: false }));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toMatch(/la clé ne correspond pas/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it.each([
    ['random bytes', randomBytes(16 * 1024)],
    ['a text file', Buffer.from('Ceci est un simple fichier texte.\n'.repeat(200), 'utf8')],
  ])('refuses %s with a French error and leaves it as it was', (_label, content) => {
    const dir = tempDir();
    const file = path.join(dir, 'parcours.db');
    writeFileSync(file, content);
    for (const create of [false, true]) {
      const error = catchError(() => openDatabase({ file, key: generateDatabaseKey(), create }));
      expect(error.code).toBe('DATABASE');
      expect(error.message).toMatch(/n’est pas une base Parcours RSA/);
      expect(readFileSync(file).equals(content)).toBe(true);
      expect(readdirSync(dir)).toEqual(['parcours.db']);
    }
  });

  it('does not create a missing file when create is false', () => {
    const dir = tempDir();
    const file = path.join(dir, 'parcours.db');
    const error = catchError(() => openDatabase({ file, key: generateDatabaseKey(), create: false }));
    expect(error.code).toBe('NOT_INITIALIZED');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no file behind when creating fails (broken migrations)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'parcours.db');
    const missing = catchError(() =>
      openDatabase({ file, key: generateDatabaseKey(), create: true, migrationsFolder: path.join(dir, 'nulle-part') }),
    );
    expect(missing.message).toMatch(/migrations de la base de données sont introuvables/);
    expect(readdirSync(dir)).toEqual([]);

    const broken = path.join(dir, 'migrations');
    mkdirSync(path.join(broken, 'meta'), { recursive: true });
    writeFileSync(
      path.join(broken, 'meta', '_journal.json'),
      JSON.stringify({ version: '7', dialect: 'sqlite', entries: [{ idx: 0, version: '6', when: 0, tag: '0000_bad', breakpoints: true }] }),
    );
    writeFileSync(path.join(broken, '0000_bad.sql'), 'CREATE TABLE ok (id integer);\n--> statement-breakpoint\nINSERT INTO absent VALUES (1);');
    const failed = catchError(() => openDatabase({ file, key: generateDatabaseKey(), create: true, migrationsFolder: broken }));
    expect(failed.message).toMatch(/a échoué \(migration 1 « 0000_bad »\)/);
    expect(readdirSync(dir)).toEqual(['migrations']);
  });

  it('refuses a key that is not 32 bytes', () => {
    const dir = tempDir();
    const error = catchError(() => openDatabase({ file: path.join(dir, 'x.db'), key: randomBytes(16), create: true }));
    expect(error.code).toBe('DATABASE');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('applies no migration twice when reopened', () => {
    const { file, key } = createDatabase();
    for (let i = 0; i < 2; i += 1) {
      const opened = openDatabase({ file, key, create: false });
      expect(opened.migrations.applied).toEqual([]);
      const rows = opened.sqlite.prepare('SELECT idx, tag FROM schema_migrations ORDER BY idx').all();
      expect(rows).toEqual(knownMigrations().map(({ idx, tag }) => ({ idx, tag })));
      expect(schemaVersion(opened.sqlite)).toBe(knownMigrations().length);
      opened.close();
    }
  });

  it('refuses a database of a newer schema and leaves it unchanged', () => {
    const { file, key } = createDatabase();
    const opened = openDatabase({ file, key, create: false });
    const known = knownMigrations().length;
    opened.sqlite
      .prepare("INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, '9999_future', 'x', '2030-01-01T00:00:00.000Z')")
      .run(known + 1);
    opened.close();
    const before = sha(file);
    const error = catchError(() => openDatabase({ file, key, create: false }));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toBe(
      `Cette base de données a été créée par une version plus récente de Parcours RSA (schéma ${known + 2}, cette version connaît le schéma ${known}). Mettez l’application à jour : la base n’a pas été modifiée.`,
    );
    expect(sha(file)).toBe(before);
  });

  it('refuses a database whose recorded migration differs from the app’s, unchanged', () => {
    const { file, key } = createDatabase();
    const opened = openDatabase({ file, key, create: false });
    opened.sqlite.prepare("UPDATE schema_migrations SET hash = 'autre' WHERE idx = 1").run();
    opened.close();
    const before = sha(file);
    const error = catchError(() => openDatabase({ file, key, create: false }));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toMatch(/ne correspond pas à cette version de Parcours RSA \(migration 2/);
    expect(sha(file)).toBe(before);
  });

  it('refuses an encrypted database that is not a Parcours RSA one, unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'autre.db');
    const key = generateDatabaseKey();
    const other = new Database(file);
    other.pragma("cipher = 'sqlcipher'");
    other.pragma(`key = "x'${key.toString('hex')}'"`);
    other.exec('CREATE TABLE notes (texte TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    const before = sha(file);
    const error = catchError(() => openDatabase({ file, key, create: false }));
    expect(error.code).toBe('DATABASE');
    expect(error.message).toMatch(/n’est pas une base de données Parcours RSA/);
    expect(sha(file)).toBe(before);
  });

  it('enforces foreign keys and the append-only audit journal', () => {
    const { file, key } = createDatabase();
    const opened = openDatabase({ file, key, create: false });
    try {
      expect(() =>
        opened.sqlite
          .prepare("INSERT INTO children (foyer_id, prenom, date_naissance) VALUES (999, 'Léa', '2015-01-01')")
          .run(),
      ).toThrow(/FOREIGN KEY/);
      opened.sqlite
        .prepare("INSERT INTO audit_log (user_login, entity, entity_id, action) VALUES ('admin', 'foyer', '1', 'create')")
        .run();
      expect(() => opened.sqlite.prepare("UPDATE audit_log SET user_login = 'x'").run()).toThrow(
        'Le journal d’audit est en ajout seul',
      );
      expect(() => opened.sqlite.prepare('DELETE FROM audit_log').run()).toThrow('Le journal d’audit est en ajout seul');
      expect(opened.sqlite.prepare('SELECT user_login FROM audit_log').all()).toEqual([{ user_login: 'admin' }]);
    } finally {
      opened.close();
    }
  });
});
