/**
 * « LA FICHE DE LIAISON » (Annexe 7) and its « PROCEDURE »: the five requests a référent sends to the SLAI
 * correspondent — demande d’appui (free text only, may go as an e-mail, no signature), réorientation (motif, the
 * EDE attached, the target orientation), suspension (motif, the référent’s signature, the convocation letters
 * attached), actions du Conseil Général (the actions ticked in Annexe 7’s lists, signatures of the référent and
 * the bénéficiaire) and avenant (reason, the modified PAP, both signatures, the duration unchanged). A fiche
 * closes only with the correspondent’s answer (« A chaque demande, un retour sera fait au référent »); an accepted
 * request for actions CG or avenant also waits for the « Partie réservée au Président » (`checkPresidentDecision`).
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, requiredText } from '../../api/common';
import type { ActionDef } from '../referentials/types';
import type { ContractType } from './contracts';
import { contractEndDate, isIsoDate, type IsoDate } from './dates';
import { orientationSchema, type Orientation } from './orientation';
import { papActionSchema, validatePap, type PapActionInput, type PapFlag } from './pap';
import { failure, parseWith, rebaseErrors, ruleError, type RuleError, type RuleResult, optionalTrimmed } from './result';
import { formatDate } from '../format';

export const FICHE_TYPES = ['appui', 'reorientation', 'suspension', 'actions_cg', 'avenant'] as const;
export type FicheType = (typeof FICHE_TYPES)[number];
export const FICHE_TYPE_LABELS: Record<FicheType, string> = {
  appui: 'Demande d’appui',
  reorientation: 'Passage en équipe pluridisciplinaire : réorientation',
  suspension: 'Passage en équipe pluridisciplinaire : suspension',
  actions_cg: 'Actions Conseil Général',
  avenant: 'Modification du PAP : avenant au contrat',
};

export const REORIENTATION_MOTIFS = [
  'radiation_pole_emploi',
  'orientation_initiale_inadaptee',
  'changement_situation',
  'reorientation_apres_fin_contrat',
  'autres',
] as const;
export type ReorientationMotif = (typeof REORIENTATION_MOTIFS)[number];
export const REORIENTATION_MOTIF_LABELS: Record<ReorientationMotif, string> = {
  radiation_pole_emploi: 'Radiation France Travail (ex-Pôle Emploi)',
  orientation_initiale_inadaptee: 'Orientation initiale inadaptée',
  changement_situation: 'Changement de situation de la personne',
  reorientation_apres_fin_contrat: 'Réorientation après fin de contrat',
  autres: 'Autres',
};

export const SUSPENSION_MOTIFS = ['non_signature', 'non_respect', 'radiation_pole_emploi', 'refus_controle', 'autres'] as const;
export type SuspensionMotif = (typeof SUSPENSION_MOTIFS)[number];
export const SUSPENSION_MOTIF_LABELS: Record<SuspensionMotif, string> = {
  non_signature: 'Non signature du PPAE ou du contrat d’engagement',
  non_respect: 'Non respect du PPAE ou du contrat d’engagement',
  radiation_pole_emploi: 'Radiation France Travail (ex-Pôle Emploi)',
  refus_controle: 'Refus de se soumettre au contrôle',
  autres: 'Autres',
};

// ---------------------------------------------------------------------------------------------------------
// Annexe 7 — « DEMANDE D’ACTION CONSEIL GENERAL »: the lists of actions a référent may tick.
// ---------------------------------------------------------------------------------------------------------

export interface ActionCgOption {
  code: string;
  label: string;
  /** « Précisez » : the référent names the action / the organisme. */
  requiresPrecision?: boolean;
  /** « A chaque positionnement sur un CUI, veuillez transmettre le CV. » */
  requiresCv?: boolean;
}
export interface ActionCgGroup {
  label: string;
  options: ActionCgOption[];
}
export interface ActionCgList {
  code: 'droit_commun' | 'insertion_sociale' | 'insertion_professionnelle';
  label: string;
  groups: ActionCgGroup[];
}

export const ACTIONS_CG_LISTS_VERSION = 1;

