/**
 * API of the équipe pluridisciplinaire (feature `ep`): the EP of the territory and its members, the queue of
 * saisines, the sessions (ordre du jour, time slots, convocations, session file, attendance and quorum, avis,
 * procès-verbal), the Président's decisions and their effects (new orientation, sanction schedule), and what a
 * dossier shows of it.
 *
 * Access: EP secretaries and administrators manage the EP and the sessions of THEIR territory (the territory of
 * their MDS); correspondents read them; référents see the outcome on their own dossiers (`ep.outcomesForDossier`).
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from './common';
import { def, type MethodDef } from './method';
import { SAISINE_ORIGINS, SENS } from '../domain/rules/ep';
import {
  ATTENDANCE_STATUSES,
  EP_SESSION_STATES,
  slotConfigSchema,
  type DeadlineFlag,
} from '../domain/rules/ep-sessions';
import { ORIENTATIONS } from '../domain/rules/orientation';
import { SANCTION_KINDS } from '../domain/rules/sanctions';

export const EP_ORGANISATIONS = [
  'conseil_general',
  'mds',
  'caf',
  'msa',
  'pole_emploi',
  'plie',
  'mission_locale',
  'insertion',
  'beneficiaires',
] as const;
export type EpOrganisation = (typeof EP_ORGANISATIONS)[number];
export const EP_ORGANISATION_LABELS: Record<EpOrganisation, string> = {
  conseil_general: 'Conseil général',
  mds: 'Maison du Département Solidarité (MDS)',
  caf: 'CAF',
  msa: 'MSA',
  pole_emploi: 'France Travail (ex-Pôle Emploi)',
  plie: 'PLIE',
  mission_locale: 'Mission Locale',
  insertion: 'Professionnel de l’insertion',
  beneficiaires: 'Représentant des bénéficiaires du RSA',
};

/** Who manages the EP and its sessions; who reads them. */
export const EP_MANAGERS = ['administrateur', 'secretaire_ep'] as const;
export const EP_READERS = ['administrateur', 'secretaire_ep', 'correspondant'] as const;

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure invalide (hh:mm attendu)');

// ---------------------------------------------------------------------------------------------------------
// The EP and its members
// ---------------------------------------------------------------------------------------------------------

export const epMemberInputSchema = z.object({
  name: requiredText('Nom du membre', 120),
  function: requiredText('Fonction', 120),
  organisation: z.enum(EP_ORGANISATIONS, { error: 'Choisissez l’organisme représenté' }),
  /** The president: a Conseiller général (one per EP). */
  isPresident: z.boolean().default(false),
  substituteName: optionalText(120),
  substituteFunction: optionalText(120),
  address: optionalText(300),
});
export type EpMemberInput = z.input<typeof epMemberInputSchema>;

export const epMemberSchema = z.object({
  id: idSchema,
  name: z.string(),
  function: z.string(),
  organisation: z.enum(EP_ORGANISATIONS),
  organisationLabel: z.string(),
  isPresident: z.boolean(),
  substituteName: z.string().nullable(),
  substituteFunction: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
});
export type EpMember = z.output<typeof epMemberSchema>;

export const epSchema = z.object({
  id: idSchema,
  territory: z.string(),
  name: z.string(),
  president: epMemberSchema.nullable(),
  /** Active members, the president first. */
  members: z.array(epMemberSchema),
  version: z.number().int(),
});
export type Ep = z.output<typeof epSchema>;

// ---------------------------------------------------------------------------------------------------------
// Saisines queue
// ---------------------------------------------------------------------------------------------------------

export const EP_CASE_STAGES = ['en_attente', 'inscrite', 'avis_rendu', 'decidee'] as const;
export type EpCaseStage = (typeof EP_CASE_STAGES)[number];
export const EP_CASE_STAGE_LABELS: Record<EpCaseStage, string> = {
  en_attente: 'En attente d’inscription',
  inscrite: 'Inscrite à une séance',
  avis_rendu: 'Avis rendu, décision du Président attendue',
  decidee: 'Décidée par le Président',
};

export const epDocumentSchema = z.object({
  attachmentId: idSchema,
  fileName: z.string(),
  kind: z.string(),
  label: z.string().nullable(),
});

const personRefSchema = z.object({
  personId: idSchema,
  nomPatronymique: z.string(),
  nomUsage: z.string().nullable(),
  prenoms: z.string(),
  cafNumber: z.string(),
});

