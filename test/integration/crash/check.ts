/**
 * What must hold in a data folder after a SIGKILL (issue 13 §5), checked by opening it again with the key — the
 * connection recovers the WAL as the app's next start would:
 * - `PRAGMA integrity_check` = ok and `PRAGMA foreign_key_check` empty;
 * - every acknowledged write (ack log, world.ts) present: its row by id in its table, at least at the acknowledged
 *   version, with its audit line ('create', or 'update' for an update); drafts at least at the acknowledged save;
 *   a backup acknowledged is recorded and its folder verifies;
 * - no record without its audit line and no audit 'create' line without its record (or its 'delete' line), for
 *   every journaled table the writer writes — a service writing its audit line outside the write's transaction
 *   would leave one of the two after a kill between both;
 * - the échéancier (`due_items`) equal to a fresh recomputation of every dossier (refreshAllDueItems, rolled back):
 *   the dispatcher recomputes it inside each write's transaction;
 * - backups: in the backup folder, a backup folder is complete and verifiable (manifest and sha256 of its files,
 *   opens with the key, integrity ok, row counts equal to its manifest's) or temporary (`.parcours-en-cours-…`,
 *   ignored: never offered for a restore).
 *
 * `checkCrashFolder` returns the problems found (empty: all good); `crash.test.ts` also shows that each check fails
 * on a folder altered to break it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { inspectBackupFolder, verifyDatabaseFile } from '../../../db/backup';
import { DATABASE_FILE_NAME, KEY_FILE_NAME, unwrapKey } from '../../../db/keyslots';
import { refreshAllDueItems } from '../../../main/services/desk/due';
import { DEFAULT_FOLDER_NAME } from '../../../main/services/backup/settings';
import { CRASH_ADMIN, CRASH_DAY, isAcknowledgedCall, workFiles, type Ack } from './world';

/** Journaled tables the writer writes, by audit entity. */
export const JOURNALED: Readonly<Record<string, string>> = {
  mds: 'mds',
  user: 'users',
  foyer: 'foyers',
  person: 'persons',
  dsp_revision: 'dsp_revisions',
  ede_assessment: 'ede_assessments',
  orientation: 'orientations',
  organisme_referent: 'organismes_referents',
  orientation_referent: 'orientation_referents',
  contract: 'contracts',
  fiche_liaison: 'fiches_liaison',
  attachment: 'attachments',
  document: 'documents',
};
const ENTITY_OF = new Map(Object.entries(JOURNALED).map(([entity, table]) => [table, entity]));
const VERSIONED = new Set(['persons', 'contracts']);
const TEMP_PREFIX = '.parcours-en-cours-';

export interface CrashCheck {
  /** What is wrong (French, one line each); empty when everything holds. */
  problems: string[];
  /** Acknowledged calls, by method (`drafts.save`, `backups.create` included). */
  acked: Record<string, number>;
  /** Acknowledged writes not found (a subset of `problems`). */
  lost: number;
  /** The last backup asked for has no acknowledgement: the kill came during it (or while it waited its turn). */
  killedDuringBackup: boolean;
  backups: { complete: number; temporary: number };
}

/** The ack log's lines; a torn last line (the kill during its write) is ignored, since it was never complete. */
export function readAcks(file: string): Ack[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const acks: Ack[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    try {
      acks.push(JSON.parse(line) as Ack);
    } catch (error) {
      if (i < lines.length - 1 && lines[i + 1] !== '') throw error;
    }
  });
  return acks;
}

const keys = new Map<string, Buffer>();
/** The database key, through the administrator's key slot (cached per folder: the key never changes). */
export async function crashKey(dataDir: string): Promise<Buffer> {
  const cached = keys.get(dataDir);
  if (cached) return cached;
  const key = await unwrapKey(path.join(dataDir, KEY_FILE_NAME), CRASH_ADMIN.login, CRASH_ADMIN.password);
  if (!key) throw new Error('La clé de la base ne s’ouvre pas avec le mot de passe de l’administrateur.');
  keys.set(dataDir, key);
  return key;
}