export const ACTIONS_CG_LISTS: readonly ActionCgList[] = [
  {
    code: 'droit_commun',
    label: 'Politique de droit commun – Action sociale',
    groups: [
      {
        label: 'Actions de prévention - protection autour de l’enfant et de la famille',
        options: [{ code: 'dc_accompagnement_social_mds', label: 'Accompagnement social par la MDS' }],
      },
      {
        label: 'Action de protection juridique et d’accompagnement des majeurs',
        options: [{ code: 'dc_masp', label: 'Mesure d’Accompagnement Social Personnalisé (MASP)' }],
      },
      {
        label: 'Action autour du logement',
        options: [
          { code: 'dc_logement_pdalpd', label: 'Dans le cadre du PDALPD' },
          { code: 'dc_logement_aides_financieres', label: 'Aides financières' },
          { code: 'dc_logement_fsl', label: 'Dispositifs d’accompagnement du FSL' },
        ],
      },
      {
        label: 'Politique de prévention santé',
        options: [{ code: 'dc_sante_pts', label: 'Actions dans le cadre des Programmes Territoriaux de Santé (PTS)' }],
      },
    ],
  },
  {
    code: 'insertion_sociale',
    label: 'Actions complémentaires et subsidiaires – Dispositif insertion sociale',
    groups: [
      {
        label: 'Axe 1 Dynamisation et Mobilisation des compétences',
        options: [
          { code: 'is_axe1_projet_de_vie', label: 'Émergence de projet de vie' },
          { code: 'is_axe1_budget', label: 'Gestion du budget et consommation' },
          { code: 'is_axe1_bien_etre', label: 'Bien-être, accès aux soins, prévention des conduites addictives' },
        ],
      },
      {
        label: 'Axe 2 Développement et Validation des compétences',
        options: [
          { code: 'is_axe2_savoirs_de_base', label: 'Maîtrise des savoirs de base' },
          { code: 'is_axe2_ateliers_du_savoir', label: 'Ateliers du savoir' },
        ],
      },
      {
        label: 'Axe transversal complémentaire',
        options: [
          { code: 'is_transversal_mobilite', label: 'Mobilité' },
          { code: 'is_transversal_projets_collectifs', label: 'Développement de projets collectifs' },
        ],
      },
      {
        label: 'Autres actions et dispositifs',
        options: [{ code: 'is_autres', label: 'Autres actions et dispositifs (précisez : action, organisme)', requiresPrecision: true }],
      },
    ],
  },
  {
    code: 'insertion_professionnelle',
    label: 'Action favorisant et promouvant l’insertion vers l’emploi – Dispositif d’insertion professionnelle',
    groups: [
      {
        label: 'Remobilisation et accompagnement vers l’emploi',
        options: [
          { code: 'ip_remobilisation_projet', label: 'Remobilisation autour du projet professionnel' },
          { code: 'ip_action_collective_mobilite', label: 'Action collective Mobilité' },
          { code: 'ip_decouverte_metiers', label: 'Découverte des métiers' },
        ],
      },
      {
        label: 'Insertion par l’Activité Économique',
        options: [
          { code: 'ip_iae_siae', label: 'Accompagnement dans le cadre d’une SIAE' },
          { code: 'ip_iae_cui_non_marchand', label: 'Positionnement sur un Contrat Unique d’Insertion non Marchand', requiresCv: true },
          { code: 'ip_iae_chantier_ecole', label: 'Chantier École' },
          { code: 'ip_iae_actions_specifiques', label: 'Actions spécifiques (insertion par l’activité économique)' },
        ],
      },
      {
        label: 'Perfectionnement et accès à l’emploi',
        options: [
          { code: 'ip_financement_formation', label: 'Financement de formation' },
          { code: 'ip_mediation_emploi', label: 'Médiation vers l’emploi' },
          { code: 'ip_acces_suivi_emploi', label: 'Accès et suivi dans l’emploi' },
          { code: 'ip_marche_placement', label: 'Marché de placement' },
          { code: 'ip_accompagnement_mie', label: 'Accompagnement MIE' },
          { code: 'ip_plie', label: 'PLIE' },
          { code: 'ip_perfectionnement_actions_specifiques', label: 'Actions spécifiques (perfectionnement et accès à l’emploi)' },
        ],
      },
      {
        label: 'Projets transversaux spécifiques',
        options: [
          { code: 'ip_suppleances_attee', label: 'Suppléances ATTEE' },
          { code: 'ip_clauses_insertion', label: 'Clauses d’Insertion' },
          { code: 'ip_autres_actions_collectives', label: 'Autres actions collectives (précisez)', requiresPrecision: true },
        ],
      },
    ],
  },
];

