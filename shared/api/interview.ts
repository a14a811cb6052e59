/**
 * The first interview (« premier entretien ») and what follows from it: DSP revisions, EDE assessments, the
 * orientation (proposal, decision, periods, contract deadline), the droits et devoirs status, and the
 * reference data of orientations (organismes référents and their référents).
 *
 * Access (the roles below; dossier rules enforced in main, as for `dossiers.*`): a référent reads and writes
 * only the dossiers where they are the named référent; correspondents and administrators every dossier of
 * their MDS; the EP secretary reads them. Orientation decisions: correspondents and administrators.
 * Reference data: read by everyone logged in, managed by administrators. Every write is audited.
 */
import { z } from 'zod';
import { EDE_PROPOSALS } from '../domain/rules/ede';
import { orientationSchema, type Orientation } from '../domain/rules/orientation';
import { PERSON_ROLES } from '../domain/rules/droits-devoirs';
import { emailSchema, idSchema, isoDateSchema, isoDateTimeSchema, optionalText, phoneSchema, requiredText } from './common';
import { userRefSchema } from './dossier';
import { DSP_SECTIONS, dspContentSchema, dspStoredContentSchema } from './dsp';
import { def, empty, type MethodDef } from './method';

const WRITERS = ['administrateur', 'correspondant', 'referent'] as const;
const DECIDERS = ['administrateur', 'correspondant'] as const;
const ADMIN = ['administrateur'] as const;

const personInput = z.object({ personId: idSchema });

// =========================================================================================================
// DSP
// =========================================================================================================

export const dspFieldValueSchema = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);

/** One changed field between two DSP revisions (`diffDsp`). */
export const dspChangeSchema = z.object({
  path: z.string(),
  section: z.enum(DSP_SECTIONS),
  sectionLabel: z.string(),
  label: z.string(),
  before: dspFieldValueSchema,
  after: dspFieldValueSchema,
  beforeText: z.string(),
  afterText: z.string(),
});

export const dspRevisionSummarySchema = z.object({
  id: idSchema,
  personId: idSchema,
  /** 1 for the first DSP of the person, then 2, 3… */
  number: z.number().int().positive(),
  createdAt: isoDateTimeSchema,
  createdBy: userRefSchema,
  /** Version of the DSP referential the revision was made with. */
  referentialVersion: z.number().int().positive(),
  /** Fields changed since the previous revision (first revision: fields answered). */
  changedCount: z.number().int().nonnegative(),
});
export type DspRevisionSummary = z.output<typeof dspRevisionSummarySchema>;

export const dspRevisionSchema = dspRevisionSummarySchema.extend({ content: dspStoredContentSchema });
export type DspRevision = z.output<typeof dspRevisionSchema>;

export const dspSaveInputSchema = z.object({
  personId: idSchema,
  /**
   * The revision the form was prefilled with (`dsp.latest`), null for a first DSP. If another revision was
   * saved since, the save is refused (CONFLICT) and nothing is written.
   */
  basedOnRevisionId: idSchema.nullable(),
  content: dspContentSchema,
});
export type DspSaveInput = z.input<typeof dspSaveInputSchema>;

// =========================================================================================================
// EDE
// =========================================================================================================

const edeColourSchema = z.enum(['aucune', 'vert', 'rose', 'bleu']);
const themeSchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);
export const edeProposalSchema = z.enum(EDE_PROPOSALS);

export const edeGridSchema = z.object({
  version: z.number().int().positive(),
  validFrom: z.string(),
  items: z.array(
    z.object({
      number: z.number().int(),
      key: z.string(),
      label: z.string(),
      themes: z.array(themeSchema),
      paliers: z.array(
        z.object({ level: z.number().int(), description: z.string(), points: z.number(), colour: edeColourSchema }),
      ),
    }),
  ),
  thresholds: z.object({ professionnelleBelow: z.number(), solidariteAbove: z.number() }),
});
export type EdeGridOutput = z.output<typeof edeGridSchema>;

const palierSchema = z
  .number({ error: 'Choisissez un palier' })
  .int('Le palier est un nombre entier de 1 à 6')
  .min(1, 'Le palier va de 1 à 6')
  .max(6, 'Le palier va de 1 à 6');
