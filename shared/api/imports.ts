/**
 * API of the imports (issue 15 §1): a CAF list of new RSA beneficiaries or a France Travail list (inscriptions,
 * cessations, radiations, stock) comes in from a file (CSV in UTF-8 or Windows-1252, `;` or `,`, quoted fields; or
 * XLSX) without retyping.
 *
 * The flow: `imports.preview` reads the file, applies the column mapping (saved per kind and source) and stores a
 * batch « aperçu » with each line's verdict (nouveau, mise à jour, doublon possible, rejeté with its reason, inchangé)
 * without touching any dossier; `imports.apply` applies it in one transaction (progress: `imports.progress`, cancel:
 * `imports.cancel` — a cancel or an error leaves nothing); `imports.undo` undoes a batch whose records were not
 * touched since; `imports.rejectedFile` gives the rejected lines back as a CSV with a « motif du rejet » column.
 * The header is line 1 of the file; the first data line is line 2.
 *
 * Access: correspondants and administrateurs, for their MDS (a CAF line goes to the MDS of its commune; a line of
 * another MDS's commune is rejected). The communes of the MDS are the administrateur's (`communes.*`).
 */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, requiredText } from './common';
import { def, type MethodDef } from './method';

export const IMPORT_KIND_VALUES = ['caf_nouveaux', 'ft_inscriptions', 'ft_cessations', 'ft_radiations', 'ft_stock'] as const;
export const importKindSchema = z.enum(IMPORT_KIND_VALUES, { error: 'Choisissez le type de fichier' });
export type ImportKind = z.output<typeof importKindSchema>;
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  caf_nouveaux: 'Nouveaux bénéficiaires (liste CAF)',
  ft_inscriptions: 'France Travail : inscriptions',
  ft_cessations: 'France Travail : cessations d’inscription',
  ft_radiations: 'France Travail : radiations',
  ft_stock: 'France Travail : stock des inscrits',
};

export const IMPORT_VERDICT_VALUES = ['nouveau', 'mise_a_jour', 'doublon_possible', 'rejete', 'inchange'] as const;
export const importVerdictSchema = z.enum(IMPORT_VERDICT_VALUES);
export type ImportVerdict = z.output<typeof importVerdictSchema>;
export const IMPORT_VERDICT_LABELS: Record<ImportVerdict, string> = {
  nouveau: 'Nouveau',
  mise_a_jour: 'Mise à jour',
  doublon_possible: 'Doublon possible',
  rejete: 'Rejeté',
  inchange: 'Inchangé',
};

export const IMPORT_STATUS_VALUES = ['apercu', 'termine', 'echoue', 'annule'] as const;
export const importStatusSchema = z.enum(IMPORT_STATUS_VALUES);
export const IMPORT_STATUS_LABELS: Record<z.output<typeof importStatusSchema>, string> = {
  apercu: 'Aperçu (non appliqué)',
  termine: 'Importé',
  echoue: 'Échoué',
  annule: 'Annulé',
};

/** A field the import reads: its key (stable), its French label, whether a line needs it. */
export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}

/** The CAF list's fields (« nouveaux bénéficiaires »). */
export const CAF_FIELDS = [
  { key: 'numeroAllocataire', label: 'N° allocataire', required: true },
  { key: 'nom', label: 'Nom', required: true },
  { key: 'prenoms', label: 'Prénoms', required: true },
  { key: 'dateNaissance', label: 'Date de naissance', required: true },
  { key: 'sexe', label: 'Sexe', required: true },
  { key: 'adresse', label: 'Adresse', required: true },
  { key: 'codePostal', label: 'Code postal', required: true },
  { key: 'commune', label: 'Commune', required: true },
  { key: 'situationFamiliale', label: 'Situation familiale', required: true },
  { key: 'conjointNom', label: 'Nom du conjoint', required: false },
  { key: 'conjointPrenoms', label: 'Prénoms du conjoint', required: false },
  { key: 'conjointDateNaissance', label: 'Date de naissance du conjoint', required: false },
  { key: 'conjointSexe', label: 'Sexe du conjoint', required: false },
  { key: 'enfants', label: 'Enfants à charge', required: false },
  { key: 'rsaDepuis', label: 'RSA depuis le', required: true },
] as const satisfies readonly ImportField[];