/** Every option of Annexe 7's lists, by code, with the list and group it belongs to. */
export const ACTIONS_CG_BY_CODE: ReadonlyMap<string, ActionCgOption & { list: ActionCgList['code']; group: string }> = new Map(
  ACTIONS_CG_LISTS.flatMap((list) =>
    list.groups.flatMap((group) => group.options.map((o) => [o.code, { ...o, list: list.code, group: group.label }] as const)),
  ),
);

// ---------------------------------------------------------------------------------------------------------
// The fiche: a draft may be incomplete; `validateFicheForSending` checks what each request needs.
// ---------------------------------------------------------------------------------------------------------

export const FICHE_STATUSES = ['brouillon', 'envoyee', 'en_ep', 'close'] as const;
export type FicheStatus = (typeof FICHE_STATUSES)[number];
export const FICHE_STATUS_LABELS: Record<FicheStatus, string> = {
  brouillon: 'Brouillon',
  envoyee: 'Envoyée au correspondant',
  en_ep: 'Transmise à l’équipe pluridisciplinaire',
  close: 'Close (réponse du correspondant)',
};

export interface ActionCgChoice {
  code: string;
  precision?: string | null;
}

export interface Signatures {
  /** Date of the référent's signature. */
  referent?: IsoDate | null;
  /** Date of the bénéficiaire's signature. */
  beneficiaire?: IsoDate | null;
}

/** A fiche de liaison record (drafts may leave fields empty). */
export interface FicheDeLiaison {
  id?: number | null;
  type: FicheType;
  status: FicheStatus;
  /** Date of the request. */
  date: IsoDate;
  /** The contract in progress, as written on the fiche (« date de début, date de fin »). */
  contrat?: { start: IsoDate; end: IsoDate } | null;
  /** appui: free text. Other types may add a comment. */
  texte?: string | null;
  /** appui: sent as an e-mail (allowed: no signature). */
  parCourriel?: boolean;
  /** reorientation / suspension / avenant: the motif. */
  motif?: string | null;
  /** reorientation / suspension: free text detailing the motif. */
  motifPrecision?: string | null;
  /** reorientation: target orientation. */
  cible?: Orientation | null;
  /** reorientation: id of the EDE attached (« transmettre également l’échelle de distance à l’emploi »). */
  edeId?: number | null;
  /** suspension: the convocation letters attached. */
  convocations?: { date: IsoDate; objet?: string | null }[];
  /** actions_cg (and avenant soliciting CG measures). */
  actionsCg?: ActionCgChoice[];
  structureSouhaitee?: string | null;
  /** actions_cg with a CUI positioning: the CV is attached. */
  cvJoint?: boolean;
  /** avenant: the modified PAP. */
  pap?: PapActionInput[];
  signatures?: Signatures;
  sentOn?: IsoDate | null;
  epOn?: IsoDate | null;
  /** Observation / avis du correspondant: closes the fiche. */
  reponse?: { date: IsoDate; texte: string; auteur: string } | null;
  closedOn?: IsoDate | null;
}

/** A signature date; whether it is required is checked after parsing (REQUIRED_SIGNATURES). */
const signedOn = isoDateSchema.nullish();

/** Who must sign, per request (appui and réorientation: no signature required). */
export const REQUIRED_SIGNATURES: Record<FicheType, readonly ('referent' | 'beneficiaire')[]> = {
  appui: [],
  reorientation: [],
  suspension: ['referent'],
  actions_cg: ['referent', 'beneficiaire'],
  avenant: ['referent', 'beneficiaire'],
};
const SIGNATURE_LABELS = { referent: 'Signature du référent obligatoire', beneficiaire: 'Signature du bénéficiaire obligatoire' } as const;

