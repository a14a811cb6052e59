/**
 * Backups and restore (issue 13 §1). A backup is an encrypted copy of the database plus the keys file, verified after
 * writing, in a folder the administrator chooses (a network share in practice). The app makes one at start and then
 * daily (7 dailies and 4 weeklies kept); the administrator makes one at any time.
 *
 * Restoring replaces the database and the keys file by the backup's (the current ones are set aside, renamed, never
 * deleted); every session ends and the users log in again with the backup's passwords. It is a public method: it
 * also serves the start screen, when the database is missing or damaged and nobody can log in. It asks for the login
 * and password of an active administrator of the backup — someone must be able to open it afterwards — and, while a
 * session is open, is refused to anyone but an administrator.
 */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, requiredText } from './common';
import { def, type MethodDef } from './method';

export const BACKUP_KIND_LABELS = {
  manuelle: 'Manuelle',
  demarrage: 'Au démarrage',
  quotidienne: 'Quotidienne',
  hebdomadaire: 'Hebdomadaire',
} as const;
export const backupKindSchema = z.enum(['manuelle', 'demarrage', 'quotidienne', 'hebdomadaire']);
export type BackupKindValue = z.output<typeof backupKindSchema>;

/** The tables whose counts a screen shows, in this order (a backup's counts cover every table). */
export const BACKUP_COUNT_LABELS: Readonly<Record<string, string>> = {
  persons: 'Personnes',
  foyers: 'Foyers',
  dsp_revisions: 'Révisions de DSP',
  contracts: 'Contrats',
  fiches_liaison: 'Fiches de liaison',
  documents: 'Documents archivés',
  users: 'Comptes',
  audit_log: 'Lignes du journal',
};

/** A backup a screen offers: date, kind, size, row counts and where it is. */
const backupBase = z.object({
  at: isoDateTimeSchema,
  kind: backupKindSchema,
  /** The backup's folder (full path). */
  path: z.string(),
  /** The database and the keys file. */
  sizeBytes: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  verifiedAt: isoDateTimeSchema,
});

/** A backup read from its folder (its manifest), before a restore. */
export const backupSummarySchema = backupBase.extend({
  /** The schema version of the backed-up database (an older one is migrated at the next login). */
  schemaVersion: z.number().int().nonnegative(),
  appVersion: z.string(),
});
export type BackupSummary = z.output<typeof backupSummarySchema>;

/** A backup recorded by this database. */
export const backupItemSchema = backupBase.extend({
  id: idSchema,
  /** Who asked for it (manual backups); null for the automatic ones. */
  byUser: z.string().nullable(),
  /** Deleted by the rotation: when. */
  removedAt: isoDateTimeSchema.nullable(),
});
export type BackupItem = z.output<typeof backupItemSchema>;

export const backupSettingsSchema = z.object({
  folder: z.string(),
  defaultFolder: z.string(),
  isDefault: z.boolean(),
});
export type BackupSettings = z.output<typeof backupSettingsSchema>;

const pathSchema = requiredText('Dossier', 1000);

export const backupRestoreInputSchema = z.object({
  /** The backup's folder (or a file in it). */
  path: pathSchema,
  /** An active administrator of the backup (their password is the one that will open it). */
  login: z.string().trim().toLowerCase().min(1, 'Saisissez l’identifiant d’un administrateur de la sauvegarde').max(40),
  password: z.string().min(1, 'Saisissez son mot de passe (celui de la sauvegarde)').max(200),
});

const ADMIN = ['administrateur'] as const;

export const backupMethods = {
  /** The backups made by this database (newest first), removed ones included, with the folder they go to. */
  'backups.list': def({
    input: z.object({}).strict(),
    output: z.object({ folder: z.string(), items: z.array(backupItemSchema), lastBackupAt: isoDateTimeSchema.nullable() }),
    access: ADMIN,
    writes: false,
  }),
  /** A backup now: written, verified, recorded. */
  'backups.create': def({ input: z.object({}).strict(), output: backupItemSchema, access: ADMIN, writes: true }),
  'backups.settings.get': def({ input: z.object({}).strict(), output: backupSettingsSchema, access: ADMIN, writes: false }),
  /** The backup folder (null: the default one, in the data folder); it must exist and be writable. */
  'backups.settings.update': def({
    input: z.object({ folder: pathSchema.nullable() }),
    output: backupSettingsSchema,
    access: ADMIN,
    writes: true,
  }),
  /** One recorded backup, read again from its folder (its files checked against their sha256). */
  'backups.inspect': def({ input: z.object({ id: idSchema }), output: backupSummarySchema, access: ADMIN, writes: false }),
  /** A backup folder chosen by path (start screen or administration): its manifest, without the key. */
  'backups.inspectFolder': def({ input: z.object({ path: pathSchema }), output: backupSummarySchema, access: 'public', writes: false }),
  /** Restores a backup folder; every session ends. */
  'backups.restore': def({
    input: backupRestoreInputSchema,
    output: z.object({ ok: z.literal(true), restored: backupSummarySchema, setAside: z.array(z.string()) }),
    access: 'public',
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
