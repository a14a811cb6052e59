/**
 * Backups of the encrypted database and its keys file, and their restore.
 *
 * SQLite3 Multiple Ciphers refuses the online backup API (`sqlite.backup`) from an encrypted database to a new file
 * (« incompatible source and target databases »: the target connection has no key). `VACUUM INTO` does the online
 * copy instead: the new file is written page by page with the source connection's cipher and key, so it is still
 * encrypted (SQLCipher format, same key) and never exists in clear on disk. It is one statement (about 2 s for
 * 100 MB), so it runs in a worker thread: the app's event loop never waits for it.
 *
 * One backup = one folder `<root>/parcours-<date-heure>/` holding `parcours.db` (encrypted), `parcours.keys.json`
 * (the key slots, the database key only wrapped) and `manifeste.json` (clear, without personal data: date, kind,
 * row counts per table, sizes and sha256 of both files). It is written in a temporary folder, verified (opens with
 * the key, `integrity_check` ok, row counts equal to those taken in the same read transaction as the copy), then
 * renamed: a backup folder is complete or absent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { access, chmod, copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../shared/api/errors';
import { DATABASE_FILE_NAME, KEY_FILE_NAME } from './keyslots';

export const BACKUP_KINDS = ['manuelle', 'demarrage', 'quotidienne', 'hebdomadaire'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const MANIFEST_FILE_NAME = 'manifeste.json';
export const MANIFEST_FORMAT = 'parcours-rsa-sauvegarde';
const BACKUP_PREFIX = 'parcours-';
const TEMP_PREFIX = '.parcours-en-cours-';

/** Row counts per table (every table of the schema, the search index's included). */
export type TableCounts = Record<string, number>;

export interface FileEntry {
  name: string;
  sizeBytes: number;
  sha256: string;
}

/** The clear file beside a backup: enough to choose it without the key, and no personal data. */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  at: string;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  counts: TableCounts;
  database: FileEntry;
  keys: FileEntry;
  verifiedAt: string;
}

export interface BackupResult {
  /** The backup folder's name (in `root`). */
  fileName: string;
  root: string;
  manifest: BackupManifest;
}