const signaturesSchema = (type: FicheType) =>
  z
    .object(
      { referent: signedOn, beneficiaire: signedOn },
      { error: REQUIRED_SIGNATURES[type].length > 1 ? 'Signatures du référent et du bénéficiaire obligatoires' : 'Signature du référent obligatoire' },
    )
    .superRefine((sig, ctx) => {
      for (const who of REQUIRED_SIGNATURES[type]) {
        if (!sig[who]) ctx.addIssue({ code: 'custom', path: [who], message: SIGNATURE_LABELS[who] });
      }
    });

const contratSchema = z.object({ start: isoDateSchema, end: isoDateSchema });

const actionCgChoiceSchema = z
  .object({ code: z.string(), precision: optionalTrimmed(300) })
  .superRefine((choice, ctx) => {
    const option = ACTIONS_CG_BY_CODE.get(choice.code);
    if (!option) ctx.addIssue({ code: 'custom', path: ['code'], message: 'Action inconnue des listes de la fiche de liaison' });
    else if (option.requiresPrecision && !choice.precision) {
      ctx.addIssue({ code: 'custom', path: ['precision'], message: `« ${option.label} » : précisez l’action et l’organisme` });
    }
  });

const actionsCgSchema = z.array(actionCgChoiceSchema);

const base = { id: idSchema.nullable().optional(), date: isoDateSchema };

export const ficheForSendingSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...base,
      type: z.literal('appui'),
      texte: requiredText('Objet de la demande d’appui', 4000),
      parCourriel: z.boolean().optional(),
    }),
    z.object({
      ...base,
      type: z.literal('reorientation'),
      contrat: contratSchema.nullable().optional(),
      motif: z.enum(REORIENTATION_MOTIFS, { error: 'Choisissez le motif de la réorientation' }),
      motifPrecision: optionalTrimmed(2000),
      cible: orientationSchema,
      edeId: z.number({ error: 'Joignez l’échelle de distance à l’emploi (obligatoire pour une réorientation)' }).int().positive(),
    }),
    z.object({
      ...base,
      type: z.literal('suspension'),
      contrat: contratSchema.nullable().optional(),
      motif: z.enum(SUSPENSION_MOTIFS, { error: 'Choisissez le motif de la suspension' }),
      motifPrecision: requiredText('Motif de la demande', 2000),
      convocations: z
        .array(z.object({ date: isoDateSchema, objet: optionalTrimmed(200) }), { error: 'Joignez les courriers de convocation' })
        .min(1, 'Joignez les différents courriers de convocation (obligatoire pour une suspension)'),
      signatures: signaturesSchema('suspension'),
    }),
    z.object({
      ...base,
      type: z.literal('actions_cg'),
      contrat: contratSchema.nullable().optional(),
      actionsCg: actionsCgSchema.min(1, 'Cochez au moins une action du Conseil Général'),
      structureSouhaitee: optionalTrimmed(200),
      cvJoint: z.boolean().optional(),
      signatures: signaturesSchema('actions_cg'),
    }),
    z.object({
      ...base,
      type: z.literal('avenant'),
      contrat: contratSchema,
      motif: requiredText('Raisons de la modification du PAP', 2000),
      pap: z.array(papActionSchema).min(1, 'Joignez le PAP modifié'),
      actionsCg: actionsCgSchema.optional(),
      structureSouhaitee: optionalTrimmed(200),
      cvJoint: z.boolean().optional(),
      signatures: signaturesSchema('avenant'),
    }),
  ],
  { error: 'Choisissez l’objet de la demande' },
);
export type FicheForSending = z.output<typeof ficheForSendingSchema>;

export interface FicheSendingContext {
  /** For an avenant: the referential, to check the modified PAP. */
  actions?: readonly ActionDef[];
  /** For an avenant: the contract it amends (its dates must not change). */
  contract?: { type: ContractType; start: IsoDate; durationMonths: number };
}