export const epQueueItemSchema = z.object({
  saisineId: idSchema,
  person: personRefSchema,
  origin: z.enum(SAISINE_ORIGINS),
  originLabel: z.string(),
  theme: z.string(),
  date: z.string(),
  avisDeadline: z.string(),
  /** Days left until the deadline (negative: overdue). */
  daysLeft: z.number().int(),
  flag: z.enum(['en_retard', 'bientot', 'dans_les_temps'] satisfies readonly DeadlineFlag[]),
  flagLabel: z.string(),
  documents: z.array(epDocumentSchema),
  /** Back in the queue after a postponement or a withdrawal: why and when. */
  lastRemoval: z.object({ status: z.enum(['reporte', 'retire']), reason: z.string(), at: isoDateTimeSchema, sessionDate: z.string() }).nullable(),
});
export type EpQueueItem = z.output<typeof epQueueItemSchema>;

// ---------------------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------------------

export const epSessionStateSchema = z.enum(EP_SESSION_STATES);

export const epSlotConfigInputSchema = slotConfigSchema;

export const epSessionCreateInputSchema = z.object({
  date: isoDateSchema,
  place: requiredText('Lieu', 200),
  startTime: timeSchema,
  casesPerSlot: z.number().int().min(1).max(20).default(2),
  slotMinutes: z.number().int().min(5).max(240).default(30),
  lunchStart: timeSchema.nullable().default('12:00'),
  lunchEnd: timeSchema.nullable().default('13:30'),
});
export type EpSessionCreateInput = z.input<typeof epSessionCreateInputSchema>;

export const epAvisSchema = z.object({
  date: z.string(),
  sens: z.enum(SENS),
  motivation: z.string(),
  proposedSanction: z.enum(SANCTION_KINDS).nullable(),
  late: z.boolean(),
  recordedBy: z.string(),
});

export const epSanctionLineSchema = z.object({
  month: z.string(),
  step: z.string(),
  label: z.string(),
  montantForfaitaire: z.number(),
  allowance: z.number(),
  reduction: z.number(),
  amountPaid: z.number(),
  totalSuspension: z.boolean(),
});

export const epSanctionSchema = z.object({
  id: idSchema,
  kind: z.enum(SANCTION_KINDS),
  kindLabel: z.string(),
  start: z.string(),
  household: z.object({ couple: z.boolean(), dependants: z.number().int() }),
  resources: z.number().nullable(),
  personAlone: z.boolean(),
  lines: z.array(epSanctionLineSchema),
  stoppedBy: z.string(),
  radiation: z.string().nullable(),
  rsaAmountsVersion: z.number().int(),
  /** Recomputed when the contract was signed after the decision (contracts.sign): when, the signature, the change in French. */
  recomputation: z.object({ at: isoDateTimeSchema, contractSignedOn: z.string(), text: z.string() }).nullable(),
});
export type EpSanction = z.output<typeof epSanctionSchema>;

/** Who signed the Président's decision, and under which delegation (null: the Président himself). */
export const epSignatorySchema = z.object({ name: z.string(), function: z.string(), delegation: z.string().nullable() });
export type EpSignatory = z.output<typeof epSignatorySchema>;

export const epDecisionSchema = z.object({
  id: idSchema,
  date: z.string(),
  sens: z.enum(SENS),
  commentaire: z.string().nullable(),
  effect: z.enum(['ouvrir_orientation', 'demarrer_sanction', 'aucun']),
  effectLabel: z.string(),
  orientation: z.enum(ORIENTATIONS).nullable(),
  organismeName: z.string().nullable(),
  correspondantName: z.string().nullable(),
  orientationId: idSchema.nullable(),
  /** ouvrir_orientation: the contract deadline restarting from the decision. */
  contractDeadline: z.object({ kind: z.string(), deadline: z.string() }).nullable(),
  sanction: epSanctionSchema.nullable(),
  /** Who signed (null on decisions recorded before the signatory was asked). */
  signatory: epSignatorySchema.nullable(),
  recordedBy: z.string(),
  recordedAt: isoDateTimeSchema,
});
export type EpDecision = z.output<typeof epDecisionSchema>;

