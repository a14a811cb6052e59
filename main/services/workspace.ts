import { timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { addSlot, createKeyFile, DATABASE_FILE_NAME, generateDatabaseKey, KEY_FILE_NAME } from '../../db/keyslots';
import { knownMigrations, schemaVersion } from '../../db/migrate';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { findMds, insertMds, insertUser, mdsSnapshot, recordAudit, userSnapshot } from '../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { AuthedCall, PublicCall } from './context';
import { Mutex } from './mutex';

/** The data folder: `parcours.db` (encrypted) and `parcours.keys.json` (its key, wrapped per account). */
export class Workspace {
  readonly dbPath: string;
  readonly keyPath: string;
  /** Serialises what opens, closes or creates the database and what writes the key file. */
  readonly lock = new Mutex();
  private opened: { handle: OpenedDatabase; key: Buffer } | null = null;

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

  get current(): OpenedDatabase | null {
    return this.opened?.handle ?? null;
  }

  /** The key of the open database (to wrap it for a new account or a new password). */
  get key(): Buffer {
    if (!this.opened) throw new ApiError('UNAUTHENTICATED', 'La base de données est fermée : reconnectez-vous.');
    return this.opened.key;
  }

  /**
   * Opens the database with this key, or, if it is already open, checks that the key is the open one.
   * Returns null on a key mismatch; database errors (not a database, newer schema…) are thrown as is.
   */
  openWith(key: Buffer): OpenedDatabase | null {
    if (this.opened) {
      const same = this.opened.key.length === key.length && timingSafeEqual(this.opened.key, key);
      return same ? this.opened.handle : null;
    }
    const handle = openDatabase({ file: this.dbPath, key, migrationsFolder: this.migrationsFolder, create: false });
    this.opened = { handle, key: Buffer.from(key) };
    return handle;
  }

  close(): void {
    if (!this.opened) return;
    this.opened.handle.close();
    this.opened.key.fill(0);
    this.opened = null;
  }

  /** The schema version: the open database's, else the one this app creates. */
  schemaVersion(): number {
    return this.opened ? schemaVersion(this.opened.handle.sqlite) : knownMigrations(this.migrationsFolder).length;
  }
}

export function status(_input: MethodParsedInput<'app.status'>, call: PublicCall): MethodOutput<'app.status'> {
  const { app, actor } = call;
  const open = app.workspace.current;
  const office = actor && open ? findMds(open.db, actor.mdsId) : undefined;
  return {
    initialized: app.workspace.isInitialized(),
    mds: office ? { id: office.id, name: office.name, territory: office.territory, address: office.address ?? undefined } : null,
    appVersion: app.options.appVersion,
    schemaVersion: app.workspace.schemaVersion(),
  };
}

/** Files SQLite may create beside the database. */
const sqliteCompanions = (dbPath: string) => [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`];

/**
 * First run: creates the key file, the database, the MDS and the first administrator.
 * Either everything is created or nothing stays behind.
 */
export function setupCreate(input: MethodParsedInput<'setup.create'>, call: PublicCall): Promise<MethodOutput<'setup.create'>> {
  const { app } = call;
  const ws = app.workspace;
  return ws.lock.run(async () => {
    if (ws.isInitialized()) {
      throw new ApiError('ALREADY_INITIALIZED', 'L’application est déjà initialisée : connectez-vous.');
    }
    if (existsSync(ws.keyPath)) {
      throw new ApiError(
        'DATABASE',
        `Un fichier des clés existe sans base de données dans ${ws.dataDir} : déplacez-le ou supprimez-le avant de recommencer l’initialisation.`,
      );
    }
    const created: string[] = [];
    let handle: OpenedDatabase | undefined;
    const key = generateDatabaseKey();
    try {
      mkdirSync(ws.dataDir, { recursive: true });
      await createKeyFile(ws.keyPath);
      created.push(ws.keyPath);
      created.push(...sqliteCompanions(ws.dbPath));
      handle = openDatabase({ file: ws.dbPath, key, migrationsFolder: ws.migrationsFolder, create: true });
      const at = app.nowIso();
      const db = handle.db;
      db.transaction((tx) => {
        const office = insertMds(tx, input.mds, at);
        const admin = insertUser(
          tx,
          { login: input.admin.login, displayName: input.admin.displayName, role: 'administrateur', structure: input.admin.structure, mdsId: office.id },
          at,
        );
        const actor = { id: admin.id, login: admin.login };
        recordAudit(tx, { actor, at, entity: 'mds', entityId: office.id, action: 'create', before: null, after: mdsSnapshot(office) });
        recordAudit(tx, { actor, at, entity: 'user', entityId: admin.id, action: 'create', before: null, after: userSnapshot(admin) });
      });
      await addSlot(ws.keyPath, input.admin.login, input.admin.password, key);
      handle.close();
      handle = undefined;
      return { ok: true as const };
    } catch (error) {
      handle?.close();
      for (const file of created) rmSync(file, { force: true });
      throw error;
    } finally {
      key.fill(0);
    }
  });
}

export function mdsGet(_input: MethodParsedInput<'mds.get'>, call: AuthedCall): MethodOutput<'mds.get'> {
  const office = findMds(call.open.db, call.actor.mdsId);
  if (!office) throw new ApiError('NOT_FOUND', 'La MDS de votre compte est introuvable.');
  return { id: office.id, name: office.name, territory: office.territory, address: office.address ?? undefined };
}
