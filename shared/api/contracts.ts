/**
 * API of the contrats d’engagements réciproques (CERS, CERP), their PAP and life cycle, the ROME picker and
 * the EP saisines they create (handbook: « LES CONTRATS D’ENGAGEMENTS RECIPROQUES (CER) », Annexe 5).
 *
 * The form schemas here are shared with the renderer (react-hook-form + zodResolver): their paths are the form's
 * field names, and the errors main returns (`fieldErrors`) use the same paths (`pap.actions.2.end`,
 * `cerp.metiers.1.romeCode`, `suiviEmploi.0.motif`).
 */
import { z } from 'zod';
import { findAction } from '../domain/referentials/actions';
import { DIPLOMA_LEVEL_CODES } from '../domain/referentials/diplomas';
import { findRome } from '../domain/referentials/rome';
import { CONTRACT_STATUSES, CONTRACT_TYPES, EDE_WAIVER_MIN_LENGTH, validateContractDuration } from '../domain/rules/contracts';
import { ORIENTATIONS } from '../domain/rules/orientation';
import { PAP_ORIGINS, PAP_THEME_CODES, papActionSchema, RESULTATS, resultatSchema } from '../domain/rules/pap';
import { optionalTrimmed } from '../domain/rules/result';
import { suiviEmploiLineSchema } from '../domain/rules/suivi-emploi';
import { SAISINE_ORIGINS } from '../domain/rules/ep';
import { emptyToUndefined, idSchema, isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from './common';
import { def, type MethodDef } from './method';

export const contractTypeSchema = z.enum(CONTRACT_TYPES, { error: 'Choisissez le type de contrat (CERS ou CERP)' });
export const CONTRACT_TYPE_LABELS = {
  CERS: 'Contrat d’engagements réciproques – solidarité (CERS)',
  CERP: 'Contrat d’engagements réciproques – professionnel (CERP)',
} as const;

const versionSchema = z.number().int().nonnegative();

// ---------------------------------------------------------------------------------------------------------
// PAP rows
// ---------------------------------------------------------------------------------------------------------

/**
 * One row of the PAP as the form edits it: the rule's row (theme, action, dates, engagements, résultat, bilan…)
 * with the « services ou organismes sollicités » picked from that action's list.
 */
export const papRowSchema = papActionSchema
  .extend({
    services: z.array(z.string().trim().min(1, 'Service vide').max(200)).max(20, '20 services au plus').default([]),
  })
  .superRefine((row, ctx) => {
    const action = findAction(row.actionCode);
    if (!action) return; // an unknown action is reported by the PAP rule, at actionCode
    row.services.forEach((service, i) => {
      if (!action.services.includes(service)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', i],
          message: `« ${service} » ne figure pas parmi les services ou organismes sollicités de l’action ${action.code}`,
        });
      }
    });
  });
export type PapRowInput = z.input<typeof papRowSchema>;
export type PapRow = z.output<typeof papRowSchema>;

export const papFormSchema = z.object({
  actions: z.array(papRowSchema).max(40, 'Le plan d’accompagnement compte 40 actions au plus'),
});

// ---------------------------------------------------------------------------------------------------------
// CERP parts
// ---------------------------------------------------------------------------------------------------------

/** A code of the ROME referential (Annexe 4), checked against it. */
export const romeCodeSchema = z
  .string({ error: 'Choisissez un code ROME' })
  .trim()
  .toUpperCase()
  .regex(/^[A-N]\d{4}$/, 'Code ROME invalide : une lettre de A à N suivie de quatre chiffres')
  .refine((code) => findRome(code) !== undefined, 'Ce code ROME n’existe pas dans le référentiel ROME');

export const metierRechercheSchema = z.object({
  romeCode: romeCodeSchema,
  /** Caractéristiques du métier recherché. */
  caracteristiques: optionalText(1000),
  salaireAttendu: optionalText(100),
  /** Situation du marché du travail local. */
  marcheLocal: optionalText(1000),
  /** Avis du référent. */
  avisReferent: optionalText(1000),
});