export function openKeyed(file: string, key: Buffer): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

const DUE_COLUMNS =
  'person_id, mds_id, referent_user_id, correspondant_user_id, person_name, person_sort, kind, severity, date, title, rule, source_type, source_id';
const dueRows = (sqlite: Database.Database): string[] =>
  sqlite
    .prepare(`SELECT ${DUE_COLUMNS} FROM due_items`)
    .all()
    .map((r) => JSON.stringify(r))
    .sort();

function checkDatabase(sqlite: Database.Database, acks: readonly Ack[], problems: string[]): number {
  const integrity = (sqlite.pragma('integrity_check', { simple: false }) as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
  if (integrity.join() !== 'ok') problems.push(`integrity_check : ${integrity.slice(0, 5).join(' ; ')}`);
  const foreign = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const f of foreign.slice(0, 5)) problems.push(`foreign_key_check : ${f.table} ligne ${f.rowid} → ${f.parent} absent`);

  let lost = 0;
  const missing = (what: string) => {
    lost += 1;
    problems.push(`écriture acquittée perdue : ${what}`);
  };
  const hasAudit = (entity: string, id: number, action: string) =>
    sqlite.prepare('SELECT 1 FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ?').get(entity, String(id), action) !== undefined;
  for (const a of acks) {
    if (a.kind === 'row') {
      const stored = sqlite.prepare(`SELECT ${VERSIONED.has(a.table) ? 'version' : 'NULL'} AS version FROM "${a.table}" WHERE id = ?`).get(a.id) as
        | { version: number | null }
        | undefined;
      if (!stored) missing(`${a.method} → ${a.table} n° ${a.id}`);
      else if (a.version !== undefined && (stored.version ?? -1) < a.version) missing(`${a.method} → ${a.table} n° ${a.id} version ${a.version} (en base : ${stored.version})`);
      const entity = ENTITY_OF.get(a.table);
      if (stored && entity && !hasAudit(entity, a.id, a.audit)) problems.push(`${a.method} → ${a.table} n° ${a.id} sans sa ligne de journal (${a.audit})`);
    } else if (a.kind === 'draft') {
      const stored = sqlite.prepare('SELECT data_json FROM drafts WHERE user_id = ? AND key = ?').get(a.userId, a.key) as { data_json: string } | undefined;
      const n = stored ? (JSON.parse(stored.data_json) as { n?: number }).n ?? -1 : -1;
      if (n < a.n) missing(`drafts.save → brouillon ${a.key} n° ${a.n} (en base : ${stored ? n : 'absent'})`);
    } else if (a.kind === 'backup') {
      if (!sqlite.prepare('SELECT 1 FROM backups WHERE id = ?').get(a.id)) missing(`backups.create → sauvegarde n° ${a.id}`);
      if (!existsSync(a.path)) missing(`backups.create → dossier de la sauvegarde n° ${a.id} (${a.path})`);
    }
  }

  for (const [entity, table] of Object.entries(JOURNALED)) {
    const unjournaled = sqlite
      .prepare(`SELECT t.id FROM "${table}" t WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = ? AND a.entity_id = CAST(t.id AS TEXT) AND a.action = 'create')`)
      .pluck()
      .all(entity) as number[];
    if (unjournaled.length) problems.push(`${table} : ${unjournaled.length} ligne(s) sans ligne de journal « create » (n° ${unjournaled.slice(0, 5).join(', ')})`);
    const orphans = sqlite
      .prepare(
        `SELECT a.entity_id FROM audit_log a WHERE a.entity = ? AND a.action = 'create'
           AND NOT EXISTS (SELECT 1 FROM "${table}" t WHERE CAST(t.id AS TEXT) = a.entity_id)
           AND NOT EXISTS (SELECT 1 FROM audit_log d WHERE d.entity = a.entity AND d.entity_id = a.entity_id AND d.action = 'delete')`,
      )
      .pluck()
      .all(entity) as string[];
    if (orphans.length) problems.push(`journal : ${orphans.length} ligne(s) « create » de ${entity} sans l’enregistrement (n° ${orphans.slice(0, 5).join(', ')})`);
  }

  // The échéancier, recomputed from scratch in a transaction rolled back (the folder is left as it was).
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const stored = dueRows(sqlite);
    refreshAllDueItems(sqlite, CRASH_DAY);
    const fresh = dueRows(sqlite);
    if (stored.join('\n') !== fresh.join('\n')) {
      const storedSet = new Set(stored);
      const freshSet = new Set(fresh);
      const extra = stored.filter((r) => !freshSet.has(r));
      const absent = fresh.filter((r) => !storedSet.has(r));
      problems.push(`due_items : ${extra.length} élément(s) en trop, ${absent.length} manquant(s) par rapport à un recalcul (${[...extra, ...absent][0] ?? 'doublons'})`);
    }
  } finally {
    sqlite.exec('ROLLBACK');
  }
  return lost;
}