export const epSessionItemSchema = z.object({
  itemId: idSchema,
  saisineId: idSchema,
  position: z.number().int(),
  slotStart: z.string().nullable(),
  status: z.enum(['inscrit', 'reporte', 'retire']),
  removalReason: z.string().nullable(),
  person: personRefSchema,
  origin: z.enum(SAISINE_ORIGINS),
  originLabel: z.string(),
  theme: z.string(),
  saisineDate: z.string(),
  avisDeadline: z.string(),
  avis: epAvisSchema.nullable(),
  decision: epDecisionSchema.nullable(),
});
export type EpSessionItem = z.output<typeof epSessionItemSchema>;

export const epQuorumSchema = z.object({
  members: z.number().int(),
  counted: z.number().int(),
  required: z.number().int(),
  reached: z.boolean(),
  warning: z.string().nullable(),
});

export const epAttendanceSchema = z.object({
  memberId: idSchema,
  name: z.string(),
  function: z.string(),
  organisationLabel: z.string(),
  isPresident: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  replacedBy: z.string().nullable(),
});

export const epSessionSummarySchema = z.object({
  id: idSchema,
  epId: idSchema,
  territory: z.string(),
  date: z.string(),
  place: z.string(),
  startTime: z.string(),
  status: epSessionStateSchema,
  statusLabel: z.string(),
  cases: z.number().int(),
});
export type EpSessionSummary = z.output<typeof epSessionSummarySchema>;

export const epSessionSchema = epSessionSummarySchema.extend({
  slotConfig: z.object({
    startTime: z.string(),
    casesPerSlot: z.number().int(),
    slotMinutes: z.number().int(),
    lunchStart: z.string().nullable(),
    lunchEnd: z.string().nullable(),
  }),
  convocationsSentOn: z.string().nullable(),
  heldOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** A cancelled session: when and why. */
  cancelledOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Active cases first (ordre du jour order), then the postponed / withdrawn ones. */
  items: z.array(epSessionItemSchema),
  attendance: z.array(epAttendanceSchema),
  quorum: epQuorumSchema,
  /** The next state and whether it is possible now (with the French reasons when not). */
  next: z.object({ state: epSessionStateSchema, label: z.string(), blockers: z.array(z.string()) }).nullable(),
  version: z.number().int(),
});
export type EpSession = z.output<typeof epSessionSchema>;

const bySession = z.object({ sessionId: idSchema });
const byItem = z.object({ sessionId: idSchema, itemId: idSchema });

// ---------------------------------------------------------------------------------------------------------
// Documents data
// ---------------------------------------------------------------------------------------------------------

export const epConvocationsSchema = z.object({
  session: z.object({ date: z.string(), place: z.string(), startTime: z.string(), territory: z.string(), epName: z.string() }),
  ordreDuJour: z.array(z.object({ slotStart: z.string().nullable(), label: z.string(), theme: z.string() })),
  /** One per member. */
  members: z.array(
    z.object({
      memberId: idSchema,
      name: z.string(),
      function: z.string(),
      organisationLabel: z.string(),
      address: z.string().nullable(),
      substituteName: z.string().nullable(),
      text: z.string(),
    }),
  ),
  /** One information letter per beneficiary. */
  beneficiaries: z.array(
    z.object({
      itemId: idSchema,
      personId: idSchema,
      civilite: z.string(),
      name: z.string(),
      address: z.array(z.string()),
      date: z.string(),
      time: z.string().nullable(),
      place: z.string(),
      reason: z.string(),
      /** The right to present observations (in writing or in person, assisted). */
      observations: z.string(),
    }),
  ),
});
export type EpConvocations = z.output<typeof epConvocationsSchema>;

export const epSyntheseSchema = z.object({
  itemId: idSchema,
  slotStart: z.string().nullable(),
  identity: z.object({
    /** Names, or initials in the anonymised file. */
    name: z.string(),
    sexe: z.string(),
    dateNaissance: z.string().nullable(),
    cafNumber: z.string().nullable(),
    address: z.array(z.string()),
    situationFamiliale: z.string(),
    enfants: z.number().int(),
    referent: z.string().nullable(),
  }),
  saisine: z.object({ origin: z.enum(SAISINE_ORIGINS), originLabel: z.string(), theme: z.string(), date: z.string(), avisDeadline: z.string() }),
  orientations: z.array(z.object({ orientation: z.string(), start: z.string(), end: z.string().nullable(), organisme: z.string() })),
  contracts: z.array(z.object({ type: z.string(), status: z.string(), start: z.string(), end: z.string() })),
  pap: z.array(z.object({ theme: z.string(), action: z.string(), start: z.string(), end: z.string(), resultat: z.string().nullable(), bilan: z.string().nullable() })),
  ede: z.object({ date: z.string(), total: z.number().int(), proposal: z.string() }).nullable(),
  fiche: z.object({ type: z.string(), date: z.string(), motif: z.string().nullable(), precision: z.string().nullable(), texte: z.string().nullable() }).nullable(),
});
export type EpSynthese = z.output<typeof epSyntheseSchema>;

