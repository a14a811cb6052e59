/**
 * API of the fiche de liaison référent – Conseil Général (handbook « LA FICHE DE LIAISON », « PROCEDURE »,
 * Annexe 7) and of the attachments (convocation letters, CV…).
 *
 * A fiche is one flat form whose fields depend on its type (discriminated union on `type`); a draft may be
 * incomplete: `validateFicheForSending` (shared/domain/rules/fiche-liaison) decides what is missing before it is
 * sent, and the fiche's view lists it (`missing`, `missingFields` by path). Paths are the form's field names
 * (`motif`, `signatures.referent`, `pap.actions.2.end`, `actionsCg.0.precision`).
 */
import { z } from 'zod';
import {
  ACTIONS_CG_BY_CODE,
  FICHE_TYPES,
  PRESIDENT_DECISIONS,
  REORIENTATION_MOTIFS,
  SUSPENSION_MOTIFS,
} from '../domain/rules/fiche-liaison';
import { ORIENTATIONS, orientationSchema } from '../domain/rules/orientation';
import { emailSchema, emptyToUndefined, idSchema, isoDateSchema, isoDateTimeSchema, optionalText, phoneSchema, requiredText } from './common';
import { etatCivilSchema, papFormSchema, papRowViewSchema, papFlagSchema } from './contracts';
import { def, type MethodDef } from './method';

const versionSchema = z.number().int().nonnegative();

export const ficheTypeSchema = z.enum(FICHE_TYPES, { error: 'Choisissez l’objet de la demande' });

/** Stored states: the rule's life cycle, with the correspondent's answer (acceptée / refusée) made explicit. */
export const FICHE_STATES = ['brouillon', 'envoyee', 'acceptee', 'refusee', 'close'] as const;
export type FicheState = (typeof FICHE_STATES)[number];
export const FICHE_STATE_LABELS: Record<FicheState, string> = {
  brouillon: 'Brouillon',
  envoyee: 'Envoyée au correspondant',
  acceptee: 'Acceptée par le correspondant',
  refusee: 'Refusée par le correspondant',
  close: 'Close',
};

const signatureDate = z.preprocess(emptyToUndefined, isoDateSchema.nullable().optional());
/** Signature dates of the référent and of the bénéficiaire (who must sign depends on the request). */
export const ficheSignaturesSchema = z.object({ referent: signatureDate, beneficiaire: signatureDate }).default({});

export const actionCgChoiceInputSchema = z.object({
  code: z.string().refine((c) => ACTIONS_CG_BY_CODE.has(c), 'Action inconnue des listes de la fiche de liaison'),
  precision: optionalText(300),
});

const common = {
  /** Date of the request. */
  date: isoDateSchema,
  /** The contract in progress the fiche refers to (an avenant: the contract amended). Default: the current one. */
  contractId: idSchema.nullable().optional(),
  /** Appui: the request; other types: a comment (partie réservée au référent). */
  texte: optionalText(4000),
  /** « A : … » of the signatures. */
  lieu: optionalText(120),
  /** Partie réservée aux remarques du bénéficiaire. */
  remarquesBeneficiaire: optionalText(4000),
};

const ficheOptions = {
  appui: z.object({ ...common, type: z.literal('appui'), parCourriel: z.boolean().default(false) }),
  reorientation: z.object({
    ...common,
    type: z.literal('reorientation'),
    motif: z.preprocess(emptyToUndefined, z.enum(REORIENTATION_MOTIFS, { error: 'Motif de réorientation inconnu' }).nullable().optional()),
    motifPrecision: optionalText(2000),
    cible: z.preprocess(emptyToUndefined, orientationSchema.nullable().optional()),
  }),
  suspension: z.object({
    ...common,
    type: z.literal('suspension'),
    motif: z.preprocess(emptyToUndefined, z.enum(SUSPENSION_MOTIFS, { error: 'Motif de suspension inconnu' }).nullable().optional()),
    motifPrecision: optionalText(2000),
    signatures: ficheSignaturesSchema,
  }),
  actions_cg: z.object({
    ...common,
    type: z.literal('actions_cg'),
    actionsCg: z.array(actionCgChoiceInputSchema).max(40).default([]),
    structureSouhaitee: optionalText(200),
    signatures: ficheSignaturesSchema,
  }),
  avenant: z.object({
    ...common,
    type: z.literal('avenant'),
    /** Raisons de la modification du PAP. */
    motif: optionalText(2000),
    /** The modified PAP (the whole table). */
    pap: papFormSchema.default({ actions: [] }),
    /** The contract's dates as written on the fiche; default the amended contract's (they must not change). */
    contrat: z.object({ start: isoDateSchema, end: isoDateSchema }).nullable().optional(),
    actionsCg: z.array(actionCgChoiceInputSchema).max(40).default([]),
    structureSouhaitee: optionalText(200),
    signatures: ficheSignaturesSchema,
  }),
} as const;