const itemKeySchema = z.string().min(1).max(40);

export const edeCreateInputSchema = z.object({
  personId: idSchema,
  /** Date of the interview where the scale was filled in (not in the future). */
  date: isoDateSchema,
  /** Version of the grid the form was built with (`ede.grid`); a stale version is refused. */
  gridVersion: z.number({ error: 'Version de la grille manquante' }).int().positive(),
  /** Item key → palier 1..6. All the grid's items are required (checked against the grid). */
  paliers: z.record(itemKeySchema, palierSchema),
  /** Item key → optional comment. */
  comments: z.record(itemKeySchema, optionalText(1000)).optional(),
});
export type EdeCreateInput = z.input<typeof edeCreateInputSchema>;

/**
 * The EDE form's schema for one grid: every item's palier required (French message naming the item), comments
 * optional. Its output is the `ede.create` input without `personId`.
 */
export function edeFormSchema(grid: Pick<EdeGridOutput, 'version' | 'items'>) {
  const paliers = Object.fromEntries(
    grid.items.map((item) => [
      item.key,
      z
        .number({ error: `Item ${item.number} « ${item.label} » : choisissez un palier` })
        .int('Le palier est un nombre entier de 1 à 6')
        .min(1, 'Le palier va de 1 à 6')
        .max(6, 'Le palier va de 1 à 6'),
    ]),
  );
  const comments = Object.fromEntries(grid.items.map((item) => [item.key, optionalText(1000)]));
  return z.object({
    date: isoDateSchema,
    gridVersion: z.literal(grid.version, { error: 'La grille a changé : rechargez le formulaire.' }),
    paliers: z.object(paliers),
    comments: z.object(comments).partial().optional(),
  });
}

export const edeSummarySchema = z.object({
  id: idSchema,
  personId: idSchema,
  date: isoDateSchema,
  gridVersion: z.number().int().positive(),
  total: z.number().int(),
  proposal: edeProposalSchema,
  createdAt: isoDateTimeSchema,
  createdBy: userRefSchema,
});
export type EdeSummary = z.output<typeof edeSummarySchema>;

export const edeAssessmentSchema = edeSummarySchema.extend({
  /** French explanation of the proposal (thresholds, blue items). */
  reason: z.string(),
  items: z.array(
    z.object({
      number: z.number().int(),
      key: z.string(),
      label: z.string(),
      palier: z.number().int(),
      points: z.number(),
      colour: edeColourSchema,
      themes: z.array(themeSchema),
      comment: z.string().nullable(),
    }),
  ),
  /** Item keys per colour. */
  flags: z.object({ vert: z.array(z.string()), rose: z.array(z.string()), bleu: z.array(z.string()) }),
  /** PAP themes pointed to by the coloured items. */
  themes: z.array(themeSchema),
});
export type EdeAssessment = z.output<typeof edeAssessmentSchema>;

const trendSchema = z.enum(['amelioration', 'stable', 'degradation']);
export const edeComparisonSchema = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      palierBefore: z.number().nullable(),
      palierAfter: z.number().nullable(),
      pointsBefore: z.number().nullable(),
      pointsAfter: z.number().nullable(),
      pointsDelta: z.number().nullable(),
      palierDelta: z.number().nullable(),
      trend: trendSchema.nullable(),
    }),
  ),
  totalBefore: z.number(),
  totalAfter: z.number(),
  totalDelta: z.number(),
  trend: trendSchema,
  proposalBefore: edeProposalSchema,
  proposalAfter: edeProposalSchema,
  sameGridVersion: z.boolean(),
});

// =========================================================================================================
// Reference data: organismes référents and their référents
// =========================================================================================================

/** Kind of organisme, matching the three orientations. */
export const ORGANISME_TYPES = ['pole_emploi', 'professionnel', 'solidarite'] as const;
export type OrganismeType = (typeof ORGANISME_TYPES)[number];
export const ORGANISME_TYPE_LABELS: Record<OrganismeType, string> = {
  pole_emploi: 'France Travail (ex-Pôle Emploi)',
  professionnel: 'Organisme d’accompagnement professionnel (autre que France Travail, ex-Pôle Emploi)',
  solidarite: 'Organisme de la sphère solidarité',
};
/** The organisme type an orientation requires. */
export const ORGANISME_TYPE_FOR_ORIENTATION: Record<Orientation, OrganismeType> = {
  professionnelle_pole_emploi: 'pole_emploi',
  professionnelle_autre: 'professionnel',
  solidarite: 'solidarite',
};
export const organismeTypeSchema = z.enum(ORGANISME_TYPES, { error: 'Choisissez le type d’organisme' });

