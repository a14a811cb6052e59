/** Backups and restore (see shared/api/backup.ts and db/backup.ts). */
import type { backupMethods } from '../../../shared/api/backup';
import type { HandlersFor } from '../../app/types';
import type { AuthedCall } from '../context';
import { create } from './make';
import { listBackups, lastBackup } from './records';
import { inspect, inspectFolder, restore } from './restore';
import { backupSettings, settingsGet, settingsUpdate } from './settings';

export { AutomaticBackups } from './automatic';
/** The date-time of the last verified backup, null if none (the administrator's desk: « dernière sauvegarde »). */
export { lastBackup };

export const backupHandlers: HandlersFor<keyof typeof backupMethods> = {
  'backups.list': (_input, call: AuthedCall) => ({
    folder: backupSettings(call.app).folder,
    items: listBackups(call.open.db),
    lastBackupAt: lastBackup(call.open.db),
  }),
  'backups.create': create,
  'backups.settings.get': settingsGet,
  'backups.settings.update': settingsUpdate,
  'backups.inspect': inspect,
  'backups.inspectFolder': inspectFolder,
  'backups.restore': restore,
};
