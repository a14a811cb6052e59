/**
 * The desk: each user's day on one screen (« Mon activité »), the échéancier across dossiers, and the work lists
 * behind the DSP, EDE and Orientation menus. Every list is scoped in main to what the user may see: a référent
 * their own dossiers, the other roles the dossiers of their MDS.
 */
import { z } from 'zod';
import { ECHEANCE_KINDS, SEVERITIES } from '../domain/rules/echeancier';
import { REORIENTATION_MOTIFS } from '../domain/rules/fiche-liaison';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './common';
import { def, empty, type MethodDef } from './method';

export const echeanceKindSchema = z.enum(ECHEANCE_KINDS);
export const severitySchema = z.enum(SEVERITIES);

/** The dossier page's sections an item or a row can open (renderer/src/app/dossierSections.tsx ids). */
export const DOSSIER_SECTION_IDS = ['dsp', 'ede', 'orientation', 'contrats', 'fiches', 'ep', 'rendez-vous', 'documents'] as const;
export const dossierSectionIdSchema = z.enum(DOSSIER_SECTION_IDS);

/** Filters of the échéancier; every one optional. `referentId` narrows a correspondent's view to one référent. */
export const echeancierFilterSchema = z
  .object({
    kinds: z.array(echeanceKindSchema).max(ECHEANCE_KINDS.length).optional(),
    severities: z.array(severitySchema).max(SEVERITIES.length).optional(),
    referentId: idSchema.optional(),
    personId: idSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'La date de début doit précéder la date de fin', path: ['to'] });
export type EcheancierFilter = z.input<typeof echeancierFilterSchema>;

export const ECHEANCIER_SORTS = ['date', 'severity', 'person', 'kind'] as const;

export const dueItemSchema = z.object({
  id: idSchema,
  personId: idSchema,
  personName: z.string(),
  referent: z.object({ id: idSchema, displayName: z.string() }).nullable(),
  kind: echeanceKindSchema,
  severity: severitySchema,
  date: isoDateSchema,
  title: z.string(),
  /** The handbook rule behind the item, in French. */
  rule: z.string(),
  /** The section of the dossier the item opens. */
  section: dossierSectionIdSchema,
});
export type DueItem = z.output<typeof dueItemSchema>;

const pageInput = {
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};

/** What a desk section's count links to: the filtered list showing exactly that many rows. */
export const WORKLISTS = {
  dsp_manquante: 'Dossiers sans DSP',
  ede_a_faire: 'EDE manquante ou antérieure au contrat à préparer',
  orientation_a_proposer: 'Orientation à proposer',
  orientation_a_decider: 'Orientation proposée, à décider',
  contrats_a_valider: 'Contrats transmis en attente de validation',
  fiches_envoyees: 'Mes fiches de liaison envoyées',
  validations_recues: 'Validations du Président reçues',
} as const;
export type WorklistKind = keyof typeof WORKLISTS;
export const worklistKindSchema = z.enum(Object.keys(WORKLISTS) as [WorklistKind, ...WorklistKind[]]);

export const deskLinkSchema = z.discriminatedUnion('to', [
  z.object({ to: z.literal('echeancier'), filter: echeancierFilterSchema }),
  z.object({ to: z.literal('worklist'), list: worklistKindSchema }),
  z.object({ to: z.literal('fiches') }),
  z.object({ to: z.literal('ep') }),
  z.object({ to: z.literal('epSession'), sessionId: idSchema }),
  z.object({ to: z.literal('users') }),
  z.object({ to: z.literal('backups') }),
  z.object({ to: z.literal('dossier'), personId: idSchema, section: dossierSectionIdSchema.optional() }),
  z.object({ to: z.literal('contract'), contractId: idSchema }),
  z.object({ to: z.literal('fiche'), ficheId: idSchema }),
  /** A new fiche de liaison, its type and motif chosen (a radiation from France Travail: the demande de réorientation). */
  z.object({ to: z.literal('newFiche'), personId: idSchema, type: z.literal('reorientation'), motif: z.enum(REORIENTATION_MOTIFS) }),
]);
export type DeskLink = z.output<typeof deskLinkSchema>;