export const organismeInputSchema = z.object({
  name: requiredText('Nom de l’organisme', 200),
  type: organismeTypeSchema,
  address: optionalText(300),
  telephone: phoneSchema,
  email: emailSchema,
});
export type OrganismeInput = z.input<typeof organismeInputSchema>;

export const organismeSchema = z.object({
  id: idSchema,
  name: z.string(),
  type: organismeTypeSchema,
  address: z.string().nullable(),
  telephone: z.string().nullable(),
  email: z.string().nullable(),
  /** An inactive organisme stays in past decisions but cannot be chosen in a new one. */
  active: z.boolean(),
  updatedAt: isoDateTimeSchema,
});
export type Organisme = z.output<typeof organismeSchema>;

const chosenId = (message: string) => z.number({ error: message }).int(message).positive(message);

export const referentInputSchema = z.object({
  organismeId: chosenId('Choisissez l’organisme du référent'),
  name: requiredText('Nom du référent', 120),
  telephone: phoneSchema,
  email: emailSchema,
  /** Optional link to the user account (role référent) of this person. */
  userId: idSchema.nullable().optional(),
});
export type ReferentInput = z.input<typeof referentInputSchema>;

export const referentSchema = z.object({
  id: idSchema,
  organismeId: idSchema,
  organismeName: z.string(),
  name: z.string(),
  telephone: z.string().nullable(),
  email: z.string().nullable(),
  user: userRefSchema.nullable(),
  active: z.boolean(),
  updatedAt: isoDateTimeSchema,
});
export type Referent = z.output<typeof referentSchema>;

/** `remove`: deleted when nothing refers to it; otherwise deactivated (kept for the decisions that name it). */
export const removeOutcomeSchema = z.object({ outcome: z.enum(['supprime', 'desactive']) });

// =========================================================================================================
// Orientation
// =========================================================================================================

export const contractDeadlineSchema = z.object({
  contractKind: z.enum(['CERS', 'CERP', 'PPAE']),
  months: z.number().int(),
  /** Last day to sign the contract. */
  deadline: isoDateSchema,
  /** French explanation (the handbook's rule and the dates). */
  rule: z.string(),
});

export const orientationDecideInputSchema = z.object({
  personId: idSchema,
  /** Date of the decision: start of the new period and of the contract deadline. Not in the future. */
  date: isoDateSchema,
  orientation: orientationSchema,
  organismeReferentId: chosenId('Choisissez l’organisme référent'),
  /** Référent (reference data) of the organisme; optional (may be named later). */
  referentId: idSchema.nullable().optional(),
  /** The SLAI correspondent (user account, role correspondant). */
  correspondantId: chosenId('Choisissez le correspondant'),
  motif: requiredText('Motif de la décision', 1000),
  /**
   * Why the decision differs from the équipe d’orientation’s préconisation or, without one, from the EDE’s clear
   * proposal (« motif de l’écart »): required then (`checkDecisionAgainstReference`), ignored otherwise.
   */
  divergenceReason: optionalText(1000),
});
export type OrientationDecideInput = z.input<typeof orientationDecideInputSchema>;

// --- Équipe d’orientation: préconisations ---

/** The EDE a préconisation or a decision relied on. */
export const edeRefSchema = z.object({ id: idSchema, date: isoDateSchema, total: z.number().int(), proposal: edeProposalSchema });

/** A préconisation of the équipe d’orientation for one person (recorded alone or in a batch). */
export const preconisationSchema = z.object({
  id: idSchema,
  personId: idSchema,
  date: isoDateSchema,
  /** The équipe d’orientation (its name as entered). */
  team: z.string(),
  preconisation: orientationSchema,
  comment: z.string().nullable(),
  /** The EDE the EO relied on, if named. */
  ede: edeRefSchema.nullable(),
  /** The same id for every préconisation recorded together. */
  batchId: z.string().nullable(),
  recordedBy: userRefSchema,
  recordedAt: isoDateTimeSchema,
});
export type Preconisation = z.output<typeof preconisationSchema>;

