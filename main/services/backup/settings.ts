/**
 * Where backups go: `<dataDir>/sauvegardes` unless the administrator chose another folder (a network share in
 * practice). The choice is kept in a small clear file of the data folder, `parcours.sauvegardes.json` — outside the
 * database, so that it survives a restore and is known before anyone logs in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkBackupFolder } from '../../../db/backup';
import { recordAudit } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { auditActor, type AppContext, type AuthedCall } from '../context';

export const SETTINGS_FILE_NAME = 'parcours.sauvegardes.json';
export const DEFAULT_FOLDER_NAME = 'sauvegardes';

const settingsFile = (app: AppContext) => path.join(app.options.dataDir, SETTINGS_FILE_NAME);
export const defaultFolder = (app: AppContext) => path.join(app.options.dataDir, DEFAULT_FOLDER_NAME);

/** The chosen folder, or null (the default one). A damaged settings file counts as no choice. */
function chosenFolder(app: AppContext): string | null {
  const file = settingsFile(app);
  if (!existsSync(file)) return null;
  try {
    const value = (JSON.parse(readFileSync(file, 'utf8')) as { dossier?: unknown }).dossier;
    return typeof value === 'string' && path.isAbsolute(value) ? value : null;
  } catch {
    return null;
  }
}

export function backupSettings(app: AppContext): MethodOutput<'backups.settings.get'> {
  const chosen = chosenFolder(app);
  return { folder: chosen ?? defaultFolder(app), defaultFolder: defaultFolder(app), isDefault: chosen === null };
}

/** The backup folder, checked writable (the default one is created when missing). */
export async function writableBackupFolder(app: AppContext): Promise<string> {
  const { folder, isDefault } = backupSettings(app);
  await checkBackupFolder(folder, { create: isDefault });
  return folder;
}

export function settingsGet(_input: MethodParsedInput<'backups.settings.get'>, call: AuthedCall): MethodOutput<'backups.settings.get'> {
  return backupSettings(call.app);
}

/** Checks the new folder (exists, writable) before anything is written; then the settings file, and a journal line. */
export async function settingsUpdate(
  input: MethodParsedInput<'backups.settings.update'>,
  call: AuthedCall,
): Promise<MethodOutput<'backups.settings.update'>> {
  const { app } = call;
  const before = backupSettings(app);
  const folder = input.folder === null ? null : path.normalize(input.folder);
  await checkBackupFolder(folder ?? defaultFolder(app), { create: folder === null });
  const file = settingsFile(app);
  const temp = `${file}.tmp`;
  await writeFile(temp, `${JSON.stringify({ dossier: folder }, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
  const after = backupSettings(app);
  recordAudit(call.open.db, {
    actor: auditActor(call.actor),
    at: app.nowIso(),
    entity: 'backup_settings',
    entityId: 'dossier',
    action: 'update',
    before: { dossier: before.folder },
    after: { dossier: after.folder },
  });
  return after;
}