/** The fiche form (one shape per request type). */
export const ficheFormSchema = z.discriminatedUnion(
  'type',
  [ficheOptions.appui, ficheOptions.reorientation, ficheOptions.suspension, ficheOptions.actions_cg, ficheOptions.avenant],
  { error: 'Choisissez l’objet de la demande' },
);
export type FicheFormInput = z.input<typeof ficheFormSchema>;
export type FicheForm = z.output<typeof ficheFormSchema>;

const withExtra = <E extends z.ZodRawShape>(extra: E) =>
  z.discriminatedUnion(
    'type',
    [
      ficheOptions.appui.extend(extra),
      ficheOptions.reorientation.extend(extra),
      ficheOptions.suspension.extend(extra),
      ficheOptions.actions_cg.extend(extra),
      ficheOptions.avenant.extend(extra),
    ],
    { error: 'Choisissez l’objet de la demande' },
  );

export const ficheCreateInputSchema = withExtra({ personId: idSchema });
export const ficheUpdateInputSchema = withExtra({ ficheId: idSchema, version: versionSchema });

export const ficheAnswerInputSchema = z.object({
  ficheId: idSchema,
  version: versionSchema,
  date: isoDateSchema,
  decision: z.enum(['acceptee', 'refusee'], { error: 'Acceptez ou refusez la demande' }),
  /** Observation / avis du correspondant: the answer made to the référent. */
  texte: requiredText('Réponse au référent', 4000),
});

/**
 * « PARTIE RÉSERVÉE AU PRÉSIDENT » (Annexe 7) of a request for actions CG or an avenant, recorded by the SLAI after
 * the correspondent's favourable answer. What depends on the fiche (reason, structure, dates) is checked by
 * `checkPresidentDecision` (shared/domain/rules/fiche-liaison).
 */
export const fichePresidentDecisionInputSchema = z.object({
  ficheId: idSchema,
  version: versionSchema,
  decision: z.enum(PRESIDENT_DECISIONS, { error: 'Choisissez la décision du Président : accord, refus ou ajournement' }),
  /** Motif of a refus or an ajournement (required for them). */
  reason: optionalText(2000),
  /** « Structure désignée pour l’inscription à une action CG » (required for an accord on actions CG). */
  structure: optionalText(300),
  date: isoDateSchema,
  signatoryName: requiredText('Nom du signataire', 200),
  signatoryFunction: requiredText('Fonction du signataire', 200),
  /** « Par délégation, … »; empty: the Président signed himself. */
  signatoryDelegation: optionalText(300),
});
export type FichePresidentDecisionInput = z.input<typeof fichePresidentDecisionInputSchema>;

/** The Président's part as recorded. */
export const fichePresidentViewSchema = z.object({
  decision: z.enum(PRESIDENT_DECISIONS),
  decisionLabel: z.string(),
  reason: z.string().nullable(),
  structure: z.string().nullable(),
  date: z.string(),
  signatoryName: z.string(),
  signatoryFunction: z.string(),
  signatoryDelegation: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: isoDateTimeSchema,
});
export type FichePresidentView = z.output<typeof fichePresidentViewSchema>;

/** « PARTIE RÉSERVÉE A LA STRUCTURE POUR UNE DEMANDE D’ACTION CG » (last page of Annexe 7). */
export const STRUCTURE_OUTCOMES = {
  commence: 'La personne commence la prestation',
  absente: 'La personne ne s’est pas présentée au rendez-vous (autre date de rendez-vous)',
  n_integre_pas: 'La personne n’intègre pas la prestation',
  ne_poursuit_pas: 'La personne ne poursuit pas la prestation',
  reorientation_referent_solidarite: 'Réorientation vers le référent solidarité',
} as const;
const structureOutcomeCodes = Object.keys(STRUCTURE_OUTCOMES) as [keyof typeof STRUCTURE_OUTCOMES, ...(keyof typeof STRUCTURE_OUTCOMES)[]];