export const PRECONISATION_BATCH_MAX = 50;

/** What a batch shares: the équipe d’orientation’s meeting. */
export const preconisationMeetingSchema = z.object({
  /** Date of the équipe d’orientation’s meeting (not in the future). */
  date: isoDateSchema,
  team: requiredText('Équipe d’orientation', 120),
  comment: optionalText(1000),
});

export const preconisationRecordInputSchema = preconisationMeetingSchema
  .extend({
    items: z
      .array(
        z.object({
          personId: idSchema,
          preconisation: orientationSchema,
          /** The EDE relied on (of that person); optional. */
          edeId: idSchema.nullable().optional(),
        }),
        { error: 'Choisissez au moins un dossier' },
      )
      .min(1, 'Choisissez au moins un dossier')
      .max(PRECONISATION_BATCH_MAX, `${PRECONISATION_BATCH_MAX} dossiers au plus par enregistrement`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<number>();
    input.items.forEach((item, i) => {
      if (seen.has(item.personId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'personId'], message: 'Ce dossier figure deux fois' });
      seen.add(item.personId);
    });
  });
export type PreconisationRecordInput = z.input<typeof preconisationRecordInputSchema>;

/** A dossier awaiting its orientation decision, for the équipe d’orientation’s batch screen. */
export const awaitingOrientationSchema = z.object({
  personId: idSchema,
  name: z.string(),
  cafNumber: z.string(),
  referent: userRefSchema.nullable(),
  /** The latest EDE (null: none). */
  ede: edeRefSchema.nullable(),
  /** The proposal from that EDE (null between the thresholds: the EP/EO decides). */
  proposal: orientationSchema.nullable(),
  /** The latest préconisation that still counts (not older than the EDE), if any. */
  preconisation: preconisationSchema.nullable(),
});
export type AwaitingOrientation = z.output<typeof awaitingOrientationSchema>;

export const orientationPeriodOutputSchema = z.object({
  id: idSchema,
  personId: idSchema,
  /** Date of the decision. */
  date: isoDateSchema,
  orientation: orientationSchema,
  start: isoDateSchema,
  /** null: the current orientation. */
  end: isoDateSchema.nullable(),
  /** Names as they were at the decision (reference data may change later). */
  organismeReferent: z.object({ id: idSchema, name: z.string(), type: organismeTypeSchema }),
  referent: z.object({ id: idSchema, name: z.string(), userId: idSchema.nullable() }).nullable(),
  correspondant: userRefSchema,
  motif: z.string(),
  /** The préconisation of the équipe d’orientation the decision relied on (null: none). */
  preconisation: preconisationSchema.nullable(),
  /** Why the decision differs from the préconisation or the EDE’s proposal (null: it follows them). */
  divergenceReason: z.string().nullable(),
  /** The contract to sign after this decision, and its deadline. */
  contract: contractDeadlineSchema,
  createdAt: isoDateTimeSchema,
  createdBy: userRefSchema,
});
export type OrientationPeriodOutput = z.output<typeof orientationPeriodOutputSchema>;

export const dspElementSchema = z.object({
  kind: z.enum(['frein', 'appui']),
  path: z.string(),
  text: z.string(),
});

export const orientationProposalSchema = z.object({
  /** null: the EDE total lies between the thresholds, the EP/EO decides. */
  orientation: orientationSchema.nullable(),
  reason: z.string(),
  /** The EDE the proposal comes from (the latest), or null (none yet: solidarité for a diagnosis). */
  ede: edeSummarySchema.nullable(),
  /** The latest DSP revision, whose elements are listed. */
  dsp: dspRevisionSummarySchema.nullable(),
  /** Elements of the DSP supporting or tempering the proposal (never change it). */
  elements: z.array(dspElementSchema),
  /** The latest préconisation of the équipe d’orientation not yet followed by a decision, if it still counts. */
  preconisation: preconisationSchema.nullable(),
});

export const orientationDecisionResultSchema = z.object({
  period: orientationPeriodOutputSchema,
  /** The previous period, closed the day before the decision; null for a first orientation. */
  closed: orientationPeriodOutputSchema.nullable(),
  /** The dossier's named référent after the decision. */
  dossierReferent: userRefSchema.nullable(),
});