export const TYPES_CONTRAT_TRAVAIL = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  contrat_aide: 'Contrat aidé',
  alternance: 'Apprentissage, alternance',
  saisonnier: 'Saisonnier',
  stage: 'Stage',
  independant: 'Travail indépendant',
  autre: 'Autre',
} as const;
const typeContratCodes = Object.keys(TYPES_CONTRAT_TRAVAIL) as [keyof typeof TYPES_CONTRAT_TRAVAIL, ...(keyof typeof TYPES_CONTRAT_TRAVAIL)[]];

/** One line of the profil professionnel (expérience: emploi, formation, compétences, contrat, durée, entreprise). */
export const experienceSchema = z.object({
  emploi: requiredText('Emploi ou formation', 200),
  formation: optionalText(300),
  competences: optionalText(1000),
  typeContrat: z.preprocess(emptyToUndefined, z.enum(typeContratCodes, { error: 'Type de contrat inconnu' }).optional()),
  duree: optionalText(100),
  entreprise: optionalText(200),
});

export const INSCRIPTION_LABELS = {
  poleEmploi: 'France Travail (ex-Pôle Emploi)',
  plie: 'PLIE',
  maisonEmploi: 'Maison de l’emploi',
  ett: 'Entreprise de travail temporaire',
} as const;

export const cerpPartSchema = z.object({
  situationProfessionnelle: z.object({
    /** Reconnu travailleur handicapé. */
    rqth: z.boolean().default(false),
    niveauFormation: z.preprocess(emptyToUndefined, z.enum(DIPLOMA_LEVEL_CODES, { error: 'Niveau de formation inconnu' }).optional()),
    permisConduire: z.boolean().default(false),
    autresPermis: optionalText(200),
    zoneGeographique: optionalText(300),
  }),
  situationEmploi: z.object({
    inscriptions: z.object({
      poleEmploi: z.boolean().default(false),
      plie: z.boolean().default(false),
      maisonEmploi: z.boolean().default(false),
      ett: z.boolean().default(false),
    }),
    experiences: z.array(experienceSchema).max(30, '30 expériences au plus').default([]),
  }),
  /** Deux choix possibles. */
  metiers: z.array(metierRechercheSchema).max(2, 'Deux métiers recherchés au plus').default([]),
  /** Plan d’accompagnement professionnel : conclusion de l’entretien. */
  conclusion: optionalText(4000),
});
export type CerpPartInput = z.input<typeof cerpPartSchema>;

// ---------------------------------------------------------------------------------------------------------
// The contract form
// ---------------------------------------------------------------------------------------------------------

/** Partie réservée au référent: lieu du suivi and the next appointments (identity and structure: the account). */
export const referentPartSchema = z.object({
  lieuSuivi: requiredText('Lieu du suivi', 200),
  prochainsRendezVous: z.array(isoDateSchema).max(12, '12 rendez-vous au plus').default([]),
});

const contractFormShape = {
  type: contractTypeSchema,
  start: isoDateSchema,
  durationMonths: z.number({ error: 'Choisissez la durée du contrat' }).int('Durée invalide'),
  /** Objectif(s) de l’accompagnement. */
  objectifs: requiredText('Objectifs de l’accompagnement', 4000),
  /** Résultats escomptés. */
  resultatsAttendus: requiredText('Résultats escomptés', 4000),
  /** CERS: perspective professionnelle, emploi(s) recherché(s). */
  emploisRecherches: optionalText(1000),
  pap: papFormSchema,
  referent: referentPartSchema,
  remarquesBeneficiaire: optionalText(4000),
  /** CERP only (null for a CERS). */
  cerp: cerpPartSchema.nullable().default(null),
  /** CERP only: fiche de suivi emploi. */
  suiviEmploi: z.array(suiviEmploiLineSchema).max(100, '100 offres au plus').default([]),
};
const contractFormBase = z.object(contractFormShape);

