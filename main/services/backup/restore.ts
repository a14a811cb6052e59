/**
 * Reading a backup before restoring it, and the restore. The restore is a public method (the start screen uses it
 * when nobody can log in); the dispatcher gives it no transaction: it takes the write queue and the workspace lock
 * itself, ends every session, closes the database, sets the current files aside and copies the backup's in.
 */
import path from 'node:path';
import { inspectBackupFolder, restoreBackupFiles, verifyDatabaseFile, type BackupManifest } from '../../../db/backup';
import { KEY_FILE_NAME, unwrapKey } from '../../../db/keyslots';
import { knownMigrations } from '../../../db/migrate';
import type { BackupSummary } from '../../../shared/api/backup';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { tooManyAttemptsMessage } from '../throttle';
import type { AuthedCall, PublicCall } from '../context';
import { findBackup } from './records';

const summaryOf = (folder: string, m: BackupManifest): BackupSummary => ({
  at: m.at,
  kind: m.kind,
  path: folder,
  sizeBytes: m.database.sizeBytes + m.keys.sizeBytes,
  counts: m.counts,
  schemaVersion: m.schemaVersion,
  appVersion: m.appVersion,
  verifiedAt: m.verifiedAt,
});

export async function inspectFolder(input: MethodParsedInput<'backups.inspectFolder'>, _call: PublicCall): Promise<MethodOutput<'backups.inspectFolder'>> {
  const { folder, manifest } = await inspectBackupFolder(input.path);
  return summaryOf(folder, manifest);
}

export async function inspect(input: MethodParsedInput<'backups.inspect'>, call: AuthedCall): Promise<MethodOutput<'backups.inspect'>> {
  const row = findBackup(call.open.db, input.id);
  if (!row) throw new ApiError('NOT_FOUND', 'Cette sauvegarde est introuvable.');
  if (row.removedAt) throw new ApiError('NOT_FOUND', 'Cette sauvegarde a été supprimée par la rotation des sauvegardes.');
  const { folder, manifest } = await inspectBackupFolder(row.path);
  return summaryOf(folder, manifest);
}

const RESTORE_BAD_CREDENTIALS = 'Identifiant ou mot de passe incorrect pour cette sauvegarde (le mot de passe est celui du compte au moment de la sauvegarde).';

/**
 * Checks everything before touching a file: the backup's files (sha256), its schema (not newer than the app), an
 * active administrator of the backup with this password (it unwraps the backup's key), the copy's integrity and row
 * counts. Then, with the write queue and the workspace lock held: every session ends, the database closes, the
 * current files are set aside and the backup's copied in.
 */
export async function restore(input: MethodParsedInput<'backups.restore'>, call: PublicCall): Promise<MethodOutput<'backups.restore'>> {
  const { app, actor } = call;
  const ws = app.workspace;
  if (ws.current && actor?.role !== 'administrateur') {
    throw new ApiError(
      'FORBIDDEN',
      'Des utilisateurs sont connectés : seul un administrateur connecté peut restaurer une sauvegarde (Administration › Sauvegardes).',
    );
  }
  const throttleKey = `restauration:${input.login}`;
  const wait = app.throttle.waitMs(throttleKey, app.nowMs());
  if (wait > 0) throw new ApiError('TOO_MANY_ATTEMPTS', tooManyAttemptsMessage(wait));

  const { folder, manifest } = await inspectBackupFolder(input.path);
  const known = knownMigrations(ws.migrationsFolder).length;
  if (manifest.schemaVersion > known) {
    throw new ApiError('DATABASE', `Cette sauvegarde vient d’une version plus récente de l’application (schéma ${manifest.schemaVersion}, celle-ci connaît ${known}) : mettez l’application à jour avant de la restaurer.`);
  }
  const key = await unwrapKey(path.join(folder, KEY_FILE_NAME), input.login, input.password);
  if (!key) {
    app.throttle.fail(throttleKey, app.nowMs());
    throw new ApiError('UNAUTHENTICATED', RESTORE_BAD_CREDENTIALS, { password: RESTORE_BAD_CREDENTIALS });
  }
  try {
    const check = await verifyDatabaseFile(path.join(folder, manifest.database.name), key, input.login).catch(() => {
      throw new ApiError('DATABASE', `La base de la sauvegarde « ${folder} » ne s’ouvre pas avec sa clé : elle est endommagée.`);
    });
    if (check.integrity.join() !== 'ok') {
      throw new ApiError('DATABASE', `La base de la sauvegarde « ${folder} » est endommagée (contrôle d’intégrité : ${check.integrity.slice(0, 2).join(' ; ')}).`);
    }
    if (JSON.stringify(check.counts) !== JSON.stringify(manifest.counts)) {
      throw new ApiError('DATABASE', `La base de la sauvegarde « ${folder} » ne correspond pas à son manifeste (nombres de lignes).`);
    }
    if (!check.user || check.user.role !== 'administrateur' || !check.user.active) {
      throw new ApiError('FORBIDDEN', 'Seul un administrateur actif dans la sauvegarde peut la restaurer : son compte ouvrira l’application restaurée.', {
        login: 'Ce compte n’est pas un administrateur actif dans la sauvegarde.',
      });
    }
  } finally {
    key.fill(0);
  }
  app.throttle.reset(throttleKey);

  const { setAside } = await ws.writes.run(() =>
    ws.lock.run(async () => {
      app.sessions.clear();
      ws.close();
      return restoreBackupFiles({ folder, dbPath: ws.dbPath, keyPath: ws.keyPath, at: app.options.now() });
    }),
  );
  console.info(`[sauvegarde] restaurée depuis ${folder} ; fichiers mis de côté : ${setAside.join(', ')}`);
  return { ok: true as const, restored: summaryOf(folder, manifest), setAside };
}