export const epSessionFileSchema = z.object({
  anonymised: z.boolean(),
  cover: z.object({ epName: z.string(), territory: z.string(), president: z.string().nullable(), date: z.string(), place: z.string(), startTime: z.string(), cases: z.number().int() }),
  ordreDuJour: z.array(z.object({ position: z.number().int(), slotStart: z.string().nullable(), name: z.string(), originLabel: z.string(), theme: z.string() })),
  cases: z.array(epSyntheseSchema),
});
export type EpSessionFile = z.output<typeof epSessionFileSchema>;

export const epMinutesSchema = z.object({
  session: z.object({ epName: z.string(), territory: z.string(), date: z.string(), place: z.string(), startTime: z.string(), president: z.string().nullable() }),
  attendance: z.array(epAttendanceSchema),
  quorum: epQuorumSchema,
  cases: z.array(
    z.object({
      itemId: idSchema,
      name: z.string(),
      originLabel: z.string(),
      theme: z.string(),
      avis: epAvisSchema.nullable(),
    }),
  ),
  postponed: z.array(z.object({ name: z.string(), status: z.string(), reason: z.string() })),
});
export type EpMinutes = z.output<typeof epMinutesSchema>;

export const epDecisionLetterSchema = z.object({
  itemId: idSchema,
  personId: idSchema,
  civilite: z.string(),
  name: z.string(),
  address: z.array(z.string()),
  date: z.string(),
  objet: z.string(),
  avis: z.object({ date: z.string(), sens: z.enum(SENS), motivation: z.string() }),
  decision: z.object({ date: z.string(), sens: z.enum(SENS), commentaire: z.string().nullable() }),
  /** The effect in French (new orientation and contract deadline, or the sanction's steps). */
  effectText: z.array(z.string()),
  signature: z.string(),
  /** The signatory's name (null: decision recorded before it was asked). */
  signatoryName: z.string().nullable(),
});
export type EpDecisionLetter = z.output<typeof epDecisionLetterSchema>;

/** The letters announcing a cancelled session to everyone who was convened to it. */
export const epCancellationSchema = z.object({
  session: z.object({ date: z.string(), place: z.string(), startTime: z.string(), territory: z.string(), epName: z.string() }),
  cancelledOn: z.string(),
  reason: z.string(),
  /** The members convened (the EP's active members). */
  members: z.array(z.object({ memberId: idSchema, name: z.string(), function: z.string(), organisationLabel: z.string(), address: z.string().nullable() })),
  /** The beneficiaries informed of the session whose case was postponed or withdrawn after the convocations. */
  beneficiaries: z.array(
    z.object({ itemId: idSchema, personId: idSchema, civilite: z.string(), name: z.string(), address: z.array(z.string()), time: z.string().nullable(), status: z.enum(['reporte', 'retire']) }),
  ),
});
export type EpCancellation = z.output<typeof epCancellationSchema>;

/** Cancels a session emptied of its cases; `sendingDate`: the date of the cancellation letters (default: today). */
export const epCancelInputSchema = bySession.extend({
  version: z.number().int(),
  reason: requiredText('Motif de l’annulation', 1000),
  sendingDate: isoDateSchema.optional(),
});

export const epPdfSchema = z.object({ fileName: z.string(), mime: z.literal('application/pdf'), contentBase64: z.string() });