export const structureFeedbackSchema = z
  .object({
    structure: requiredText('Nom de la structure', 200),
    intervenant: optionalText(120),
    adresse: optionalText(300),
    telephone: phoneSchema,
    email: emailSchema,
    premierRendezVous: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
    outcome: z.enum(structureOutcomeCodes, { error: 'Choisissez le retour de la structure' }),
    /** absente: the other appointment date. */
    nouvelleDate: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
    /** n_integre_pas, ne_poursuit_pas: the motif. */
    motif: optionalText(1000),
    /** reorientation_referent_solidarite: the date. */
    dateReorientation: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
    /** Synthèse de l’action. */
    synthese: optionalText(4000),
  })
  .superRefine((f, ctx) => {
    if (f.outcome === 'absente' && !f.nouvelleDate) {
      ctx.addIssue({ code: 'custom', path: ['nouvelleDate'], message: 'Indiquez l’autre date de rendez-vous' });
    }
    if ((f.outcome === 'n_integre_pas' || f.outcome === 'ne_poursuit_pas') && !f.motif) {
      ctx.addIssue({ code: 'custom', path: ['motif'], message: 'Indiquez le motif' });
    }
    if (f.outcome === 'reorientation_referent_solidarite' && !f.dateReorientation) {
      ctx.addIssue({ code: 'custom', path: ['dateReorientation'], message: 'Indiquez la date de la réorientation' });
    }
  });
export type StructureFeedbackInput = z.input<typeof structureFeedbackSchema>;

// ---------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------

/** Maximum size of one attachment (decoded). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted types: MIME → extensions. The content's first bytes must match the type. */
export const ATTACHMENT_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;
const attachmentMimes = Object.keys(ATTACHMENT_TYPES) as [AttachmentMime, ...AttachmentMime[]];

export const ATTACHMENT_KINDS = {
  convocation: 'Courrier de convocation',
  cv: 'Curriculum vitæ',
  ede: 'Échelle de distance à l’emploi',
  pap: 'Plan d’accompagnement',
  courrier: 'Courrier',
  autre: 'Autre document',
} as const;
const attachmentKindCodes = Object.keys(ATTACHMENT_KINDS) as [keyof typeof ATTACHMENT_KINDS, ...(keyof typeof ATTACHMENT_KINDS)[]];

export const attachmentOwnerSchema = z.object({
  type: z.enum(['fiche', 'contract'], { error: 'Document rattaché à une fiche ou à un contrat' }),
  id: idSchema,
});

/** Base64 of at most ATTACHMENT_MAX_BYTES bytes. */
const base64Schema = z
  .string({ error: 'Contenu du fichier manquant' })
  .min(1, 'Le fichier est vide')
  .max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 4, 'Le fichier dépasse 10 Mo')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Contenu du fichier illisible (base64 attendu)');

export const attachmentUploadInputSchema = z
  .object({
    owner: attachmentOwnerSchema,
    kind: z.enum(attachmentKindCodes, { error: 'Choisissez le type de document' }),
    fileName: requiredText('Nom du fichier', 200).refine((n) => !/[\\/\0]/.test(n), 'Nom de fichier invalide'),
    mime: z.enum(attachmentMimes, { error: 'Type de fichier refusé : PDF, PNG, JPEG ou document bureautique (docx, xlsx, odt, ods, doc, xls)' }),
    contentBase64: base64Schema,
    /** Date of the document (required for a convocation letter). */
    documentDate: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
    label: optionalText(200),
  })
  .superRefine((a, ctx) => {
    const extension = a.fileName.toLowerCase().split('.').pop() ?? '';
    if (!(ATTACHMENT_TYPES[a.mime] as readonly string[]).includes(extension)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fileName'],
        message: `L’extension du fichier ne correspond pas à son type (attendu : .${ATTACHMENT_TYPES[a.mime].join(', .')})`,
      });
    }
    if (a.kind === 'convocation' && !a.documentDate) {
      ctx.addIssue({ code: 'custom', path: ['documentDate'], message: 'Indiquez la date du courrier de convocation' });
    }
  });
export type AttachmentUploadInput = z.input<typeof attachmentUploadInputSchema>;

export const attachmentMetaSchema = z.object({
  id: idSchema,
  personId: idSchema,
  owner: attachmentOwnerSchema,
  kind: z.enum(attachmentKindCodes),
  fileName: z.string(),
  mime: z.enum(attachmentMimes),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  documentDate: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
});
export type AttachmentMeta = z.output<typeof attachmentMetaSchema>;

// ---------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------