// =========================================================================================================
// Droits et devoirs
// =========================================================================================================

const euros = (label: string) =>
  z
    .number({ error: `${label} : saisissez un montant` })
    .finite(`${label} : saisissez un montant`)
    .min(0, `${label} : le montant ne peut pas être négatif`)
    .max(1_000_000, `${label} : montant trop élevé`)
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, `${label} : deux décimales au plus`);

export const droitsDevoirsSaveInputSchema = z
  .object({
    personId: idSchema,
    /** Monthly resources of the whole foyer (allocataire and ayants droit), euros. */
    householdResources: euros('Ressources mensuelles du foyer'),
    /** Date the resources were known (not in the future). */
    resourcesDate: isoDateSchema,
    /** Each person of the foyer (allocataire, conjoint), exactly once. */
    persons: z
      .array(
        z.object({
          personId: idSchema,
          hasProfessionalActivity: z.boolean({ error: 'Précisez si la personne exerce une activité professionnelle' }),
          monthlyProfessionalIncome: euros('Revenus professionnels nets mensuels'),
        }),
      )
      .min(1, 'Renseignez au moins l’allocataire')
      .max(2, 'Un foyer compte au plus l’allocataire et son conjoint'),
  })
  .superRefine((input, ctx) => {
    const ids = input.persons.map((p) => p.personId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['persons'], message: 'Une personne figure deux fois' });
    input.persons.forEach((p, i) => {
      if (!p.hasProfessionalActivity && p.monthlyProfessionalIncome > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['persons', i, 'monthlyProfessionalIncome'],
          message: 'Sans activité professionnelle, les revenus professionnels sont de 0 €',
        });
      }
    });
  });
export type DroitsDevoirsSaveInput = z.input<typeof droitsDevoirsSaveInputSchema>;

export const droitsDevoirsStatusSchema = z.object({
  accompanimentCompulsory: z.boolean(),
  conditions: z.object({
    householdResourcesBelowMontantForfaitaire: z.boolean(),
    noActivityOrIncomeBelowThreshold: z.boolean(),
  }),
  /** The handbook's rule applied. */
  rule: z.string(),
  /** French explanation, with the amounts and the date. */
  explanation: z.string(),
});

export const droitsDevoirsSchema = z.object({
  /** Today: the date of the evaluation (the montant forfaitaire in force that day). */
  date: isoDateSchema,
  /** The foyer as the montant forfaitaire counts it (couple; children under 25). */
  household: z.object({ couple: z.boolean(), dependants: z.number().int() }),
  montantForfaitaire: z.number().nullable(),
  foyer: z
    .object({
      householdResources: z.number(),
      resourcesDate: isoDateSchema,
      updatedAt: isoDateTimeSchema,
      updatedBy: userRefSchema,
    })
    .nullable(),
  persons: z.array(
    z.object({
      personId: idSchema,
      role: z.enum(PERSON_ROLES),
      name: z.string(),
      income: z
        .object({
          hasProfessionalActivity: z.boolean(),
          monthlyProfessionalIncome: z.number(),
          updatedAt: isoDateTimeSchema,
          updatedBy: userRefSchema,
        })
        .nullable(),
      /** null while an input is missing. */
      status: droitsDevoirsStatusSchema.nullable(),
    }),
  ),
  /** Status of the person of the dossier; null while an input is missing (see `missing`). */
  status: droitsDevoirsStatusSchema.nullable(),
  /** French: what must still be entered before the status can be computed. */
  missing: z.array(z.string()),
});
export type DroitsDevoirs = z.output<typeof droitsDevoirsSchema>;

// =========================================================================================================
// Dossier summary
// =========================================================================================================

