import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, KEY_FILE_NAME } from '../../db/keyslots';
import { knownMigrations, schemaVersion } from '../../db/migrate';
import Database from 'better-sqlite3-multiple-ciphers';
import { createDrizzle, openDatabase, type OpenedDatabase } from '../../db/open';
import { ApiError } from '../../shared/api/errors';
import { Mutex } from './mutex';

/** The data folder: `parcours.db` (encrypted) and `parcours.keys.json` (its key, wrapped per account). */
export class Workspace {
  readonly dbPath: string;
  readonly keyPath: string;
  /** Serialises what opens, closes or creates the database and what writes the key file. */
  readonly lock = new Mutex();
  /** Write calls run one after the other, each in its own transaction (see main/app/dispatcher.ts). */
  readonly writes = new Mutex();
  private opened: { handle: OpenedDatabase; reader: OpenedDatabase; key: Buffer } | null = null;
  /** The integrity of the file was checked by this process (quick check at the first opening). */
  private checked = false;

  constructor(
    readonly dataDir: string,
    readonly migrationsFolder: string | undefined,
  ) {
    this.dbPath = path.join(dataDir, DATABASE_FILE_NAME);
    this.keyPath = path.join(dataDir, KEY_FILE_NAME);
  }

  isInitialized(): boolean {
    return existsSync(this.dbPath);
  }

  /** The open database (read and write). */
  get current(): OpenedDatabase | null {
    return this.opened?.handle ?? null;
  }

  /** A second connection to the open database, opened read-only: what read calls get (it cannot write). */
  get reader(): OpenedDatabase | null {
    return this.opened?.reader ?? null;
  }

  /** The key of the open database (to wrap it for a new account or a new password). */
  get key(): Buffer {
    if (!this.opened) throw new ApiError('UNAUTHENTICATED', 'La base de données est fermée : reconnectez-vous.');
    return this.opened.key;
  }

  /**
   * Opens the database with this key, or, if it is already open, checks that the key is the open one.
   * Returns null on a key mismatch; database errors (not a database, newer schema…) are thrown as is.
   * `keyIsKnownGood` (default true: the key came from a slot of this key file): a file the key does not open is then
   * reported as damaged; false (the server's service key) reports a wrong key.
   */
  openWith(key: Buffer, options: { keyIsKnownGood?: boolean } = {}): OpenedDatabase | null {
    if (this.opened) {
      const same = this.opened.key.length === key.length && timingSafeEqual(this.opened.key, key);
      return same ? this.opened.handle : null;
    }
    const handle = openDatabase({ file: this.dbPath, key, migrationsFolder: this.migrationsFolder, create: false, keyIsKnownGood: options.keyIsKnownGood ?? true, quickCheck: !this.checked });
    this.checked = true;
    try {
      this.opened = { handle, reader: openReadOnly(this.dbPath, key, handle.migrations.version), key: Buffer.from(key) };
    } catch (error) {
      handle.close();
      throw error;
    }
    return handle;
  }

  close(): void {
    if (!this.opened) return;
    this.opened.reader.close();
    this.opened.handle.close();
    this.opened.key.fill(0);
    this.opened = null;
  }

  /** The schema version: the open database's, else the one this app creates. */
  schemaVersion(): number {
    return this.opened ? schemaVersion(this.opened.handle.sqlite) : knownMigrations(this.migrationsFolder).length;
  }
}

/**
 * A read-only connection to the database the workspace has just opened (and migrated): SQLite refuses every write
 * on it (SQLITE_READONLY). WAL mode: it reads the last committed state, never a write call's transaction in progress.
 */
function openReadOnly(file: string, key: Buffer, version: number): OpenedDatabase {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -32768');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, db: createDrizzle(sqlite), migrations: { applied: [], version }, close: () => sqlite.close() };
}