function refineContractForm(value: z.output<typeof contractFormBase>, ctx: z.RefinementCtx): void {
  for (const e of validateContractDuration(value.type, value.durationMonths)) {
    ctx.addIssue({ code: 'custom', path: ['durationMonths'], message: e.message });
  }
  if (value.type === 'CERP' && !value.cerp) {
    ctx.addIssue({
      code: 'custom',
      path: ['cerp'],
      message: 'Le CERP comprend la situation professionnelle, la situation face à l’emploi et les métiers recherchés',
    });
  }
  if (value.type === 'CERS' && value.cerp) {
    ctx.addIssue({ code: 'custom', path: ['cerp'], message: 'Ces rubriques ne concernent que le CERP' });
  }
  if (value.type === 'CERS' && value.suiviEmploi.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['suiviEmploi'], message: 'La fiche de suivi emploi ne concerne que le CERP' });
  }
}

/** The whole form of a contract (create and edit a draft). */
export const contractFormSchema = contractFormBase.superRefine(refineContractForm);
export type ContractFormInput = z.input<typeof contractFormSchema>;
export type ContractForm = z.output<typeof contractFormSchema>;

export const contractCreateInputSchema = contractFormBase.extend({ personId: idSchema }).superRefine(refineContractForm);
export const contractUpdateInputSchema = contractFormBase
  .extend({ contractId: idSchema, version: versionSchema })
  .superRefine(refineContractForm);

/** Bilan columns of a signed contract (résultat, bilan per PAP row, the fiche de suivi emploi, the bilan général). */
export const contractBilanInputSchema = z.object({
  contractId: idSchema,
  version: versionSchema,
  pap: z.object({
    actions: z.array(z.object({ resultat: resultatSchema.nullable().optional(), bilan: optionalTrimmed(2000) })),
  }),
  suiviEmploi: z.array(suiviEmploiLineSchema).max(100, '100 offres au plus').optional(),
  bilanGeneral: optionalText(4000),
});

export const signatureSchema = z.object({
  nom: requiredText('Nom du signataire', 120),
  date: isoDateSchema,
});

const lifecycleBase = { contractId: idSchema, version: versionSchema, date: isoDateSchema };

export const contractSignInputSchema = z.object({
  contractId: idSchema,
  version: versionSchema,
  referent: signatureSchema,
  beneficiaire: signatureSchema,
  /**
   * An administrator only: signing without the EDE the handbook asks for before the contract (« Au préalable, à
   * l’élaboration du contrat… »), with the written reason kept on the contract and in the journal.
   */
  edeWaiverReason: optionalText(2000).refine(
    (v) => v === undefined || v.length >= EDE_WAIVER_MIN_LENGTH,
    `Motif de la signature sans EDE : ${EDE_WAIVER_MIN_LENGTH} caractères au moins`,
  ),
});
export const contractDatedInputSchema = z.object(lifecycleBase);
export const contractRejectInputSchema = z.object({ ...lifecycleBase, motif: optionalText(2000) });
export const contractTerminateInputSchema = z.object({ ...lifecycleBase, bilanGeneral: optionalText(4000) });
export const contractCloseEarlyInputSchema = z.object({ ...lifecycleBase, motif: optionalText(2000) });
export const contractRenewInputSchema = z.object({
  contractId: idSchema,
  version: versionSchema,
  /** Default: the day after the previous contract's end. */
  start: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
  durationMonths: z.number({ error: 'Choisissez la durée du contrat' }).int('Durée invalide'),
  /** New actions added to the carried-over ones. */
  newActions: z.array(papRowSchema).max(40, '40 actions au plus').default([]),
  /** CERP: new lines of the fiche de suivi emploi (the previous ones are carried over). */
  newSuiviEmploi: z.array(suiviEmploiLineSchema).max(100).default([]),
});