// ---------------------------------------------------------------------------------------------------------------
// The worker: copy (counts + VACUUM INTO) and verification (open with the key, integrity_check, counts, sha256).

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Database = require(workerData.modulePath);
const key = Buffer.from(workerData.key);
function openKeyed(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('key = "x\\'' + key.toString('hex') + '\\'"');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) { db.close(); throw error; }
  return db;
}
function counts(db) {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\\\_%' ESCAPE '\\\\' ORDER BY name").pluck().all();
  const out = {};
  for (const name of names) out[name] = db.prepare('SELECT count(*) FROM "' + name.replace(/"/g, '""') + '"').pluck().get();
  return out;
}
function sha256(file) {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  try { for (;;) { const n = fs.readSync(fd, chunk, 0, chunk.length, null); if (n === 0) break; hash.update(chunk.subarray(0, n)); } }
  finally { fs.closeSync(fd); }
  return hash.digest('hex');
}
function run() {
  const job = workerData.job;
  if (job.op === 'copy') {
    const db = openKeyed(job.source);
    try {
      db.exec('BEGIN');
      const before = counts(db);
      const version = db.pragma('data_version', { simple: true });
      db.exec('COMMIT');
      db.prepare('VACUUM INTO ?').run(job.target);
      if (db.pragma('data_version', { simple: true }) !== version) return { changed: true };
      const fd = fs.openSync(job.target, 'r+');
      try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
      return { counts: before };
    } finally { db.close(); }
  }
  const db = openKeyed(job.file);
  let result;
  try {
    const integrity = db.pragma('integrity_check(20)', { simple: false }).map((r) => String(Object.values(r)[0]));
    const user = job.login ? db.prepare('SELECT role, active FROM users WHERE login = ?').get(job.login) : undefined;
    const version = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'").pluck().get()
      ? (db.prepare('SELECT max(idx) FROM schema_migrations').pluck().get() ?? -1) + 1 : 0;
    result = { integrity, counts: counts(db), user: user ? { role: user.role, active: !!user.active } : null, schemaVersion: version };
  } finally { db.close(); }
  return { ...result, sizeBytes: fs.statSync(job.file).size, sha256: sha256(job.file) };
}
try { parentPort.postMessage({ ok: true, value: run() }); }
catch (error) { parentPort.postMessage({ ok: false, code: error && error.code, message: String(error && error.message || error) }); }
finally { key.fill(0); }
`;

type CopyJob = { op: 'copy'; source: string; target: string };
type VerifyJob = { op: 'verify'; file: string; login?: string };
type CopyOutcome = { changed: true } | { counts: TableCounts; changed?: undefined };
export interface VerifyOutcome {
  integrity: string[];
  counts: TableCounts;
  user: { role: string; active: boolean } | null;
  schemaVersion: number;
  sizeBytes: number;
  sha256: string;
}

const driverPath = (): string => createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

function inWorker(job: CopyJob, key: Buffer): Promise<CopyOutcome>;
function inWorker(job: VerifyJob, key: Buffer): Promise<VerifyOutcome>;
function inWorker(job: CopyJob | VerifyJob, key: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const keyCopy = new Uint8Array(key);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { job, key: keyCopy, modulePath: driverPath() } });
    keyCopy.fill(0);
    let settled = false;
    worker.once('message', (message: { ok: true; value: unknown } | { ok: false; code?: string; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.value);
      else reject(Object.assign(new Error(message.message), { code: message.code }));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`Le processus de sauvegarde s’est arrêté (code ${code}).`));
    });
  });
}

/** Opens a database file with the key in a worker: integrity, counts, size, sha256 (and the account `login`'s role). */
export function verifyDatabaseFile(file: string, key: Buffer, login?: string): Promise<VerifyOutcome> {
  return inWorker({ op: 'verify', file, ...(login === undefined ? {} : { login }) }, key);
}

// ---------------------------------------------------------------------------------------------------------------
// Folders.

/**
 * Checks that the backup folder exists and is writable (a probe file is written then removed). `create`: the
 * folder (the default one) may be created. Throws a VALIDATION error in French, on the `folder` field.
 */
export async function checkBackupFolder(folder: string, options: { create?: boolean } = {}): Promise<void> {
  const refuse = (why: string): never => {
    const message = `Le dossier des sauvegardes « ${folder} » ${why}`;
    throw new ApiError('VALIDATION', message, { folder: message });
  };
  if (!path.isAbsolute(folder)) refuse('doit être un chemin complet (par exemple \\\\serveur\\partage\\sauvegardes ou /mnt/sauvegardes).');
  if (options.create) {
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      refuse(`ne peut pas être créé (${errorCode(error)}).`);
    }
  }
  let info;
  try {
    info = await stat(folder);
  } catch {
    return refuse('n’existe pas ou n’est pas accessible : vérifiez le chemin et que le partage réseau est connecté.');
  }
  if (!info.isDirectory()) refuse('n’est pas un dossier.');
  const probe = path.join(folder, `${TEMP_PREFIX}test-${randomBytes(6).toString('hex')}`);
  try {
    await access(folder, constants.W_OK);
    await writeFile(probe, 'test', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    refuse(`n’est pas accessible en écriture (${errorCode(error)}) : choisissez un dossier où l’application peut écrire.`);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

const errorCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
};

/** `parcours-2026-03-02_09-00-00-000` (UTC), with `-2`, `-3`… if that name is taken. */
function backupFolderName(root: string, at: Date): string {
  const stamp = at.toISOString().replace('T', '_').replace(/[:.]/g, '-').replace(/Z$/, '');
  let name = `${BACKUP_PREFIX}${stamp}`;
  for (let n = 2; existsSync(path.join(root, name)); n += 1) name = `${BACKUP_PREFIX}${stamp}-${n}`;
  return name;
}

async function fileEntry(file: string): Promise<FileEntry> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { name: path.basename(file), sizeBytes: (await stat(file)).size, sha256: hash.digest('hex') };
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Backup.

export interface BackupRequest {
  /** The open database's file and its key. */
  dbPath: string;
  key: Buffer;
  /** The backup folder (checked writable first). */
  root: string;
  at: Date;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  /** Reads the keys file (under the lock that serialises its writers). */
  readKeys: () => Promise<Buffer>;
  /**
   * Runs the copy (counts, VACUUM INTO, keys file) — e.g. through the write queue, so that no write commits while
   * the copy runs. Default: as is (the caller already holds the queue).
   */
  whileCopying?: <T>(copy: () => Promise<T>) => Promise<T>;
  /** The verification's time. */
  now: () => Date;
}

const damaged = (message: string) => new ApiError('DATABASE', `La sauvegarde n’a pas pu être vérifiée : ${message}. Elle n’a pas été conservée.`);

/**
 * Writes one backup folder and verifies it; on any failure nothing is left in `root`. Returns its manifest.
 * The database copy and the keys file are read while no write commits (`whileCopying`): they belong together.
 */
export async function createBackup(request: BackupRequest): Promise<BackupResult> {
  const { root } = request;
  await checkBackupFolder(root);
  await removeStaleTemporaries(root);
  const temp = path.join(root, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(temp, { mode: 0o700 });
    const dbCopy = path.join(temp, DATABASE_FILE_NAME);
    const keysCopy = path.join(temp, KEY_FILE_NAME);
    const copied = await (request.whileCopying ?? ((copy) => copy()))(async () => {
      const outcome = await inWorker({ op: 'copy', source: request.dbPath, target: dbCopy }, request.key);
      if (outcome.changed) return null;
      await writeFile(keysCopy, await request.readKeys(), { mode: 0o600, flag: 'wx' });
      return outcome.counts;
    });
    if (!copied) throw damaged('la base a été modifiée pendant la copie');
    await chmod(dbCopy, 0o600);
    await syncFile(keysCopy);

    const check = await verifyDatabaseFile(dbCopy, request.key);
    if (check.integrity.join() !== 'ok') throw damaged(`contrôle d’intégrité : ${check.integrity.slice(0, 3).join(' ; ')}`);
    const expected = JSON.stringify(sortKeys(copied));
    if (JSON.stringify(sortKeys(check.counts)) !== expected) throw damaged('les nombres de lignes de la copie diffèrent de ceux de la base');

    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      version: 1,
      at: request.at.toISOString(),
      kind: request.kind,
      appVersion: request.appVersion,
      schemaVersion: request.schemaVersion,
      counts: sortKeys(copied),
      database: { name: DATABASE_FILE_NAME, sizeBytes: check.sizeBytes, sha256: check.sha256 },
      keys: await fileEntry(keysCopy),
      verifiedAt: request.now().toISOString(),
    };
    const manifestFile = path.join(temp, MANIFEST_FILE_NAME);
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await syncFile(manifestFile);
    const fileName = backupFolderName(root, request.at);
    await rename(temp, path.join(root, fileName));
    return { fileName, root, manifest };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw new ApiError('DATABASE', `La sauvegarde a échoué : ${errorCode(error)}. Aucune sauvegarde n’a été écrite.`);
  }
}

const sortKeys = (counts: TableCounts): TableCounts =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

// ---------------------------------------------------------------------------------------------------------------
// Reading a backup folder (no key needed).

const NOT_A_BACKUP = 'n’est pas une sauvegarde Parcours RSA (le fichier manifeste.json est absent ou illisible)';

function isFileEntry(value: unknown): value is FileEntry {
  const v = value as FileEntry | null;
  return !!v && typeof v.name === 'string' && Number.isInteger(v.sizeBytes) && typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256);
}

/** Parses a manifest; null when it is not one of ours. */
export function parseManifest(text: string): BackupManifest | null {
  let value: Partial<BackupManifest>;
  try {
    value = JSON.parse(text) as Partial<BackupManifest>;
  } catch {
    return null;
  }
  if (!value || value.format !== MANIFEST_FORMAT || value.version !== 1) return null;
  if (typeof value.at !== 'string' || Number.isNaN(Date.parse(value.at))) return null;
  if (!BACKUP_KINDS.includes(value.kind as BackupKind) || !Number.isInteger(value.schemaVersion)) return null;
  if (typeof value.verifiedAt !== 'string' || typeof value.appVersion !== 'string') return null;
  const counts = value.counts;
  if (!counts || typeof counts !== 'object' || !Object.values(counts).every((n) => Number.isInteger(n) && n >= 0)) return null;
  if (!isFileEntry(value.database) || !isFileEntry(value.keys)) return null;
  if (value.database.name !== DATABASE_FILE_NAME || value.keys.name !== KEY_FILE_NAME) return null;
  return value as BackupManifest;
}

/**
 * The manifest of a backup folder (or of the folder of a chosen `manifeste.json` / `parcours.db`), with its files
 * checked against it (present, same size and sha256). Throws a French error naming what is wrong.
 */
export async function inspectBackupFolder(chosen: string): Promise<{ folder: string; manifest: BackupManifest }> {
  const refuse = (why: string): never => {
    throw new ApiError('NOT_FOUND', `« ${chosen} » ${why}.`, { path: `« ${chosen} » ${why}.` });
  };
  if (!path.isAbsolute(chosen)) refuse('doit être un chemin complet');
  let folder = chosen;
  try {
    if (!statSync(chosen).isDirectory()) folder = path.dirname(chosen);
  } catch {
    refuse('est introuvable');
  }
  let text: string;
  try {
    text = readFileSync(path.join(folder, MANIFEST_FILE_NAME), 'utf8');
  } catch {
    return refuse(NOT_A_BACKUP);
  }
  const manifest = parseManifest(text) ?? refuse(NOT_A_BACKUP);
  for (const entry of [manifest.database, manifest.keys]) {
    const file = path.join(folder, entry.name);
    if (!existsSync(file)) refuse(`est incomplète : le fichier ${entry.name} manque`);
    const actual = await fileEntry(file);
    if (actual.sizeBytes !== entry.sizeBytes || actual.sha256 !== entry.sha256) {
      throw new ApiError('DATABASE', `La sauvegarde « ${folder} » est endommagée : le fichier ${entry.name} ne correspond plus à son empreinte (sha256).`);
    }
  }
  return { folder, manifest };
}

/** The backup folders directly in `root` (by name), newest first. */
export async function listBackupFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && e.name.startsWith(BACKUP_PREFIX))
    .map((e) => e.name)
    .sort()
    .reverse();
}

// ---------------------------------------------------------------------------------------------------------------
// Restore.

export interface RestoreRequest {
  /** A backup folder already inspected (its files match the manifest). */
  folder: string;
  dbPath: string;
  keyPath: string;
  /** Stamp of the set-aside names: `parcours.db.avant-restauration-<stamp>`. */
  at: Date;
}

export interface RestoreResult {
  /** The current files, renamed (never deleted). */
  setAside: string[];
}

/**
 * The database must be closed. The current files (database, -wal, -shm, keys file) are renamed with a suffix; the
 * backup's database and keys file are copied in (temporary name, fsync, rename). If a step fails, the set-aside files
 * are put back.
 */
export async function restoreBackupFiles(request: RestoreRequest): Promise<RestoreResult> {
  const { dbPath, keyPath } = request;
  const suffix = `.avant-restauration-${request.at.toISOString().replace(/[:.]/g, '-')}`;
  const current = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`, keyPath].filter((f) => existsSync(f));
  const moved: [string, string][] = [];
  const written: string[] = [];
  try {
    for (const file of current) {
      let target = `${file}${suffix}`;
      for (let n = 2; existsSync(target); n += 1) target = `${file}${suffix}-${n}`;
      await rename(file, target);
      moved.push([file, target]);
    }
    for (const [from, to] of [
      [path.join(request.folder, DATABASE_FILE_NAME), dbPath],
      [path.join(request.folder, KEY_FILE_NAME), keyPath],
    ] as const) {
      const temp = `${to}.restauration-${randomBytes(6).toString('hex')}`;
      written.push(temp);
      await copyFile(from, temp, constants.COPYFILE_EXCL);
      await chmod(temp, 0o600);
      await syncFile(temp);
      await rename(temp, to);
      written.push(to);
    }
    return { setAside: moved.map(([, to]) => to) };
  } catch (error) {
    for (const file of written) await rm(file, { force: true }).catch(() => undefined);
    for (const [from, to] of moved.reverse()) await rename(to, from).catch(() => undefined);
    throw new ApiError('DATABASE', `La restauration a échoué (${errorCode(error)}) : les fichiers actuels ont été remis en place.`);
  }
}

/** A backup interrupted (process killed) leaves its temporary folder: removed by the next backup after 10 minutes. */
const STALE_TEMPORARY_MS = 10 * 60_000;

async function removeStaleTemporaries(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const full = path.join(root, name);
    const info = await stat(full).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_TEMPORARY_MS) await rm(full, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Removes a backup folder (rotation). Only folders holding a manifest of ours are removed; the manifest goes last, so a
 * removal cut short is finished by the next rotation instead of leaving a folder it no longer recognises.
 */
export async function removeBackupFolder(folder: string): Promise<boolean> {
  if (!existsSync(folder)) return true;
  try {
    if (!parseManifest(await readFile(path.join(folder, MANIFEST_FILE_NAME), 'utf8'))) return false;
    for (const name of await readdir(folder)) if (name !== MANIFEST_FILE_NAME) await rm(path.join(folder, name), { recursive: true, force: true });
    await rm(folder, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