/** The France Travail lists' fields (the four kinds share them). */
export const FT_FIELDS = [
  { key: 'identifiant', label: 'Identifiant France Travail', required: true },
  { key: 'nom', label: 'Nom', required: true },
  { key: 'prenom', label: 'Prénom', required: true },
  { key: 'dateNaissance', label: 'Date de naissance', required: true },
  { key: 'date', label: 'Date', required: true },
  { key: 'code', label: 'Code', required: false },
  { key: 'motif', label: 'Motif', required: false },
  { key: 'commune', label: 'Commune', required: false },
] as const satisfies readonly ImportField[];

export const importFieldsOf = (kind: ImportKind): readonly ImportField[] => (kind === 'caf_nouveaux' ? CAF_FIELDS : FT_FIELDS);

/** Identifiant France Travail: 7 digits, 1 character (digit or letter), 3 digits (e.g. 1234567A123). */
export const FT_IDENTIFIER = /^\d{7}[0-9A-Z]\d{3}$/;

/** Field key → the file's column header (null or absent: not in the file). */
export const importMappingSchema = z.record(z.string().max(40), z.string().max(200).nullable());
export type ImportMapping = z.output<typeof importMappingSchema>;

export const importSourceSchema = z.object({
  kind: importKindSchema,
  source: z.string(),
  mapping: importMappingSchema,
  updatedAt: isoDateTimeSchema,
});
export type ImportSource = z.output<typeof importSourceSchema>;

export const importCountsSchema = z.object({
  lines: z.number().int().nonnegative(),
  nouveau: z.number().int().nonnegative(),
  mise_a_jour: z.number().int().nonnegative(),
  doublon_possible: z.number().int().nonnegative(),
  rejete: z.number().int().nonnegative(),
  inchange: z.number().int().nonnegative(),
});
export type ImportCounts = z.output<typeof importCountsSchema>;

/** One line of a batch, as the preview and the rows list show it. */
export const importRowSchema = z.object({
  id: idSchema,
  /** Line number in the file (the header is line 1). */
  line: z.number().int().positive(),
  verdict: importVerdictSchema,
  /** Why it was rejected, or what an update changes, or why it is a possible duplicate. */
  reason: z.string().nullable(),
  /** The line's values after mapping (field key → text as read). */
  values: z.record(z.string(), z.string()),
  personId: idSchema.nullable(),
  foyerId: idSchema.nullable(),
  /** A possible duplicate: the existing person it may be, and the user's answer. */
  candidatePersonId: idSchema.nullable(),
  resolution: z.enum(['confirme', 'refuse']).nullable(),
});
export type ImportRow = z.output<typeof importRowSchema>;

export const importBatchSchema = z.object({
  id: idSchema,
  kind: importKindSchema,
  source: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  status: importStatusSchema,
  counts: importCountsSchema,
  user: z.string(),
  createdAt: isoDateTimeSchema,
  appliedAt: isoDateTimeSchema.nullable(),
  undoneAt: isoDateTimeSchema.nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportBatch = z.output<typeof importBatchSchema>;

/** 20 MB of file, in base64. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const contentBase64Schema = z
  .string()
  .min(1, 'Le fichier est vide')
  .max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4, 'Le fichier dépasse 20 Mo');

export const importPreviewInputSchema = z.object({
  kind: importKindSchema,
  /** Who sent the file (« CAF du Nord », « France Travail Lille »): the mapping is saved under this name. */
  source: requiredText('Source', 120),
  fileName: requiredText('Nom du fichier', 255),
  contentBase64: contentBase64Schema,
  /** The column mapping chosen by the user; absent: the saved one for this source, else guessed from the headers. */
  mapping: importMappingSchema.optional(),
});

export const importPreviewSchema = z.object({
  /** The batch « aperçu » to apply; null when the mapping misses a required field (nothing stored). */
  batchId: idSchema.nullable(),
  format: z.enum(['csv', 'xlsx']),
  /** CSV only: the detected encoding and delimiter. */
  encoding: z.enum(['utf-8', 'windows-1252']).nullable(),
  delimiter: z.enum([';', ',']).nullable(),
  headers: z.array(z.string()),
  mapping: importMappingSchema,
  /** The required fields no column is mapped to (labels). */
  missingFields: z.array(z.string()),
  counts: importCountsSchema,
  /** The first 100 lines with their verdicts. */
  rows: z.array(importRowSchema),
  /** The same file (same kind, same content) was already imported: every line is « inchangé ». */
  alreadyImported: z.object({ batchId: idSchema, appliedAt: isoDateTimeSchema }).nullable(),
});
export type ImportPreview = z.output<typeof importPreviewSchema>;