/** How the fiche travels: an appui may go as an e-mail (no signature); the others are signed fiches. */
export const ficheChannel = (type: FicheType): 'courriel_possible' | 'fiche_signee' => (type === 'appui' ? 'courriel_possible' : 'fiche_signee');

/** true for the requests that go to the équipe pluridisciplinaire. */
export const goesToEp = (type: FicheType): type is 'reorientation' | 'suspension' => type === 'reorientation' || type === 'suspension';

/** Everything a fiche needs before it is sent to the correspondent, by request type. */
export function validateFicheForSending(
  fiche: FicheDeLiaison,
  ctx: FicheSendingContext = {},
): RuleResult<{ fiche: FicheForSending; flags: PapFlag[] }> {
  const parsed = parseWith(ficheForSendingSchema, fiche);
  if (!parsed.ok) return parsed;
  const f = parsed.value;
  const errors: RuleError[] = [];
  let flags: PapFlag[] = [];
  if (f.type === 'reorientation' && f.motif === 'autres' && !f.motifPrecision) {
    errors.push(ruleError('Motif « Autres » : précisez le motif de la réorientation.', 'motifPrecision'));
  }
  if (f.type === 'actions_cg' || f.type === 'avenant') {
    const needsCv = (f.actionsCg ?? []).some((a) => ACTIONS_CG_BY_CODE.get(a.code)?.requiresCv);
    if (needsCv && !f.cvJoint) errors.push(ruleError('Positionnement sur un CUI : joignez le CV.', 'cvJoint'));
  }
  if ('signatures' in f && f.signatures) {
    for (const who of ['referent', 'beneficiaire'] as const) {
      const d = f.signatures[who];
      if (d && d < f.date) errors.push(ruleError('La signature ne peut pas précéder la date de la demande.', `signatures.${who}`));
    }
  }
  if (f.type === 'avenant') {
    if (f.contrat.end < f.contrat.start) errors.push(ruleError('La fin du contrat précède son début.', 'contrat.end'));
    if (ctx.contract) {
      const end = contractEndDate(ctx.contract.start, ctx.contract.durationMonths);
      if (f.contrat.start !== ctx.contract.start || f.contrat.end !== end) {
        errors.push(
          ruleError(
            `L’avenant ne modifie pas la durée initialement prévue dans le contrat (du ${formatDate(ctx.contract.start)} au ${formatDate(end)}).`,
            'contrat',
          ),
        );
      }
      if (ctx.actions) {
        const pap = validatePap({ actions: f.pap }, { actions: ctx.actions, contract: { type: ctx.contract.type, start: ctx.contract.start, end } });
        if (!pap.ok) errors.push(...rebaseErrors(pap.errors, 'actions', 'pap'));
        else flags = pap.flags;
      }
    }
  }
  return errors.length > 0 ? failure(errors) : { ok: true, fiche: f, flags };
}

export const FICHE_EVENTS = ['envoyer', 'saisir_ep', 'repondre'] as const;
export type FicheEvent = (typeof FICHE_EVENTS)[number];

export const FICHE_TRANSITIONS: Record<FicheStatus, Partial<Record<FicheEvent, FicheStatus>>> = {
  brouillon: { envoyer: 'envoyee' },
  envoyee: { saisir_ep: 'en_ep', repondre: 'close' },
  en_ep: { repondre: 'close' },
  close: {},
};

export interface FicheTransitionContext extends FicheSendingContext {
  date: IsoDate;
  /** repondre: the correspondent's observation / answer. */
  reponse?: { texte: string; auteur: string };
}