export const deskRowSchema = z.object({
  label: z.string(),
  detail: z.string(),
  date: isoDateSchema.nullable(),
  severity: severitySchema.nullable(),
  link: deskLinkSchema,
});

export const deskSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  /** The number of rows of the list `link` opens (the same filter). */
  count: z.number().int().nonnegative(),
  tone: z.enum(['error', 'warning', 'info', 'neutral']),
  link: deskLinkSchema,
  /** The first rows (at most 10), most pressing first. */
  rows: z.array(deskRowSchema),
  /** Shown when there is nothing to do. */
  empty: z.string(),
});
export type DeskSection = z.output<typeof deskSectionSchema>;

export const worklistRowSchema = z.object({
  personId: idSchema,
  personName: z.string(),
  cafNumber: z.string(),
  referent: z.string().nullable(),
  /** The date the row is about (waiting since, contract end, sent on…), and the days since then when relevant. */
  date: isoDateSchema.nullable(),
  days: z.number().int().nullable(),
  detail: z.string(),
  link: deskLinkSchema,
});
export type WorklistRow = z.output<typeof worklistRowSchema>;

const ALL = 'authenticated' as const;

export const deskMethods = {
  /** « Mon activité »: the sections of the actor's role. Records the visit (validations since the previous one are new). */
  'desk.mine': def({
    input: empty,
    output: z.object({ today: isoDateSchema, previousVisitAt: isoDateTimeSchema.nullable(), sections: z.array(deskSectionSchema) }),
    access: ALL,
    writes: true,
  }),
  /** The navigation badge: items en retard and urgent in the actor's échéancier. */
  'desk.badge': def({
    input: empty,
    output: z.object({ enRetard: z.number().int().nonnegative(), urgent: z.number().int().nonnegative() }),
    access: ALL,
    writes: false,
  }),
  'echeancier.list': def({
    input: z
      .object({
        filter: echeancierFilterSchema.default({}),
        sort: z.enum(ECHEANCIER_SORTS).default('date'),
        direction: z.enum(['asc', 'desc']).default('asc'),
        ...pageInput,
      })
      .strict(),
    output: z.object({ total: z.number().int().nonnegative(), items: z.array(dueItemSchema), computedFor: isoDateSchema }),
    access: ALL,
    writes: false,
  }),
  /** Counts per day and severity between two dates (calendar view; at most 62 days). */
  'echeancier.calendar': def({
    input: z
      .object({ filter: echeancierFilterSchema.default({}), from: isoDateSchema, to: isoDateSchema })
      .strict()
      .refine((i) => i.from <= i.to, { message: 'La date de début doit précéder la date de fin', path: ['to'] }),
    output: z.array(
      z.object({ date: isoDateSchema, enRetard: z.number().int(), urgent: z.number().int(), aVenir: z.number().int(), info: z.number().int() }),
    ),
    access: ALL,
    writes: false,
  }),
  /** The filtered list as CSV for Excel (UTF-8 with BOM, `;`, French headers, dd/mm/yyyy). Recorded in the journal. */
  'echeancier.export': def({
    input: z.object({ filter: echeancierFilterSchema.default({}) }).strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int().nonnegative() }),
    access: ALL,
    writes: true,
  }),
  'worklists.list': def({
    input: z
      .object({
        list: worklistKindSchema,
        query: z.string().max(100).optional(),
        sort: z.enum(['date', 'person', 'days']).default('date'),
        direction: z.enum(['asc', 'desc']).default('asc'),
        ...pageInput,
      })
      .strict(),
    output: z.object({ total: z.number().int().nonnegative(), rows: z.array(worklistRowSchema) }),
    access: ALL,
    writes: false,
  }),
} as const satisfies Record<string, MethodDef>;