export const importProgressSchema = z.object({
  batchId: idSchema,
  state: z.enum(['en_cours', 'termine', 'annule', 'echoue', 'inconnu']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** French, when the batch failed or was cancelled. */
  message: z.string().nullable(),
});
export type ImportProgress = z.output<typeof importProgressSchema>;

export const communeSchema = z.object({
  id: idSchema,
  inseeCode: z.string(),
  postalCode: z.string(),
  name: z.string(),
});
export type Commune = z.output<typeof communeSchema>;

export const communeInputSchema = z.object({
  id: idSchema.optional(),
  inseeCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{5}|2[AB]\d{3})$/, 'Le code INSEE compte 5 caractères (2A/2B pour la Corse)'),
  postalCode: z.string().trim().regex(/^\d{5}$/, 'Le code postal compte 5 chiffres'),
  name: requiredText('Nom de la commune', 120),
});

const IMPORTERS = ['administrateur', 'correspondant'] as const;
const ADMIN = ['administrateur'] as const;
const batchInput = z.object({ batchId: idSchema });

export const importsMethods = {
  /** The saved column mappings of the MDS (per kind and source), newest first. */
  'imports.sources': def({
    input: z.object({ kind: importKindSchema.optional() }),
    output: z.array(importSourceSchema),
    access: IMPORTERS,
    writes: false,
  }),
  /** Reads the file, saves the mapping, stores a batch « aperçu » with each line's verdict; no dossier changes. */
  'imports.preview': def({ input: importPreviewInputSchema, output: importPreviewSchema, access: IMPORTERS, writes: true }),
  /** The lines of a batch, by page, optionally of one verdict. */
  'imports.rows': def({
    input: batchInput.extend({
      verdict: importVerdictSchema.optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(500).default(100),
    }),
    output: z.object({ total: z.number().int().nonnegative(), rows: z.array(importRowSchema) }),
    access: IMPORTERS,
    writes: false,
  }),
  /** Applies a batch « aperçu » in one transaction (all or nothing); its progress is read with imports.progress. */
  'imports.apply': def({ input: batchInput, output: importBatchSchema, access: IMPORTERS, writes: true }),
  /** Where the batch being applied is (lines done / total). */
  'imports.progress': def({ input: batchInput, output: importProgressSchema, access: IMPORTERS, writes: false }),
  /**
   * Asks the batch being applied to stop: it is rolled back whole at the next chunk. Declared read-only on purpose:
   * it only raises a flag in memory, and must not wait behind the write in progress.
   */
  'imports.cancel': def({ input: batchInput, output: z.object({ ok: z.literal(true), running: z.boolean() }), access: IMPORTERS, writes: false }),
  /** Undoes an applied batch whose records were not changed since; else RULE with the reason. */
  'imports.undo': def({ input: batchInput, output: importBatchSchema, access: IMPORTERS, writes: true }),
  /** The rejected lines as a CSV for Excel, their values plus « Ligne » and « Motif du rejet ». */
  'imports.rejectedFile': def({
    input: batchInput,
    output: z.object({ fileName: z.string(), csv: z.string(), count: z.number().int().nonnegative() }),
    access: IMPORTERS,
    writes: false,
  }),
  /** The batches of the MDS, newest first. */
  'imports.batches': def({
    input: z.object({ kind: importKindSchema.optional(), limit: z.number().int().positive().max(500).default(100) }),
    output: z.array(importBatchSchema),
    access: IMPORTERS,
    writes: false,
  }),
  /** The communes of the MDS (a CAF line is routed by its commune). */
  'communes.list': def({ input: z.object({}).strict(), output: z.array(communeSchema), access: IMPORTERS, writes: false }),
  'communes.save': def({ input: communeInputSchema, output: communeSchema, access: ADMIN, writes: true }),
  'communes.remove': def({ input: z.object({ id: idSchema }), output: z.object({ ok: z.literal(true) }), access: ADMIN, writes: true }),
  /** Adds or updates communes from a simple CSV (« code INSEE;code postal;nom », header optional). */
  'communes.import': def({
    input: z.object({ contentBase64: contentBase64Schema }),
    output: z.object({
      added: z.number().int().nonnegative(),
      updated: z.number().int().nonnegative(),
      rejected: z.array(z.object({ line: z.number().int().positive(), reason: z.string() })),
    }),
    access: ADMIN,
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
