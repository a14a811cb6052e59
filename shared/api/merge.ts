/**
 * API of duplicates and merges (issue 15 §1 « Matching and duplicates »).
 *
 * - `duplicates.list`: the possible duplicates waiting for a person's answer — the lines of applied import batches
 *   whose identity looked like an existing dossier (verdict « doublon possible », not yet resolved) and the pairs of
 *   existing dossiers with the same identity (name without accents, case, hyphens or particles + first prénom + birth
 *   date: shared/domain/identity.ts), each with both identities side by side.
 * - `duplicates.resolve`: the answer for an import line — « refuse » (not the same person: its dossier is created) or
 *   « confirme » (the same: the line is applied to the existing dossier, as an update line of its kind would be).
 * - `duplicates.dismissPair`: a pair of existing dossiers answered « Ce ne sont pas les mêmes personnes »: the list no
 *   longer offers it.
 * - `merge.preview` / `merge.apply`: two dossiers found to be the same person; every record of the merged one moves to
 *   the kept one, or the merge is refused with the reason (nothing changes). The merged dossier keeps its identity,
 *   points to the kept one, becomes read-only and leaves the search. Both histories stay; the merge is in the journal.
 *
 * Access: correspondants and administrateurs, on the dossiers of their MDS.
 */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';
import { def, type MethodDef } from './method';

const MERGERS = ['correspondant', 'administrateur'] as const;

/** The records of a dossier, counted (what a merge moves). */
export const recordCountsSchema = z.object({
  dsp: z.number().int().nonnegative(),
  ede: z.number().int().nonnegative(),
  preconisations: z.number().int().nonnegative(),
  orientations: z.number().int().nonnegative(),
  contracts: z.number().int().nonnegative(),
  fiches: z.number().int().nonnegative(),
  attachments: z.number().int().nonnegative(),
  saisines: z.number().int().nonnegative(),
  sanctions: z.number().int().nonnegative(),
  appointments: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  ftEvents: z.number().int().nonnegative(),
  incomes: z.number().int().nonnegative(),
});
export type RecordCounts = z.output<typeof recordCountsSchema>;

/** No record of any kind. */
export const emptyCounts = (): RecordCounts => ({
  dsp: 0,
  ede: 0,
  preconisations: 0,
  orientations: 0,
  contracts: 0,
  fiches: 0,
  attachments: 0,
  saisines: 0,
  sanctions: 0,
  appointments: 0,
  documents: 0,
  ftEvents: 0,
  incomes: 0,
});

/** French label of each kind of record, in the order the screens list them. */
export const RECORD_LABELS: Record<keyof RecordCounts, string> = {
  dsp: 'Révisions de la DSP',
  ede: 'Échelles de distance à l’emploi',
  preconisations: 'Préconisations de l’équipe d’orientation',
  orientations: 'Orientations',
  contracts: 'Contrats (CERS, CERP)',
  fiches: 'Fiches de liaison',
  attachments: 'Pièces jointes',
  saisines: 'Saisines de l’équipe pluridisciplinaire',
  sanctions: 'Sanctions',
  appointments: 'Rendez-vous',
  documents: 'Documents archivés',
  ftEvents: 'Événements France Travail',
  incomes: 'Revenus déclarés',
};

/** An existing dossier as a duplicate shows it. */
export const duplicateDossierSchema = z.object({
  personId: idSchema,
  /** « NOM (nom d’usage …) Prénoms ». */
  name: z.string(),
  nomPatronymique: z.string(),
  nomUsage: z.string().nullable(),
  prenoms: z.string(),
  sexe: z.string(),
  dateNaissance: z.string(),
  cafNumber: z.string(),
  peNumber: z.string().nullable(),
  rsaDepuis: z.string().nullable(),
  city: z.string(),
  referentName: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  counts: recordCountsSchema,
});
export type DuplicateDossier = z.output<typeof duplicateDossierSchema>;