export const interviewSummarySchema = z.object({
  personId: idSchema,
  dsp: dspRevisionSummarySchema.nullable(),
  /** Latest EDE (null: none yet — the dossier shows it as missing). */
  ede: edeSummarySchema.nullable(),
  edeCount: z.number().int().nonnegative(),
  /** Current orientation with its contract deadline; null: no orientation decided. */
  orientation: orientationPeriodOutputSchema.nullable(),
  /** The proposal from the latest EDE (solidarité for a diagnosis without EDE). */
  proposal: z.object({ orientation: orientationSchema.nullable(), reason: z.string() }),
  /** The équipe d’orientation’s latest préconisation not yet followed by a decision (null: none, or older than the EDE). */
  preconisation: preconisationSchema.nullable(),
  droitsDevoirs: z.object({ status: droitsDevoirsStatusSchema.nullable(), missing: z.array(z.string()) }),
  /**
   * The EDE against the contracts (« à chaque renouvellement de contrat »): the latest contract (not rejected),
   * and whether the latest EDE is missing or older than the contract before it — i.e. none was made while
   * preparing the current contract. A first contract may rely on the EDE of the orientation.
   */
  edeForContract: z.object({
    currentContract: z.object({ id: idSchema, type: z.enum(['CERS', 'CERP']), start: z.string(), end: z.string() }).nullable(),
    outdated: z.boolean(),
    reason: z.string().nullable(),
  }),
});
export type InterviewSummary = z.output<typeof interviewSummarySchema>;

/** Labels of the fields of the interview forms, by path (for error summaries). */
export const INTERVIEW_FIELD_LABELS: Record<string, string> = {
  date: 'Date',
  gridVersion: 'Version de la grille',
  orientation: 'Orientation',
  organismeReferentId: 'Organisme référent',
  referentId: 'Référent',
  correspondantId: 'Correspondant',
  motif: 'Motif de la décision',
  divergenceReason: 'Motif de l’écart',
  team: 'Équipe d’orientation',
  comment: 'Commentaire',
  items: 'Dossiers',
  'items.personId': 'Dossier',
  'items.preconisation': 'Préconisation',
  'items.edeId': 'EDE',
  householdResources: 'Ressources mensuelles du foyer',
  resourcesDate: 'Ressources connues au',
  'persons.hasProfessionalActivity': 'Activité professionnelle',
  'persons.monthlyProfessionalIncome': 'Revenus professionnels nets mensuels',
  name: 'Nom',
  type: 'Type d’organisme',
  address: 'Adresse',
  telephone: 'Téléphone',
  email: 'Adresse e-mail',
  organismeId: 'Organisme',
  userId: 'Compte utilisateur',
  basedOnRevisionId: 'Version de la DSP',
};

// =========================================================================================================
// Methods
// =========================================================================================================