/** Life cycle of a fiche: sent once complete; réorientation/suspension go to the EP; closed by the answer. */
export function transitionFiche<F extends FicheDeLiaison>(
  fiche: F,
  event: FicheEvent,
  ctx: FicheTransitionContext,
): RuleResult<{ fiche: F; from: FicheStatus; to: FicheStatus }> {
  const from = fiche.status;
  const to = FICHE_TRANSITIONS[from]?.[event];
  if (!to) {
    const message =
      event === 'repondre' && from === 'brouillon'
        ? 'La fiche n’a pas encore été envoyée au correspondant.'
        : event === 'saisir_ep' && !goesToEp(fiche.type)
          ? 'Seules les demandes de réorientation ou de suspension passent en équipe pluridisciplinaire.'
          : from === 'close'
            ? 'Cette fiche est close.'
            : event === 'envoyer'
              ? 'Cette fiche a déjà été envoyée.'
              : `Action impossible : la fiche est « ${FICHE_STATUS_LABELS[from] ?? from} ».`;
    return failure([ruleError(message, 'status')]);
  }
  if (!isIsoDate(ctx.date)) return failure([ruleError('Date invalide.', 'date')]);
  const next: F = { ...fiche, status: to };
  const errors: RuleError[] = [];
  switch (event) {
    case 'envoyer': {
      const check = validateFicheForSending(fiche, ctx);
      if (!check.ok) return check;
      if (ctx.date < fiche.date) errors.push(ruleError('L’envoi ne peut pas précéder la date de la demande.', 'date'));
      next.sentOn = ctx.date;
      break;
    }
    case 'saisir_ep':
      if (!goesToEp(fiche.type)) errors.push(ruleError('Seules les demandes de réorientation ou de suspension passent en équipe pluridisciplinaire.', 'type'));
      next.epOn = ctx.date;
      break;
    case 'repondre':
      if (!ctx.reponse?.texte?.trim()) errors.push(ruleError('La fiche se clôt avec la réponse du correspondant : saisissez-la.', 'reponse.texte'));
      if (!ctx.reponse?.auteur?.trim()) errors.push(ruleError('Indiquez le correspondant qui répond.', 'reponse.auteur'));
      if (fiche.sentOn && ctx.date < fiche.sentOn) errors.push(ruleError('La réponse ne peut pas précéder l’envoi.', 'date'));
      next.reponse = { date: ctx.date, texte: ctx.reponse?.texte.trim() ?? '', auteur: ctx.reponse?.auteur.trim() ?? '' };
      next.closedOn = ctx.date;
      break;
  }
  return errors.length > 0 ? failure(errors) : { ok: true, fiche: next, from, to };
}

// ---------------------------------------------------------------------------------------------------------
// Annexe 7 — « PARTIE RÉSERVÉE AU PRÉSIDENT DU CONSEIL GENERAL »: decision, « Structure désignée pour
// l’inscription à une action CG », date, « Signature : Le Président du Conseil Général, Par délégation, Le Chef du
// Service Local Allocation Insertion ou le directeur de Maison du Département Solidarité ».
// ---------------------------------------------------------------------------------------------------------

export const PRESIDENT_DECISIONS = ['accord', 'refus', 'ajournement'] as const;
export type PresidentDecisionKind = (typeof PRESIDENT_DECISIONS)[number];
export const PRESIDENT_DECISION_LABELS: Record<PresidentDecisionKind, string> = {
  accord: 'Accord',
  refus: 'Refus',
  ajournement: 'Ajournement',
};

/** The requests whose fiche carries the Président's part: a request for actions du Conseil Général, an avenant. */
export const needsPresidentDecision = (type: FicheType): type is 'actions_cg' | 'avenant' => type === 'actions_cg' || type === 'avenant';

export interface PresidentDecisionInput {
  decision: PresidentDecisionKind;
  /** Required for a refus or an ajournement. */
  reason?: string | null;
  /** « Structure désignée pour l’inscription à une action CG »: required for an accord on actions CG. */
  structure?: string | null;
  date: IsoDate;
  signatoryName: string;
  signatoryFunction: string;
  signatoryDelegation?: string | null;
}

export interface PresidentDecisionContext {
  type: FicheType;
  sentOn: IsoDate | null;
  /** The correspondent's answer (observation / avis), which the Président's part follows. */
  answer: { decision: 'acceptee' | 'refusee'; date: IsoDate } | null;
  /** The decision already recorded, if any: only an ajournement may be followed by another decision. */
  previous: { decision: PresidentDecisionKind; date: IsoDate } | null;
  today: IsoDate;
}