/** A line of an import batch that may be an existing dossier. */
export const importDuplicateSchema = z.object({
  rowId: idSchema,
  batchId: idSchema,
  line: z.number().int().positive(),
  /** « Nouveaux bénéficiaires (liste CAF) », « France Travail : radiations »… */
  kindLabel: z.string(),
  fileName: z.string(),
  importedAt: isoDateTimeSchema,
  /** Why the import found it a possible duplicate. */
  reason: z.string().nullable(),
  /** The line's identity as read in the file. */
  lineIdentity: z.object({
    nom: z.string(),
    prenoms: z.string(),
    dateNaissance: z.string(),
    cafNumber: z.string().nullable(),
    peNumber: z.string().nullable(),
    commune: z.string().nullable(),
  }),
  candidate: duplicateDossierSchema,
});
export type ImportDuplicate = z.output<typeof importDuplicateSchema>;

/** Two existing dossiers with the same identity. */
export const dossierPairSchema = z.object({
  a: duplicateDossierSchema,
  b: duplicateDossierSchema,
});
export type DossierPair = z.output<typeof dossierPairSchema>;

const twoDossiers = { keptPersonId: idSchema, mergedPersonId: idSchema };
const differentDossiers = (v: { keptPersonId: number; mergedPersonId: number }) => v.keptPersonId !== v.mergedPersonId;
const DIFFERENT = { message: 'Choisissez deux dossiers différents.', path: ['mergedPersonId'] };
export const mergeInputSchema = z.object(twoDossiers).refine(differentDossiers, DIFFERENT);
export const mergeApplyInputSchema = z
  .object({ ...twoDossiers, confirm: z.literal(true, { error: 'Confirmez la fusion.' }) })
  .refine(differentDossiers, DIFFERENT);

export const mergePreviewSchema = z.object({
  kept: duplicateDossierSchema,
  merged: duplicateDossierSchema,
  /** What would move, per kind of record (the merged dossier's counts, incomes only when the kept one has none). */
  moves: recordCountsSchema,
  /** Why the merge is refused (empty: it may be applied). */
  refusals: z.array(z.string()),
});
export type MergePreview = z.output<typeof mergePreviewSchema>;

export const mergeMethods = {
  /** The possible duplicates of the MDS waiting for an answer. */
  'duplicates.list': def({
    input: z.object({}).strict(),
    output: z.object({
      imports: z.array(importDuplicateSchema),
      dossiers: z.array(dossierPairSchema),
      /** More pairs exist than listed (the first 200 are). */
      truncated: z.boolean(),
    }),
    access: MERGERS,
    writes: false,
  }),
  /**
   * The answer for an import line: « refuse » (another person: a new dossier) or « confirme » (the same person: the line
   * is applied to the existing dossier — a CAF line to its foyer, a France Travail line to the person). Either answer
   * makes the line's batch no longer undoable.
   */
  'duplicates.resolve': def({
    input: z.object({ rowId: idSchema, resolution: z.enum(['confirme', 'refuse'], { error: 'Choisissez une réponse.' }) }),
    output: z.object({
      rowId: idSchema,
      resolution: z.enum(['confirme', 'refuse']),
      /** The dossier the line now belongs to (the existing one, or the one created), when the import engine applied it. */
      personId: idSchema.nullable(),
      /** What happened, in one French sentence. */
      message: z.string(),
    }),
    access: MERGERS,
    writes: true,
  }),
  /** Two existing dossiers of the MDS are not the same person: the pair is no longer listed (each pair once). */
  'duplicates.dismissPair': def({
    input: z
      .object({ personAId: idSchema, personBId: idSchema })
      .refine((v) => v.personAId !== v.personBId, { message: 'Choisissez deux dossiers différents.', path: ['personBId'] }),
    output: z.object({
      /** The smaller id of the pair. */
      personAId: idSchema,
      personBId: idSchema,
      /** What happened, in one French sentence. */
      message: z.string(),
    }),
    access: MERGERS,
    writes: true,
  }),
  /** What a merge would move, and why it would be refused. Nothing is written. */
  'merge.preview': def({ input: mergeInputSchema, output: mergePreviewSchema, access: MERGERS, writes: false }),
  /** Merges `mergedPersonId` into `keptPersonId`; refused whole (nothing written) when a rule forbids it. */
  'merge.apply': def({
    input: mergeApplyInputSchema,
    output: z.object({ mergeId: idSchema, keptPersonId: idSchema, mergedPersonId: idSchema, moved: recordCountsSchema }),
    access: MERGERS,
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
