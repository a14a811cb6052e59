/**
 * Opens the encrypted database (SQLCipher format through SQLite3 Multiple Ciphers).
 *
 * Order matters: cipher, then key, then one read to check the key. Nothing is written to the file
 * before the key is known to be right and the schema check (migrations) has accepted it: a wrong
 * key, a file that is not a database or a newer schema leave the file byte for byte as it was.
 */
import { chmodSync, closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
// Type-only: drizzle's better-sqlite3 driver module imports the 'better-sqlite3' package, which is
// not installed (we use better-sqlite3-multiple-ciphers, same API); its session module does not.
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { BetterSQLiteSession } from 'drizzle-orm/better-sqlite3/session';
import { BaseSQLiteDatabase, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../shared/api/errors';
import { DATABASE_KEY_BYTES } from './keyslots';
import { knownMigrations, migrate, pendingMigrations } from './migrate';
import type { MigrateResult } from './migrate';
import * as schema from './schema';

export type Sqlite = Database.Database;
export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

/**
 * The drizzle instance over an open handle: what `drizzle(client, { schema })` of
 * 'drizzle-orm/better-sqlite3' builds, without loading the 'better-sqlite3' package.
 */
export function createDrizzle(sqlite: Sqlite): Db {
  const client = sqlite as unknown as BetterSqlite3.Database;
  const dialect = new SQLiteSyncDialect();
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const session = new BetterSQLiteSession<typeof schema, ExtractTablesWithRelations<typeof schema>>(
    client,
    dialect,
    relational as never,
  );
  const db = new BaseSQLiteDatabase('sync', dialect, session, relational as never) as unknown as Db;
  db.$client = client;
  return db;
}

export interface OpenDatabaseOptions {
  /** Path of the database file. */
  file: string;
  /** The 32-byte database key (unwrapped from a key slot). */
  key: Buffer;
  /** Folder of the migrations; default `db/migrations` beside the code. */
  migrationsFolder?: string;
  /** true: create the file if it is missing. false: a missing file is refused (nothing is created). */
  create: boolean;
  /** Apply migrations only up to this schema version (tests). */
  upTo?: number;
  /**
   * The key came from a key slot that the keys file's key check confirmed: a file that does not open with it is
   * damaged (or not this workspace's), not « a wrong key ».
   */
  keyIsKnownGood?: boolean;
  /** Run `PRAGMA quick_check` before anything else (the app's first opening in a process). */
  quickCheck?: boolean;
}

export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Db;
  /** Migrations applied by this opening. */
  migrations: MigrateResult;
  close(): void;
}

const WRONG_KEY_MESSAGE =
  'Impossible d’ouvrir la base de données : la clé ne correspond pas ou le fichier n’est pas une base Parcours RSA. Le fichier n’a pas été modifié.';

const RESTORE_HINT =
  'Restaurez la dernière sauvegarde (écran de démarrage › « Restaurer une sauvegarde », ou Administration › Sauvegardes) ; le fichier n’a pas été modifié.';

/** The database file is damaged (a read failed, or the integrity check found errors): which file, and what to do. */
export function damagedDatabaseMessage(file: string, detail?: string): string {
  return `Le fichier de base de données « ${path.basename(file)} » est endommagé${detail ? ` (${detail})` : ''} : ${RESTORE_HINT}`;
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
function isNotADatabase(error: unknown): boolean {
  return errorCode(error) === 'SQLITE_NOTADB';
}
/** SQLITE_CORRUPT (malformed page), or a short read of a truncated file. */
export function isDamagedDatabaseError(error: unknown): boolean {
  const code = errorCode(error);
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ');
}

/** Files of the database that must be readable by the service account only (0600), and its folder (0700). */
export function restrictDatabaseFiles(file: string): void {
  try {
    chmodSync(path.dirname(file), 0o700);
    for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(`${file}${suffix}`)) chmodSync(`${file}${suffix}`, 0o600);
  } catch {
    // A file system without Unix permissions (e.g. a Windows share): nothing to restrict.
  }
}

function safeClose(sqlite: Sqlite): void {
  try {
    if (sqlite.open) sqlite.close();
  } catch {
    /* already failing: keep the first error */
  }
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { file, key, create } = options;
  if (!Buffer.isBuffer(key) || key.length !== DATABASE_KEY_BYTES) {
    throw new ApiError('DATABASE', 'La clé de la base de données doit compter 32 octets.');
  }
  const exists = existsSync(file);
  if (!exists && !create) {
    throw new ApiError('NOT_INITIALIZED', 'La base de données est introuvable : l’application n’est pas encore initialisée.');
  }
  if (exists && statSync(file).size === 0 && !create) {
    throw new ApiError('DATABASE', 'Le fichier de base de données est vide : il n’a pas été modifié.');
  }

  // Fails (missing or broken migrations folder) before any file is created.
  knownMigrations(options.migrationsFolder);

  /** A file this call created is removed again if the opening fails: no half-made database is left. */
  const discardIfCreated = () => {
    if (exists) return;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  };

  let sqlite: Sqlite;
  try {
    // Created readable by the owner only; SQLite gives the -wal and -shm files the database file's permissions.
    if (!exists) closeSync(openSync(file, 'a', 0o600));
    restrictDatabaseFiles(file);
    sqlite = new Database(file, { fileMustExist: !create });
  } catch (error) {
    throw new ApiError('DATABASE', `Impossible d’ouvrir le fichier de base de données : ${(error as Error).message}.`);
  }

  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    // The first read decrypts page 1: a wrong key or a non-database fails here (SQLITE_NOTADB).
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    safeClose(sqlite);
    discardIfCreated();
    if (isNotADatabase(error)) throw new ApiError('DATABASE', options.keyIsKnownGood ? damagedDatabaseMessage(file, 'il ne s’ouvre pas avec la clé de ce poste') : WRONG_KEY_MESSAGE);
    if (isDamagedDatabaseError(error)) throw new ApiError('DATABASE', damagedDatabaseMessage(file));
    throw new ApiError('DATABASE', `Impossible d’ouvrir la base de données : ${(error as Error).message}.`);
  }

  if (exists && options.quickCheck) {
    // A damaged page would otherwise pass the login and fail later, one read at a time.
    let verdict: string;
    try {
      const rows = sqlite.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[];
      verdict = rows.map((r) => r.quick_check).join(' ; ');
    } catch (error) {
      verdict = (error as Error).message;
    }
    if (verdict !== 'ok') {
      safeClose(sqlite);
      throw new ApiError('DATABASE', damagedDatabaseMessage(file, 'la vérification d’intégrité a trouvé des erreurs'));
    }
  }

  try {
    // Read-only check first: a refused database (newer schema, foreign file) is never written.
    pendingMigrations(sqlite, { migrationsFolder: options.migrationsFolder, upTo: options.upTo });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // A larger page cache: every page read from disk must be decrypted, so keep the hot ones (32 MiB).
    sqlite.pragma('cache_size = -32768');
    sqlite.pragma('temp_store = MEMORY');
    const migrations = migrate(sqlite, { migrationsFolder: options.migrationsFolder, upTo: options.upTo });
    const db = createDrizzle(sqlite);
    return { sqlite, db, migrations, close: () => safeClose(sqlite) };
  } catch (error) {
    safeClose(sqlite);
    discardIfCreated();
    if (error instanceof ApiError) throw error;
    if (isNotADatabase(error) || isDamagedDatabaseError(error)) throw new ApiError('DATABASE', damagedDatabaseMessage(file));
    throw new ApiError('DATABASE', `Impossible d’ouvrir la base de données : ${(error as Error).message}.`);
  }
}