// ---------------------------------------------------------------------------------------------------------
// Views (outputs)
// ---------------------------------------------------------------------------------------------------------

export const etatCivilSchema = z.object({
  nomPatronymique: z.string(),
  nomUsage: z.string().optional(),
  prenoms: z.string(),
  sexe: z.enum(['F', 'M']),
  dateNaissance: z.string(),
  address: z.object({ line1: z.string(), line2: z.string().optional(), postalCode: z.string(), city: z.string() }),
  telephone: z.string().optional(),
  portable: z.string().optional(),
  email: z.string().optional(),
  cafNumber: z.string(),
  rsaDepuis: z.string().optional(),
  peNumber: z.string().optional(),
  situationFamiliale: z.string(),
  niveauFormation: z.string().optional(),
});
export type EtatCivil = z.output<typeof etatCivilSchema>;

export const staffRefSchema = z.object({ id: idSchema.nullable(), displayName: z.string(), structure: z.string() });

export const papFlagSchema = z.object({
  path: z.string(),
  message: z.string(),
  kind: z.enum(['derogation_requise', 'seule_action_a_verifier']),
});

export const papRowViewSchema = z.object({
  theme: z.enum(PAP_THEME_CODES),
  actionCode: z.string(),
  /** The action's label in the referential version the PAP was made with. */
  actionLabel: z.string(),
  services: z.array(z.string()),
  start: z.string(),
  end: z.string(),
  engagementReferent: z.string(),
  engagementBeneficiaire: z.string(),
  resultat: z.enum(RESULTATS).nullable(),
  bilan: z.string().nullable(),
  origin: z.enum(PAP_ORIGINS),
  carriedOver: z.boolean(),
  derogationObtained: z.boolean(),
});

export const papVersionSummarySchema = z.object({
  version: z.number().int().positive(),
  origin: z.enum(['initial', 'avenant']),
  /** Avenant: its date, reasons and fiche. */
  date: z.string().nullable(),
  motif: z.string().nullable(),
  ficheId: idSchema.nullable(),
  actionsReferentialVersion: z.number().int(),
  createdAt: isoDateTimeSchema,
});

export const papViewSchema = papVersionSummarySchema.extend({
  id: idSchema,
  actions: z.array(papRowViewSchema),
  /** Rows needing attention (G.4.5 derogation, « dans certains cas » actions). */
  flags: z.array(papFlagSchema),
});

const metierViewSchema = z.object({
  romeCode: z.string(),
  romeLabel: z.string(),
  domaine: z.object({ letter: z.string(), label: z.string() }),
  caracteristiques: z.string().optional(),
  salaireAttendu: z.string().optional(),
  marcheLocal: z.string().optional(),
  avisReferent: z.string().optional(),
});

export const cerpViewSchema = z.object({
  situationProfessionnelle: z.object({
    rqth: z.boolean(),
    niveauFormation: z.string().optional(),
    permisConduire: z.boolean(),
    autresPermis: z.string().optional(),
    zoneGeographique: z.string().optional(),
  }),
  situationEmploi: z.object({
    inscriptions: z.object({ poleEmploi: z.boolean(), plie: z.boolean(), maisonEmploi: z.boolean(), ett: z.boolean() }),
    experiences: z.array(
      z.object({
        emploi: z.string(),
        formation: z.string().optional(),
        competences: z.string().optional(),
        typeContrat: z.string().optional(),
        duree: z.string().optional(),
        entreprise: z.string().optional(),
      }),
    ),
  }),
  metiers: z.array(metierViewSchema),
  conclusion: z.string().optional(),
});

export const suiviEmploiLineViewSchema = z.object({
  date: z.string().optional(),
  offre: z.string(),
  raisonnable: z.boolean(),
  domaine: z.string(),
  romeCode: z.string().optional(),
  moyens: z.string(),
  resultat: z.enum(RESULTATS),
  motif: z.string().optional(),
  bilan: z.string().optional(),
});