/** Checks the backup folders not verified yet (`verified` remembers them across rounds). */
async function checkBackups(root: string, key: Buffer, sqlite: Database.Database, verified: Set<string>, problems: string[]): Promise<{ complete: number; temporary: number }> {
  const result = { complete: 0, temporary: 0 };
  const names = existsSync(root) ? readdirSync(root) : [];
  for (const name of names) {
    const folder = path.join(root, name);
    if (name.startsWith(TEMP_PREFIX)) {
      result.temporary += 1;
      continue;
    }
    result.complete += 1;
    if (verified.has(folder)) continue;
    try {
      const { manifest } = await inspectBackupFolder(folder);
      const check = await verifyDatabaseFile(path.join(folder, DATABASE_FILE_NAME), key);
      if (check.integrity.join() !== 'ok') problems.push(`sauvegarde ${name} : integrity_check ${check.integrity.slice(0, 3).join(' ; ')}`);
      else if (JSON.stringify(check.counts) !== JSON.stringify(manifest.counts)) problems.push(`sauvegarde ${name} : les nombres de lignes diffèrent de son manifeste`);
      else verified.add(folder);
    } catch (error) {
      problems.push(`sauvegarde ${name} : ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const recorded = sqlite.prepare('SELECT id, folder, file_name FROM backups WHERE removed_at IS NULL').all() as { id: number; folder: string; file_name: string }[];
  for (const r of recorded) {
    if (!verified.has(path.join(r.folder, r.file_name))) problems.push(`sauvegarde n° ${r.id} enregistrée mais son dossier est absent ou invérifiable`);
  }
  return result;
}

/** Runs every check on a work folder (after the writer was killed). */
export async function checkCrashFolder(workDir: string, verifiedBackups = new Set<string>()): Promise<CrashCheck> {
  const files = workFiles(workDir);
  const acks = readAcks(files.ackLog);
  const key = await crashKey(files.dataDir);
  const problems: string[] = [];
  const sqlite = openKeyed(path.join(files.dataDir, DATABASE_FILE_NAME), key);
  try {
    const lost = checkDatabase(sqlite, acks, problems);
    const backups = await checkBackups(path.join(files.dataDir, DEFAULT_FOLDER_NAME), key, sqlite, verifiedBackups, problems);
    const acked: Record<string, number> = {};
    for (const a of acks.filter(isAcknowledgedCall)) {
      const method = a.kind === 'row' ? a.method : a.kind === 'draft' ? 'drafts.save' : 'backups.create';
      acked[method] = (acked[method] ?? 0) + 1;
    }
    const lastStart = acks.findLastIndex((a) => a.kind === 'backup-start');
    const killedDuringBackup = lastStart >= 0 && !acks.slice(lastStart).some((a) => a.kind === 'backup');
    return { problems, acked, lost, killedDuringBackup, backups };
  } finally {
    sqlite.close();
  }
}
