/** Making a backup: the manual one (a write call) and the automatic ones (at start, then daily, with the rotation). */
import { readFile } from 'node:fs/promises';
import { createBackup, removeBackupFolder, type BackupKind, type BackupRequest, type BackupResult } from '../../../db/backup';
import type { OpenedDatabase } from '../../../db/open';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { AppContext, AuthedCall } from '../context';
import { automaticKind, findBackup, keptAutomatic, markRemoved, recordBackup, rotationVictims } from './records';
import { writableBackupFolder } from './settings';

/** The database closed (logout, expiry, restore) while an automatic backup ran: it stops. */
export class Closed extends Error {}

async function backupOf(app: AppContext, kind: BackupKind, whileCopying?: BackupRequest['whileCopying']): Promise<BackupResult> {
  const ws = app.workspace;
  const root = await writableBackupFolder(app);
  const key = Buffer.from(ws.key);
  try {
    return await createBackup({
      dbPath: ws.dbPath,
      key,
      root,
      at: app.options.now(),
      kind,
      appVersion: app.options.appVersion,
      schemaVersion: ws.schemaVersion(),
      readKeys: () => ws.lock.run(() => readFile(ws.keyPath)),
      now: app.options.now,
      ...(whileCopying ? { whileCopying } : {}),
    });
  } finally {
    key.fill(0);
  }
}

/**
 * `backups.create`: runs inside the dispatcher's write transaction, so no write commits during the copy; the backup
 * is recorded in the same transaction.
 */
export async function create(_input: MethodParsedInput<'backups.create'>, call: AuthedCall): Promise<MethodOutput<'backups.create'>> {
  const result = await backupOf(call.app, 'manuelle');
  const id = recordBackup(call.open.db, result, call.actor.id);
  const item = findBackup(call.open.db, id);
  if (!item) throw new ApiError('INTERNAL', 'La sauvegarde écrite n’a pas été enregistrée.');
  return item;
}

/** Runs `task` in a write transaction of its own on `open`, through the write queue, if `open` is still the database. */
function inOwnWrite<T>(app: AppContext, open: OpenedDatabase, task: () => Promise<T> | T): Promise<T> {
  const ws = app.workspace;
  return ws.writes.run(async () => {
    if (ws.current?.sqlite !== open.sqlite || !open.sqlite.open) throw new Closed();
    return task();
  });
}

/**
 * An automatic backup: the copy runs through the write queue (the writes wait for it, the reads do not); the
 * verification outside it; then it is recorded, and the rotation removes the automatic backups it no longer keeps
 * (their folders first: a folder that cannot be removed stays recorded).
 */
export async function automaticBackup(app: AppContext, open: OpenedDatabase, kind: 'demarrage' | 'quotidienne'): Promise<BackupResult> {
  const at = app.options.now();
  // The read-only connection: the write connection may be inside a write call's transaction.
  const reader = app.workspace.reader ?? open;
  const result = await backupOf(app, automaticKind(reader.db, at, kind), (copy) => inOwnWrite(app, open, copy));
  await inOwnWrite(app, open, async () => {
    const victims = new Set(rotationVictims([...keptAutomatic(open.db), { id: 0, at: result.manifest.at, kind: result.manifest.kind }]));
    const removed: number[] = [];
    for (const row of keptAutomatic(open.db)) {
      if (victims.has(row.id) && (await removeBackupFolder(row.path))) removed.push(row.id);
    }
    const { sqlite } = open;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      recordBackup(open.db, result, null);
      markRemoved(open.db, removed, app.nowIso());
      sqlite.exec('COMMIT');
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  });
  return result;
}