export const CONTRACT_ACTIONS = ['modifier', 'bilan', 'supprimer', 'signer', 'transmettre', 'valider', 'rejeter', 'demarrer', 'echoir', 'clore', 'renouveler', 'avenant'] as const;

export const contractSummarySchema = z.object({
  id: idSchema,
  personId: idSchema,
  type: contractTypeSchema,
  status: z.enum(CONTRACT_STATUSES),
  statusLabel: z.string(),
  start: z.string(),
  end: z.string(),
  durationMonths: z.number().int(),
  papVersion: z.number().int(),
  renewalOfId: idSchema.nullable(),
  renewedById: idSchema.nullable(),
  transmittedOn: z.string().nullable(),
  /** Beneficiary and référent, for lists (inbox of the SLAI). */
  beneficiaire: z.string(),
  referent: z.string(),
  updatedAt: isoDateTimeSchema,
});
export type ContractSummary = z.output<typeof contractSummarySchema>;

export const contractViewSchema = z.object({
  id: idSchema,
  personId: idSchema,
  type: contractTypeSchema,
  status: z.enum(CONTRACT_STATUSES),
  statusLabel: z.string(),
  /** The orientation decision the contract follows. */
  orientation: z.object({ id: idSchema.nullable(), date: z.string(), orientation: z.enum(ORIENTATIONS) }),
  start: z.string(),
  durationMonths: z.number().int(),
  /** contractEndDate(start, durationMonths). */
  end: z.string(),
  renewalOfId: idSchema.nullable(),
  renewedById: idSchema.nullable(),
  /** Partie état civil: the dossier's, as of the last edit (frozen at signature). */
  etatCivil: etatCivilSchema,
  /** Identification du référent and their structure (frozen at signature). */
  referentIdentity: staffRefSchema,
  objectifs: z.string(),
  resultatsAttendus: z.string(),
  emploisRecherches: z.string().optional(),
  referent: z.object({ lieuSuivi: z.string(), prochainsRendezVous: z.array(z.string()) }),
  remarquesBeneficiaire: z.string().optional(),
  cerp: cerpViewSchema.nullable(),
  /** The current PAP version. */
  pap: papViewSchema,
  /** Every PAP version, oldest first (avenants add versions; old ones stay readable: contracts.papVersion). */
  papVersions: z.array(papVersionSummarySchema),
  suiviEmploi: z.array(suiviEmploiLineViewSchema),
  signatures: z.object({
    referent: z.object({ nom: z.string(), date: z.string() }).nullable(),
    beneficiaire: z.object({ nom: z.string(), date: z.string() }).nullable(),
  }),
  signedOn: z.string().nullable(),
  /** Signed without the EDE by an administrator's written override (the reason and who gave it). */
  edeWaiver: z.object({ reason: z.string(), byName: z.string() }).nullable(),
  /** A draft: why the EDE rule would refuse the signature today (null when an EDE qualifies). */
  edeBeforeSignature: z.string().nullable(),
  transmittedOn: z.string().nullable(),
  /** Décision du Président (recorded by the SLAI correspondent). */
  decision: z
    .object({ sens: z.enum(['valide', 'rejete']), date: z.string(), motif: z.string().nullable(), par: z.string().nullable() })
    .nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  closureMotif: z.string().nullable(),
  bilanGeneral: z.string().nullable(),
  /** EP saisine created at the term of a CERS reaching 12 months. */
  epSaisineId: idSchema.nullable(),
  referentials: z.object({ actions: z.number().int(), rome: z.number().int(), diplomas: z.number().int() }),
  /** true once signed: every change goes through an avenant (except the bilan columns). */
  readOnly: z.boolean(),
  /** What the caller may do now (buttons of the screen). */
  allowedActions: z.array(z.enum(CONTRACT_ACTIONS)),
  version: z.number().int(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type ContractView = z.output<typeof contractViewSchema>;

/** The signed contract, and the sanction schedules its signature ended (non-conclusion, non-renouvellement), in French. */
export const contractSignOutputSchema = contractViewSchema.extend({ sanctionChanges: z.array(z.string()) });

export const contractPrefillSchema = z.object({
  personId: idSchema,
  etatCivil: etatCivilSchema,
  referentIdentity: staffRefSchema.nullable(),
  /** The orientation in force: no contract without it. */
  orientation: z
    .object({
      id: idSchema.nullable(),
      date: z.string(),
      orientation: z.enum(ORIENTATIONS),
      sphere: z.enum(['solidarite', 'professionnelle']),
      contractKind: z.enum(['CERS', 'CERP', 'PPAE']),
      /** Last day to sign (CERS 2 months, CERP 1 month after the decision). */
      deadline: z.string(),
      deadlineRule: z.string(),
    })
    .nullable(),
  /** CERS or CERP according to the orientation; null when none applies (no orientation, Pôle Emploi → PPAE). */
  type: contractTypeSchema.nullable(),
  allowedDurations: z.array(z.number().int()),
  /** Later of today and the orientation decision. */
  defaultStart: z.string(),
  /** The latest EDE and the PAP themes its coloured items point to. */
  latestEde: z.object({ id: idSchema, date: z.string(), themes: z.array(z.enum(PAP_THEME_CODES)) }).nullable(),
  suggestedThemes: z.array(z.object({ code: z.enum(PAP_THEME_CODES), label: z.string() })),
  /** CERP: situation professionnelle and inscriptions known from the dossier. */
  cerp: cerpViewSchema.pick({ situationProfessionnelle: true, situationEmploi: true }).nullable(),
  /** Why a contract cannot be made now (French), empty when it can. */
  blockers: z.array(z.string()),
  /** « Date des prochains rendez-vous »: the rendez-vous planned from today (appointments), soonest first. */
  prochainsRendezVous: z.array(isoDateSchema).optional(),
});
export type ContractPrefill = z.output<typeof contractPrefillSchema>;

export const termOutcomeSchema = z.object({
  kind: z.enum(['clore_avec_bilan', 'renouveler', 'saisine_ep']),
  handbookCase: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  label: z.string(),
  requirements: z.array(z.string()),
  blockers: z.array(z.object({ path: z.string().optional(), message: z.string() })),
});

export const EP_SAISINE_STATUS_LABELS = { en_attente: 'En attente de l’équipe pluridisciplinaire' } as const;

export const epSaisineSchema = z.object({
  id: idSchema,
  personId: idSchema,
  origin: z.enum(SAISINE_ORIGINS),
  originLabel: z.string(),
  theme: z.string(),
  date: z.string(),
  avisDeadline: z.string(),
  /** 'en_attente' for now; the EP capability adds its statuses. */
  status: z.string(),
  ficheId: idSchema.nullable(),
  edeId: idSchema.nullable(),
  contractId: idSchema.nullable(),
  papId: idSchema.nullable(),
  attachmentIds: z.array(idSchema),
  cible: z.enum(ORIENTATIONS).nullable(),
  suspensionMotif: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type EpSaisineView = z.output<typeof epSaisineSchema>;

export const romeHitSchema = z.object({
  code: z.string(),
  label: z.string(),
  domaine: z.object({ letter: z.string(), label: z.string() }),
});

export const pickerActionSchema = z.object({
  code: z.string(),
  label: z.string(),
  theme: z.enum(PAP_THEME_CODES),
  services: z.array(z.string()),
  definition: z.string(),
  notes: z.array(z.string()),
  notAlone: z.boolean(),
  notAloneWarning: z.boolean(),
  requiresDerogation: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------------------

/** Who writes the référent's side of a contract (a référent only on their own dossiers). */
export const CONTRACT_AUTHORS = ['referent', 'correspondant', 'administrateur'] as const;
/** Who records the Président's decision: the SLAI correspondent (and the administrator). */
export const SLAI_ROLES = ['correspondant', 'administrateur'] as const;

const byId = z.object({ contractId: idSchema });
const byPerson = z.object({ personId: idSchema });

export const contractsMethods = {
  /** What a new contract starts from: état civil, référent, orientation, durations, suggested PAP themes. */
  'contracts.prefill': def({ input: byPerson, output: contractPrefillSchema, access: 'authenticated', writes: false }),
  'contracts.listForDossier': def({ input: byPerson, output: z.array(contractSummarySchema), access: 'authenticated', writes: false }),
  'contracts.get': def({ input: byId, output: contractViewSchema, access: 'authenticated', writes: false }),
  /** A PAP version of a contract (the versions replaced by avenants stay readable). */
  'contracts.papVersion': def({
    input: z.object({ contractId: idSchema, papVersion: z.number().int().positive() }),
    output: papViewSchema,
    access: 'authenticated',
    writes: false,
  }),
  /** Cas 1 / 2 / 3 at term, with what is still missing. */
  'contracts.outcomes': def({
    input: byId,
    output: z.object({ end: z.string(), solidarityMonths: z.number().int(), outcomes: z.array(termOutcomeSchema) }),
    access: 'authenticated',
    writes: false,
  }),
  /** Contracts transmitted to the SLAI awaiting the Président's decision, oldest first. */
  'contracts.awaitingDecision': def({ input: z.object({}).strict(), output: z.array(contractSummarySchema), access: SLAI_ROLES, writes: false }),
  'contracts.create': def({ input: contractCreateInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  /** Edits a draft. A signed contract refuses every change but the bilan columns (RULE): use an avenant. */
  'contracts.update': def({ input: contractUpdateInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  /** Résultat and bilan of the PAP rows, the fiche de suivi emploi and the bilan général (open after signature). */
  'contracts.saveBilan': def({ input: contractBilanInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  'contracts.deleteDraft': def({ input: z.object({ contractId: idSchema, version: versionSchema }), output: z.object({ ok: z.literal(true) }), access: CONTRACT_AUTHORS, writes: true }),
  /** Signs a draft; an EDE must precede it (or an administrator's written waiver). The sanction schedules it ends are recomputed. */
  'contracts.sign': def({ input: contractSignInputSchema, output: contractSignOutputSchema, access: CONTRACT_AUTHORS, writes: true }),
  'contracts.transmit': def({ input: contractDatedInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  'contracts.validate': def({ input: contractDatedInputSchema, output: contractViewSchema, access: SLAI_ROLES, writes: true }),
  'contracts.reject': def({ input: contractRejectInputSchema, output: contractViewSchema, access: SLAI_ROLES, writes: true }),
  'contracts.start': def({ input: contractDatedInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  /** At term (date after the end), with every bilan filled; a CERS reaching 12 months creates the EP saisine (Cas 3). */
  'contracts.terminate': def({ input: contractTerminateInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  'contracts.closeEarly': def({ input: contractCloseEarlyInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  /** Cas 2: a new draft carrying the previous actions with their bilan, plus new ones (CERP: the fiche de suivi emploi). */
  'contracts.renew': def({ input: contractRenewInputSchema, output: contractViewSchema, access: CONTRACT_AUTHORS, writes: true }),
  /** Actions a user may pick for a theme and contract type (leaves of the sphere, H.3.x left out). */
  'contracts.papActions': def({
    input: z.object({ type: contractTypeSchema, theme: z.enum(PAP_THEME_CODES, { error: 'Choisissez le thème' }) }),
    output: z.array(pickerActionSchema),
    access: 'authenticated',
    writes: false,
  }),
  'rome.search': def({
    input: z.object({ query: z.string().max(100, '100 caractères au plus'), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.array(romeHitSchema),
    access: 'authenticated',
    writes: false,
  }),
  'epSaisines.forDossier': def({ input: byPerson, output: z.array(epSaisineSchema), access: 'authenticated', writes: false }),
} as const satisfies Record<string, MethodDef>;