/** Première partie de la fiche : informations administratives (snapshot taken at each edit, frozen once sent). */
export const ficheAdministratifSchema = z.object({
  mds: z.string(),
  correspondant: z.string().nullable(),
  referent: z.object({ displayName: z.string(), structure: z.string() }).nullable(),
  /** Organisme of the référent (their structure). */
  organisme: z.string().nullable(),
  beneficiaire: etatCivilSchema,
  contrat: z
    .object({ id: idSchema, type: z.enum(['CERS', 'CERP']), start: z.string(), end: z.string(), status: z.string() })
    .nullable(),
});
export type FicheAdministratif = z.output<typeof ficheAdministratifSchema>;

const signaturesView = z.object({ referent: z.string().nullable(), beneficiaire: z.string().nullable() });

/** The fiche's fields as the form shows them (every type's fields, null / empty when not used). */
export const ficheContentViewSchema = z.object({
  type: ficheTypeSchema,
  date: z.string(),
  contractId: idSchema.nullable(),
  texte: z.string().nullable(),
  lieu: z.string().nullable(),
  remarquesBeneficiaire: z.string().nullable(),
  parCourriel: z.boolean(),
  motif: z.string().nullable(),
  motifPrecision: z.string().nullable(),
  cible: z.enum(ORIENTATIONS).nullable(),
  actionsCg: z.array(z.object({ code: z.string(), label: z.string(), precision: z.string().nullable() })),
  structureSouhaitee: z.string().nullable(),
  pap: z.object({ actions: z.array(papRowViewSchema) }).nullable(),
  contrat: z.object({ start: z.string(), end: z.string() }).nullable(),
  signatures: signaturesView,
});