/** true once the Président's part no longer waits: an accord or a refus (an ajournement still waits). */
export const presidentDecided = (decision: PresidentDecisionKind | null | undefined): boolean => decision === 'accord' || decision === 'refus';

/** An actions CG or avenant fiche accepted by the correspondent waits for the Président's accord or refus. */
export const awaitsPresidentDecision = (
  type: FicheType,
  answer: 'acceptee' | 'refusee' | null | undefined,
  president: PresidentDecisionKind | null | undefined,
): boolean => needsPresidentDecision(type) && answer === 'acceptee' && !presidentDecided(president);

/**
 * The Président's part of an actions CG or avenant fiche: after the correspondent's favourable answer (the fiche's
 * order: observation / avis du correspondant, then the Président's part), once (an ajournement may be followed by
 * the decision), never in the future nor before the sending, the answer or the ajournement; a reason for a refus or
 * an ajournement; the structure designated for an accord on actions CG; the signatory's name and function.
 */
export function checkPresidentDecision(input: PresidentDecisionInput, ctx: PresidentDecisionContext): RuleResult<{ final: boolean }> {
  if (!needsPresidentDecision(ctx.type)) {
    return failure([ruleError('La partie réservée au Président ne concerne qu’une demande d’actions du Conseil Général ou un avenant au contrat.', 'status')]);
  }
  if (!ctx.sentOn) return failure([ruleError('La fiche n’a pas encore été envoyée au correspondant.', 'status')]);
  if (!ctx.answer) return failure([ruleError('Le Président décide après l’avis du correspondant : enregistrez d’abord sa réponse.', 'status')]);
  if (ctx.answer.decision === 'refusee') {
    return failure([ruleError('Le correspondant a refusé la demande : elle n’est pas soumise à la décision du Président.', 'status')]);
  }
  if (ctx.previous && presidentDecided(ctx.previous.decision)) {
    const label = PRESIDENT_DECISION_LABELS[ctx.previous.decision].toLowerCase();
    return failure([ruleError(`La décision du Président est déjà enregistrée (${label} du ${formatDate(ctx.previous.date)}).`, 'status')]);
  }
  const errors: RuleError[] = [];
  if (!isIsoDate(input.date)) errors.push(ruleError('Date invalide.', 'date'));
  else if (input.date > ctx.today) {
    errors.push(ruleError(`La date de la décision (${formatDate(input.date)}) ne peut pas être postérieure à aujourd’hui (${formatDate(ctx.today)}).`, 'date'));
  } else if (input.date < ctx.sentOn) {
    errors.push(ruleError(`La décision du Président ne peut pas précéder l’envoi de la fiche (${formatDate(ctx.sentOn)}).`, 'date'));
  } else if (input.date < ctx.answer.date) {
    errors.push(ruleError(`La décision du Président suit l’avis du correspondant (${formatDate(ctx.answer.date)}) : elle ne peut pas le précéder.`, 'date'));
  } else if (ctx.previous && input.date < ctx.previous.date) {
    errors.push(ruleError(`La décision ne peut pas précéder l’ajournement du ${formatDate(ctx.previous.date)}.`, 'date'));
  }
  if (input.decision !== 'accord' && !input.reason?.trim()) {
    errors.push(ruleError(input.decision === 'refus' ? 'Motivez le refus.' : 'Motivez l’ajournement.', 'reason'));
  }
  if (input.decision === 'accord' && ctx.type === 'actions_cg' && !input.structure?.trim()) {
    errors.push(ruleError('Indiquez la structure désignée pour l’inscription à l’action du Conseil Général.', 'structure'));
  }
  if (!input.signatoryName.trim()) errors.push(ruleError('Indiquez le nom du signataire.', 'signatoryName'));
  if (!input.signatoryFunction.trim()) errors.push(ruleError('Indiquez la fonction du signataire.', 'signatoryFunction'));
  return errors.length > 0 ? failure(errors) : { ok: true, final: presidentDecided(input.decision) };
}