export const interviewMethods = {
  // --- DSP ---
  /** The latest revision (null: none yet) and the content to prefill a new one with. */
  'dsp.latest': def({
    input: personInput,
    output: z.object({ revision: dspRevisionSchema.nullable(), prefill: dspStoredContentSchema }),
    access: 'authenticated',
    writes: false,
  }),
  /** Saves a new revision (who and when recorded) and returns it with the fields changed since the previous one. */
  'dsp.save': def({
    input: dspSaveInputSchema,
    output: z.object({ revision: dspRevisionSchema, changes: z.array(dspChangeSchema) }),
    access: WRITERS,
    writes: true,
  }),
  /** Every revision of the person, newest first. */
  'dsp.history': def({ input: personInput, output: z.array(dspRevisionSummarySchema), access: 'authenticated', writes: false }),
  'dsp.get': def({ input: z.object({ revisionId: idSchema }), output: dspRevisionSchema, access: 'authenticated', writes: false }),
  /** The fields that differ from one revision to another (of the same person). */
  'dsp.compare': def({
    input: z.object({ fromRevisionId: idSchema, toRevisionId: idSchema }),
    output: z.object({ from: dspRevisionSummarySchema, to: dspRevisionSummarySchema, changes: z.array(dspChangeSchema) }),
    access: 'authenticated',
    writes: false,
  }),

  // --- EDE ---
  /** The current grid (items, paliers, points, colours, thresholds) the form is built with. */
  'ede.grid': def({ input: empty, output: edeGridSchema, access: 'authenticated', writes: false }),
  /** Scores and stores an assessment; a missing item, a palier outside 1..6 or a stale grid is refused. */
  'ede.create': def({ input: edeCreateInputSchema, output: edeAssessmentSchema, access: WRITERS, writes: true }),
  /** The person's assessments, newest first (by date). */
  'ede.list': def({ input: personInput, output: z.array(edeSummarySchema), access: 'authenticated', writes: false }),
  'ede.get': def({ input: z.object({ edeId: idSchema }), output: edeAssessmentSchema, access: 'authenticated', writes: false }),
  /** Per item and total deltas from one assessment to another (of the same person). */
  'ede.compare': def({
    input: z.object({ fromEdeId: idSchema, toEdeId: idSchema }),
    output: z.object({ from: edeSummarySchema, to: edeSummarySchema, comparison: edeComparisonSchema }),
    access: 'authenticated',
    writes: false,
  }),

  // --- Orientation ---
  'orientation.proposal': def({ input: personInput, output: orientationProposalSchema, access: 'authenticated', writes: false }),
  /** Records a decision: opens a new period, closes the current one the day before, names the dossier's référent. */
  'orientation.decide': def({ input: orientationDecideInputSchema, output: orientationDecisionResultSchema, access: DECIDERS, writes: true }),
  /**
   * Records the équipe d’orientation’s préconisations for one or several dossiers (one date, team and comment; one
   * préconisation per dossier): all or nothing, one batch id, journaled per person.
   */
  'orientation.preconisations.record': def({
    input: preconisationRecordInputSchema,
    output: z.object({ batchId: z.string(), preconisations: z.array(preconisationSchema) }),
    access: DECIDERS,
    writes: true,
  }),
  /** The person’s préconisations, newest first. */
  'orientation.preconisations.list': def({ input: personInput, output: z.array(preconisationSchema), access: 'authenticated', writes: false }),
  /** The MDS’s dossiers with no orientation decided yet, with their latest EDE and préconisation (EDE between the thresholds first). */
  'orientation.awaiting': def({ input: empty, output: z.array(awaitingOrientationSchema), access: DECIDERS, writes: false }),
  /** The current orientation with its contract deadline, or null. */
  'orientation.current': def({ input: personInput, output: orientationPeriodOutputSchema.nullable(), access: 'authenticated', writes: false }),
  /** Every orientation period of the person, newest first (periods never overlap). */
  'orientation.history': def({ input: personInput, output: z.array(orientationPeriodOutputSchema), access: 'authenticated', writes: false }),

  // --- Droits et devoirs ---
  /** The status computed today from the stored inputs, with those inputs and the rule. */
  'droitsDevoirs.get': def({ input: personInput, output: droitsDevoirsSchema, access: 'authenticated', writes: false }),
  /** Stores the foyer's resources and each person's professional income; returns the new status. */
  'droitsDevoirs.save': def({ input: droitsDevoirsSaveInputSchema, output: droitsDevoirsSchema, access: WRITERS, writes: true }),

  // --- Reference data ---
  'organismes.list': def({
    input: z.object({ includeInactive: z.boolean().optional() }),
    output: z.array(organismeSchema),
    access: 'authenticated',
    writes: false,
  }),
  'organismes.create': def({ input: organismeInputSchema, output: organismeSchema, access: ADMIN, writes: true }),
  'organismes.update': def({
    input: organismeInputSchema.extend({ id: idSchema, active: z.boolean() }),
    output: organismeSchema,
    access: ADMIN,
    writes: true,
  }),
  'organismes.remove': def({ input: z.object({ id: idSchema }), output: removeOutcomeSchema, access: ADMIN, writes: true }),
  'referents.list': def({
    input: z.object({ organismeId: idSchema.optional(), includeInactive: z.boolean().optional() }),
    output: z.array(referentSchema),
    access: 'authenticated',
    writes: false,
  }),
  'referents.create': def({ input: referentInputSchema, output: referentSchema, access: ADMIN, writes: true }),
  'referents.update': def({
    input: referentInputSchema.extend({ id: idSchema, active: z.boolean() }),
    output: referentSchema,
    access: ADMIN,
    writes: true,
  }),
  'referents.remove': def({ input: z.object({ id: idSchema }), output: removeOutcomeSchema, access: ADMIN, writes: true }),

  // --- Dossier page ---
  /** Everything the dossier page shows about the interview, in one call. */
  'interview.summary': def({ input: personInput, output: interviewSummarySchema, access: 'authenticated', writes: false }),
} as const satisfies Record<string, MethodDef>;