/** The EP's letters as PDFs: convocations of the members, information letters, procès-verbal, decision letters. */
export const EP_LETTER_KINDS = ['convocations', 'informations', 'proces_verbal', 'decision_beneficiaire', 'decision_referent', 'annulation'] as const;
export type EpLetterKind = (typeof EP_LETTER_KINDS)[number];
export const EP_LETTER_KIND_LABELS: Record<EpLetterKind, string> = {
  convocations: 'Convocations des membres',
  informations: 'Lettres d’information des bénéficiaires',
  proces_verbal: 'Procès-verbal',
  decision_beneficiaire: 'Courrier de décision au bénéficiaire',
  decision_referent: 'Courrier de décision au référent',
  annulation: 'Courriers d’annulation de la séance',
};
export const epLetterPdfInputSchema = z
  .object({
    sessionId: idSchema,
    kind: z.enum(EP_LETTER_KINDS, { error: 'Type de courrier inconnu' }),
    /** The case (decision letters only). */
    itemId: idSchema.optional(),
    /** The sending date the secretary chooses; by default the letter is dated on the day it is produced. */
    sendingDate: isoDateSchema.optional(),
  })
  .refine((v) => !v.kind.startsWith('decision_') || v.itemId !== undefined, { message: 'Choisissez le dossier du courrier de décision', path: ['itemId'] });


// ---------------------------------------------------------------------------------------------------------
// Outcome on a dossier
// ---------------------------------------------------------------------------------------------------------

export const epOutcomeSchema = z.object({
  saisineId: idSchema,
  origin: z.enum(SAISINE_ORIGINS),
  originLabel: z.string(),
  theme: z.string(),
  date: z.string(),
  avisDeadline: z.string(),
  stage: z.enum(EP_CASE_STAGES),
  stageLabel: z.string(),
  session: z.object({ date: z.string(), place: z.string(), slotStart: z.string().nullable() }).nullable(),
  avis: epAvisSchema.omit({ recordedBy: true }).nullable(),
  decision: epDecisionSchema.omit({ recordedBy: true }).nullable(),
});
export type EpOutcome = z.output<typeof epOutcomeSchema>;

// ---------------------------------------------------------------------------------------------------------
// Inputs of the writes
// ---------------------------------------------------------------------------------------------------------

export const epAvisInputSchema = byItem.extend({
  date: isoDateSchema,
  sens: z.enum(SENS, { error: 'Choisissez un avis favorable ou défavorable' }),
  motivation: requiredText('Avis motivé', 4000),
  /** Suspension, favourable avis: the sanction the EP proposes. */
  proposedSanction: z.enum(SANCTION_KINDS).nullable().optional(),
});

export const epDecisionInputSchema = byItem.extend({
  date: isoDateSchema,
  sens: z.enum(SENS, { error: 'Choisissez une décision favorable ou défavorable' }),
  /** Réorientation (or CERS at 12 months): the orientation decided (default: the one asked), its organisme and correspondant. */
  orientation: z.enum(ORIENTATIONS).nullable().optional(),
  organismeReferentId: idSchema.nullable().optional(),
  referentId: idSchema.nullable().optional(),
  correspondantId: idSchema.nullable().optional(),
  /** Suspension: the sanction (default: deduced from the fiche's motif) and its first month (default: the month after). */
  sanctionKind: z.enum(SANCTION_KINDS).nullable().optional(),
  sanctionStart: isoDateSchema.nullable().optional(),
  commentaire: optionalText(4000),
  /** Who signed: « Par délégation, le Chef du Service Local Allocation Insertion » (delegation empty: the Président). */
  signatoryName: requiredText('Nom du signataire', 200),
  signatoryFunction: requiredText('Fonction du signataire', 200),
  signatoryDelegation: optionalText(300),
});

// ---------------------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------------------

