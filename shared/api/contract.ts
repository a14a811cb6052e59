import { z } from 'zod';
import {
  emptyToUndefined,
  idSchema,
  isoDateSchema,
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
import { liveMethods } from './live';

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

/**
 * A partner référent's account (issue 14 §2: the handbook's extranet for CCAS, CAF, associations…): before access,
 * the date the « charte utilisateur » was signed and the reference of the « demande d’accès individuelle ».
 */
export const accountSchema = userSchema.extend({
  partner: z.boolean().optional(),
  charteSignedOn: isoDateSchema.nullish(),
  accessRequestRef: z.string().nullish(),
});
export type Account = z.output<typeof accountSchema>;

export const PARTNER_MESSAGES = {
  role: 'Un compte partenaire est un compte de référent.',
  charteSignedOn: 'Saisissez la date de signature de la charte utilisateur : sans elle, le compte partenaire ne peut pas être activé.',
  charteInFuture: 'La date de signature de la charte ne peut pas être dans le futur.',
  accessRequestRef: 'Saisissez la référence de la demande d’accès individuelle : sans elle, le compte partenaire ne peut pas être activé.',
} as const;

const partnerFields = {
  charteSignedOn: z.preprocess(emptyToUndefined, isoDateSchema.nullish()),
  accessRequestRef: z.preprocess(emptyToUndefined, z.string().trim().max(60, '60 caractères au plus').nullish()),
};

/** An (active) partner account needs a référent role, the charte's date and the access request's reference. */
export function refinePartnerAccount(
  v: { partner?: boolean | undefined; role: string; charteSignedOn?: string | null | undefined; accessRequestRef?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!v.partner) return;
  if (v.role !== 'referent') ctx.addIssue({ code: 'custom', path: ['role'], message: PARTNER_MESSAGES.role });
  if (!v.charteSignedOn) ctx.addIssue({ code: 'custom', path: ['charteSignedOn'], message: PARTNER_MESSAGES.charteSignedOn });
  if (!v.accessRequestRef) ctx.addIssue({ code: 'custom', path: ['accessRequestRef'], message: PARTNER_MESSAGES.accessRequestRef });
}

/** `users.create` before its partner rule (the form extends it with the password's confirmation). */
export const userCreateBaseSchema = accountInputSchema.extend({ partner: z.boolean().default(false), ...partnerFields });
/** `users.update` before its partner rule; partner fields left out are unchanged. */
export const userUpdateBaseSchema = z.object({
  id: idSchema,
  displayName: requiredText('Nom', 120),
  role: roleSchema,
  structure: requiredText('Structure', 120),
  partner: z.boolean().optional(),
  ...partnerFields,
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
  /** « Se déconnecter partout »: ends every session of the caller, this one included; `writes` for its journal line. */
  'auth.logoutEverywhere': def({ input: empty, output: ok.extend({ ended: z.number().int().min(0) }), access: 'authenticated', writes: true }),
  'auth.me': def({ input: empty, output: userSchema, access: 'authenticated', writes: false }),
  /** The screen locked after inactivity: the user's own password opens it again (throttled like the login). */
  'auth.unlock': def({ input: z.object({ password: z.string().min(1, 'Saisissez votre mot de passe').max(200) }), output: ok, access: 'authenticated', writes: false }),
  'auth.changePassword': def({
    input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: newPasswordSchema }),
    output: ok,
    access: 'authenticated',
    writes: true,
  }),
  'users.list': def({ input: empty, output: z.array(accountSchema), access: ADMIN, writes: false }),
  'users.create': def({ input: userCreateBaseSchema.superRefine(refinePartnerAccount), output: accountSchema, access: ADMIN, writes: true }),
  'users.update': def({ input: userUpdateBaseSchema.superRefine(refinePartnerAccount), output: accountSchema, access: ADMIN, writes: true }),
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
  ...liveMethods,
} as const satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>;

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(api, name);
