import { z } from 'zod';
import {
  idSchema,
  isoDateTimeSchema,
  loginSchema,
  newPasswordSchema,
  optionalText,
  requiredText,
  roleSchema,
} from './common';
import {
  dossierCreateInputSchema,
  dossierSchema,
  dossierSearchHitSchema,
  dossierSearchInputSchema,
  dossierUpdateInputSchema,
} from './dossier';
import { loginInputSchema } from './auth';
import { def, empty, ok, type MethodDef } from './method';
import { interviewMethods } from './interview';
import { contractsMethods } from './contracts';
import { fichesMethods } from './fiches';
import { epMethods } from './ep';
import { documentsMethods } from './documents';
import { deskMethods } from './desk';
import { appointmentsMethods } from './appointments';
import { recoveryIssuedSchema, recoveryMethods } from './recovery';
import { rgpdMethods } from './rgpd';
import { backupMethods } from './backup';
import { statisticsMethods } from './statistics';
import { exportsMethods } from './exports';
import { importsMethods } from './imports';
import { mergeMethods } from './merge';

export { def, type Access, type MethodDef } from './method';

export const mdsSchema = z.object({
  id: idSchema,
  name: z.string(),
  territory: z.string(),
  /** Postal address. */
  address: z.string().optional(),
  /** The commune its papers are made in: « Fait à <commune>, le … ». */
  commune: z.string().optional(),
});

export const userSchema = z.object({
  id: idSchema,
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  structure: z.string(),
  mdsId: idSchema,
  active: z.boolean(),
});
export type User = z.output<typeof userSchema>;
export type Mds = z.output<typeof mdsSchema>;

export const mdsInputSchema = z.object({
  name: requiredText('Nom de la MDS', 120),
  territory: requiredText('Territoire', 120),
  address: optionalText(300),
  commune: optionalText(120),
});

export const accountInputSchema = z.object({
  login: loginSchema,
  displayName: requiredText('Nom', 120),
  role: roleSchema,
  structure: requiredText('Structure', 120),
  password: newPasswordSchema,
});

export const auditEntrySchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  user: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const draftKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-zA-Z0-9:._-]+$/, 'Clé de brouillon invalide');

const ADMIN = ['administrateur'] as const;

/** Foundation: setup, sessions, accounts, dossiers, audit, drafts. Served identically over IPC and HTTP. */
export const foundationMethods = {
  'app.status': def({
    input: empty,
    output: z.object({
      initialized: z.boolean(),
      mds: mdsSchema.nullable(),
      appVersion: z.string(),
      schemaVersion: z.number().int(),
    }),
    access: 'public',
    writes: false,
  }),
  'setup.create': def({
    input: z.object({
      mds: mdsInputSchema,
      admin: accountInputSchema.omit({ role: true }),
    }),
    /** The recovery key, shown once, and its sheet to print (shared/api/recovery.ts). */
    output: ok.extend({ recovery: recoveryIssuedSchema }),
    access: 'public',
    writes: true,
  }),
  'auth.login': def({
    input: loginInputSchema,
    output: z.object({ session: z.string(), user: userSchema }),
    access: 'public',
    writes: false,
  }),
  'auth.logout': def({ input: empty, output: ok, access: 'authenticated', writes: false }),
  'auth.me': def({ input: empty, output: userSchema, access: 'authenticated', writes: false }),
  /** The screen locked after inactivity: the user's own password opens it again (throttled like the login). */
  'auth.unlock': def({ input: z.object({ password: z.string().min(1, 'Saisissez votre mot de passe').max(200) }), output: ok, access: 'authenticated', writes: false }),
  'auth.changePassword': def({
    input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: newPasswordSchema }),
    output: ok,
    access: 'authenticated',
    writes: true,
  }),
  'users.list': def({ input: empty, output: z.array(userSchema), access: ADMIN, writes: false }),
  'users.create': def({ input: accountInputSchema, output: userSchema, access: ADMIN, writes: true }),
  'users.update': def({
    input: z.object({
      id: idSchema,
      displayName: requiredText('Nom', 120),
      role: roleSchema,
      structure: requiredText('Structure', 120),
    }),
    output: userSchema,
    access: ADMIN,
    writes: true,
  }),
  /** Deactivates the account and removes its key slot; the account stays in the audit trail. */
  'users.remove': def({ input: z.object({ id: idSchema }), output: ok, access: ADMIN, writes: true }),
  /** Référents and correspondents of the MDS, to name them on a dossier. */
  'users.staff': def({
    input: empty,
    output: z.array(userSchema.pick({ id: true, displayName: true, role: true, structure: true })),
    access: 'authenticated',
    writes: false,
  }),
  'mds.get': def({ input: empty, output: mdsSchema, access: 'authenticated', writes: false }),
  /** The MDS's name, postal address and commune (administration); its territory, to which the EP belongs, stays. */
  'mds.update': def({ input: mdsInputSchema.omit({ territory: true }), output: mdsSchema, access: ADMIN, writes: true }),
  'dossiers.search': def({
    input: dossierSearchInputSchema,
    output: z.array(dossierSearchHitSchema),
    access: 'authenticated',
    writes: false,
  }),
  'dossiers.get': def({ input: z.object({ personId: idSchema }), output: dossierSchema, access: 'authenticated', writes: false }),
  'dossiers.create': def({
    input: dossierCreateInputSchema,
    output: dossierSchema,
    access: ['administrateur', 'correspondant', 'referent'],
    writes: true,
  }),
  'dossiers.update': def({
    input: dossierUpdateInputSchema,
    output: dossierSchema,
    access: ['administrateur', 'correspondant', 'referent'],
    writes: true,
  }),
  'audit.forDossier': def({
    input: z.object({ personId: idSchema }),
    output: z.array(auditEntrySchema),
    access: ADMIN,
    writes: false,
  }),
  /** Drafts of half-filled forms, per user, stored encrypted with the rest. */
  'drafts.get': def({
    input: z.object({ key: draftKeySchema }),
    output: z.object({ data: z.unknown(), updatedAt: isoDateTimeSchema }).nullable(),
    access: 'authenticated',
    writes: false,
  }),
  'drafts.save': def({
    input: z.object({ key: draftKeySchema, data: z.unknown() }),
    output: ok,
    access: 'authenticated',
    writes: true,
  }),
  'drafts.delete': def({ input: z.object({ key: draftKeySchema }), output: ok, access: 'authenticated', writes: true }),
} as const satisfies Record<string, MethodDef>;

/**
 * The whole API. Each capability adds its methods in a file of its own (shared/api/<feature>.ts exporting
 * `<feature>Methods`) and spreads them here.
 */
export const api = {
  ...foundationMethods,
  ...interviewMethods,
  ...contractsMethods,
  ...fichesMethods,
  ...epMethods,
  ...documentsMethods,
  ...deskMethods,
  ...appointmentsMethods,
  ...rgpdMethods,
  ...recoveryMethods,
  ...backupMethods,
  ...statisticsMethods,
  ...importsMethods,
  ...exportsMethods,
  ...mergeMethods,
} as const satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>;

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(api, name);