export const epMethods = {
  /** The EP of the caller's territory (null when it has not been set up yet). */
  'ep.get': def({ input: z.object({}).strict(), output: epSchema.nullable(), access: EP_READERS, writes: false }),
  /** Creates or renames the EP of the caller's territory. */
  'ep.save': def({ input: z.object({ name: requiredText('Nom de l’équipe', 200) }), output: epSchema, access: EP_MANAGERS, writes: true }),
  'ep.addMember': def({ input: epMemberInputSchema, output: epSchema, access: EP_MANAGERS, writes: true }),
  'ep.updateMember': def({ input: epMemberInputSchema.extend({ memberId: idSchema }), output: epSchema, access: EP_MANAGERS, writes: true }),
  /** The member leaves the EP (kept for the past sessions' records). */
  'ep.removeMember': def({ input: z.object({ memberId: idSchema }), output: epSchema, access: EP_MANAGERS, writes: true }),

  /** Saisines of the territory awaiting a session, the nearest avis deadline first. */
  'ep.queue': def({ input: z.object({}).strict(), output: z.array(epQueueItemSchema), access: EP_READERS, writes: false }),

  'ep.sessions.list': def({ input: z.object({}).strict(), output: z.array(epSessionSummarySchema), access: EP_READERS, writes: false }),
  'ep.sessions.get': def({ input: bySession, output: epSessionSchema, access: EP_READERS, writes: false }),
  'ep.sessions.create': def({ input: epSessionCreateInputSchema, output: epSessionSchema, access: EP_MANAGERS, writes: true }),
  /** Date, place and slot settings, before the convocations are sent. */
  'ep.sessions.update': def({
    /** `version`: the session's version read; a stale one is refused (CONFLICT). Optional for the callers without a form. */
    input: epSessionCreateInputSchema.extend({ sessionId: idSchema, version: z.number().int().optional() }),
    output: epSessionSchema,
    access: EP_MANAGERS,
    writes: true,
  }),
  /** Inscribes saisines of the territory (before the convocations); slots are assigned to the new cases. */
  'ep.sessions.addSaisines': def({
    input: bySession.extend({ saisineIds: z.array(idSchema).min(1, 'Choisissez au moins une saisine').max(200) }),
    output: epSessionSchema,
    access: EP_MANAGERS,
    writes: true,
  }),
  /** Recomputes every slot (deadline order) with the session's settings, optionally changed first. */
  'ep.sessions.assignSlots': def({ input: bySession.extend({ config: epSlotConfigInputSchema.optional() }), output: epSessionSchema, access: EP_MANAGERS, writes: true }),
  'ep.sessions.setSlot': def({ input: byItem.extend({ slotStart: timeSchema }), output: epSessionSchema, access: EP_MANAGERS, writes: true }),
  /** Postpones or withdraws a case without avis: the saisine goes back to the queue with the reason. */
  'ep.sessions.removeItem': def({
    input: byItem.extend({ status: z.enum(['reporte', 'retire']), reason: requiredText('Motif', 1000) }),
    output: epSessionSchema,
    access: EP_MANAGERS,
    writes: true,
  }),
  /** Moves the session to its next state (only that one); `date`: the day of the step (default today). */
  'ep.sessions.advance': def({
    input: bySession.extend({ to: epSessionStateSchema, date: isoDateSchema.optional() }),
    output: epSessionSchema,
    access: EP_MANAGERS,
    writes: true,
  }),
  'ep.sessions.convocations': def({ input: bySession, output: epConvocationsSchema, access: EP_READERS, writes: false }),
  'ep.sessions.file': def({ input: bySession.extend({ anonymised: z.boolean().default(false) }), output: epSessionFileSchema, access: EP_READERS, writes: false }),
  /** Attendance of every active member (session tenue); returns the session with its quorum (a warning, not a block). */
  'ep.sessions.recordAttendance': def({
    input: bySession.extend({
      attendance: z
        .array(z.object({ memberId: idSchema, status: z.enum(ATTENDANCE_STATUSES, { error: 'Choisissez la présence' }), replacedBy: optionalText(120) }))
        .min(1)
        .max(100),
    }),
    output: epSessionSchema,
    access: EP_MANAGERS,
    writes: true,
  }),
  'ep.sessions.recordAvis': def({ input: epAvisInputSchema, output: epSessionSchema, access: EP_MANAGERS, writes: true }),
  'ep.sessions.minutes': def({ input: bySession, output: epMinutesSchema, access: EP_READERS, writes: false }),
  /** The Président's decision (after the avis, never before it) and its effect on the dossier. */
  'ep.sessions.recordDecision': def({ input: epDecisionInputSchema, output: epSessionSchema, access: EP_MANAGERS, writes: true }),
  'ep.sessions.decisionLetter': def({ input: byItem, output: epDecisionLetterSchema, access: EP_READERS, writes: false }),

  /** What the EP did with the dossier's saisines (référents: their dossiers only). */
  'ep.outcomesForDossier': def({ input: z.object({ personId: idSchema }), output: z.array(epOutcomeSchema), access: 'authenticated', writes: false }),
  /** Sanction schedules started on the dossier. */
  'ep.sanctionsForDossier': def({ input: z.object({ personId: idSchema }), output: z.array(epSanctionSchema), access: 'authenticated', writes: false }),
} as const satisfies Record<string, MethodDef>;