export const ficheViewSchema = z.object({
  id: idSchema,
  personId: idSchema,
  typeLabel: z.string(),
  status: z.enum(FICHE_STATES),
  statusLabel: z.string(),
  fiche: ficheContentViewSchema,
  administratif: ficheAdministratifSchema,
  /** Réorientation: the EDE attached automatically (the latest one). */
  edeId: idSchema.nullable(),
  attachments: z.array(attachmentMetaSchema),
  /** What is missing before sending (draft) or before closing (sent), in French. */
  missing: z.array(z.string()),
  /** The same, by form field path (draft). */
  missingFields: z.record(z.string(), z.string()),
  /** Avenant: flags of the modified PAP (G.4.5 derogation…). */
  papFlags: z.array(papFlagSchema),
  sentOn: z.string().nullable(),
  answer: z
    .object({ decision: z.enum(['acceptee', 'refusee']), date: z.string(), texte: z.string(), auteur: z.string() })
    .nullable(),
  closedOn: z.string().nullable(),
  /** Actions CG and avenant: the « Partie réservée au Président » (null until recorded). */
  president: fichePresidentViewSchema.nullable(),
  /** true while an accepted actions CG or avenant fiche waits for the Président's accord or refus. */
  awaitingPresident: z.boolean(),
  structureFeedback: z
    .object({
      structure: z.string(),
      intervenant: z.string().optional(),
      adresse: z.string().optional(),
      telephone: z.string().optional(),
      email: z.string().optional(),
      premierRendezVous: z.string().optional(),
      outcome: z.enum(structureOutcomeCodes),
      outcomeLabel: z.string(),
      nouvelleDate: z.string().optional(),
      motif: z.string().optional(),
      dateReorientation: z.string().optional(),
      synthese: z.string().optional(),
      recordedAt: isoDateTimeSchema,
    })
    .nullable(),
  /** Accepted réorientation / suspension: the EP saisine created. */
  epSaisineId: idSchema.nullable(),
  /** Accepted avenant: the PAP version it created. */
  avenantPapVersion: z.number().int().nullable(),
  allowedActions: z.array(z.enum(['modifier', 'supprimer', 'envoyer', 'repondre', 'decision_president', 'clore', 'retour_structure', 'joindre'])),
  version: z.number().int(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type FicheView = z.output<typeof ficheViewSchema>;

export const ficheSummarySchema = z.object({
  id: idSchema,
  personId: idSchema,
  type: ficheTypeSchema,
  typeLabel: z.string(),
  status: z.enum(FICHE_STATES),
  statusLabel: z.string(),
  date: z.string(),
  sentOn: z.string().nullable(),
  beneficiaire: z.string(),
  referent: z.string().nullable(),
  missing: z.array(z.string()),
  /** Waits for the « Partie réservée au Président » (accepted actions CG or avenant). */
  awaitingPresident: z.boolean(),
  updatedAt: isoDateTimeSchema,
});
export type FicheSummary = z.output<typeof ficheSummarySchema>;

export const fichePrefillSchema = z.object({
  administratif: ficheAdministratifSchema,
  latestEde: z.object({ id: idSchema, date: z.string(), themes: z.array(z.string()) }).nullable(),
  /** The contract an avenant would amend (valid or in progress) with its current PAP. */
  avenantContract: z
    .object({ id: idSchema, type: z.enum(['CERS', 'CERP']), start: z.string(), end: z.string(), papVersion: z.number().int(), pap: z.object({ actions: z.array(papRowViewSchema) }) })
    .nullable(),
});

// ---------------------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------------------

const AUTHORS = ['referent', 'correspondant', 'administrateur'] as const;
const SLAI = ['correspondant', 'administrateur'] as const;
const byFiche = z.object({ ficheId: idSchema });
const byPerson = z.object({ personId: idSchema });
const ficheDated = z.object({ ficheId: idSchema, version: versionSchema, date: isoDateSchema });

export const fichesMethods = {
  'fiches.prefill': def({ input: byPerson, output: fichePrefillSchema, access: 'authenticated', writes: false }),
  'fiches.listForDossier': def({ input: byPerson, output: z.array(ficheSummarySchema), access: 'authenticated', writes: false }),
  'fiches.get': def({ input: byFiche, output: ficheViewSchema, access: 'authenticated', writes: false }),
  /** Correspondent's inbox: fiches sent and not closed (incl. those awaiting the Président's decision), oldest first, with what is missing. */
  'fiches.inbox': def({ input: z.object({}).strict(), output: z.array(ficheSummarySchema), access: SLAI, writes: false }),
  /** Demande d’appui as an e-mail (subject and body to paste). */
  'fiches.emailDraft': def({
    input: byFiche,
    output: z.object({ to: z.string().nullable(), subject: z.string(), body: z.string() }),
    access: 'authenticated',
    writes: false,
  }),
  'fiches.create': def({ input: ficheCreateInputSchema, output: ficheViewSchema, access: AUTHORS, writes: true }),
  'fiches.update': def({ input: ficheUpdateInputSchema, output: ficheViewSchema, access: AUTHORS, writes: true }),
  'fiches.deleteDraft': def({ input: z.object({ ficheId: idSchema, version: versionSchema }), output: z.object({ ok: z.literal(true) }), access: AUTHORS, writes: true }),
  'fiches.send': def({ input: ficheDated, output: ficheViewSchema, access: AUTHORS, writes: true }),
  /** The correspondent accepts or refuses, with the answer to the référent; accepting a réorientation or suspension seizes the EP, an avenant makes a new PAP version. */
  'fiches.answer': def({ input: ficheAnswerInputSchema, output: ficheViewSchema, access: SLAI, writes: true }),
  /** « Partie réservée au Président » of an accepted actions CG or avenant fiche (an accord on an avenant makes the contract's new PAP version). */
  'fiches.presidentDecision': def({ input: fichePresidentDecisionInputSchema, output: ficheViewSchema, access: SLAI, writes: true }),
  /** Closes an answered fiche (never without the correspondent’s answer, nor an actions CG or avenant fiche without the Président’s accord or refus). */
  'fiches.close': def({ input: ficheDated, output: ficheViewSchema, access: SLAI, writes: true }),
  /** Feedback of the structure on an accepted CG action. */
  'fiches.structureFeedback': def({
    input: z.object({ ficheId: idSchema, version: versionSchema, feedback: structureFeedbackSchema }),
    output: ficheViewSchema,
    access: AUTHORS,
    writes: true,
  }),
  'attachments.upload': def({ input: attachmentUploadInputSchema, output: attachmentMetaSchema, access: AUTHORS, writes: true }),
  'attachments.list': def({ input: z.object({ owner: attachmentOwnerSchema }), output: z.array(attachmentMetaSchema), access: 'authenticated', writes: false }),
  'attachments.download': def({
    input: z.object({ attachmentId: idSchema }),
    output: z.object({ fileName: z.string(), mime: z.enum(attachmentMimes), size: z.number().int(), contentBase64: z.string() }),
    access: 'authenticated',
    writes: false,
  }),
  /** Only while the fiche or contract it belongs to is a draft. */
  'attachments.delete': def({ input: z.object({ attachmentId: idSchema }), output: z.object({ ok: z.literal(true) }), access: AUTHORS, writes: true }),
} as const satisfies Record<string, MethodDef>;
