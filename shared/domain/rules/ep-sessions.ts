/**
 * Sessions of the équipe pluridisciplinaire (« LES INSTANCES — LES EQUIPES PLURIDISCIPLINAIRES »: one EP per
 * territory, presided by a Conseiller Général; one month to give its avis). What the handbook leaves open is
 * fixed here (docs: interpretive choices):
 * - the life cycle of a session: créée → dossiers inscrits → convocations envoyées → tenue → avis rendus →
 *   décisions enregistrées → close, one step at a time, never backwards; aside from that chain, a session whose
 *   ordre du jour has no active case left (every case postponed or withdrawn) may be annulée before it is held —
 *   a final state, with a letter to everyone convened;
 * - the ordre du jour: cases by avis deadline (oldest first), grouped `casesPerSlot` per time slot of
 *   `slotMinutes`, from the start time, skipping the lunch break;
 * - the quorum: more than half of the members present or replaced (by their substitute);
 * - a case is « bientôt dû » when its avis deadline is within 7 days.
 */
import { z } from 'zod';
import { addDaysIso, type IsoDate } from './dates';
import { failure, parseWith, ruleError, type RuleResult } from './result';
import { plural, pluralForm } from '../format';
import type { SaisineOrigin } from './ep';
import type { SuspensionMotif } from './fiche-liaison';
import type { Orientation } from './orientation';

/** The linear chain of a session's steps. */
export const EP_SESSION_STEPS = [
  'creee',
  'dossiers_inscrits',
  'convocations_envoyees',
  'tenue',
  'avis_rendus',
  'decisions_enregistrees',
  'close',
] as const;
/** Every state: the steps, and 'annulee' (outside the chain, final). */
export const EP_SESSION_STATES = [...EP_SESSION_STEPS, 'annulee'] as const;
export type EpSessionState = (typeof EP_SESSION_STATES)[number];
export type EpSessionStep = (typeof EP_SESSION_STEPS)[number];
export const EP_SESSION_STATE_LABELS: Record<EpSessionState, string> = {
  creee: 'Créée',
  dossiers_inscrits: 'Dossiers inscrits',
  convocations_envoyees: 'Convocations envoyées',
  tenue: 'Tenue',
  avis_rendus: 'Avis rendus',
  decisions_enregistrees: 'Décisions enregistrées',
  close: 'Close',
  annulee: 'Annulée',
};

const stepIndex = (state: EpSessionState): number => (EP_SESSION_STEPS as readonly EpSessionState[]).indexOf(state);

/** The only state that may follow each state (null: the last step, or a cancelled session). */
export const nextSessionState = (state: EpSessionState): EpSessionStep | null => {
  const i = stepIndex(state);
  return i >= 0 && i < EP_SESSION_STEPS.length - 1 ? EP_SESSION_STEPS[i + 1]! : null;
};

/** Whether a session in `state` is at or past the step `reference` (a cancelled session never is). */
export const sessionAtLeast = (state: EpSessionState, reference: EpSessionState): boolean =>
  stepIndex(state) >= 0 && stepIndex(state) >= stepIndex(reference);

/** The states from which a session may be cancelled: before it is held. */
export const EP_SESSION_CANCELLABLE: readonly EpSessionState[] = ['creee', 'dossiers_inscrits', 'convocations_envoyees'];

/**
 * Checks the cancellation of a session: only before it is held, and only when no case remains on its ordre du
 * jour (the cases are postponed or withdrawn first, so that each goes back to the queue with its reason).
 */
export function checkSessionCancel(facts: Pick<SessionFacts, 'state' | 'activeItems'>): RuleResult<{ to: 'annulee' }> {
  if (facts.state === 'annulee') return failure([ruleError('La séance est déjà annulée.')]);
  if (!EP_SESSION_CANCELLABLE.includes(facts.state)) {
    return failure([ruleError(`La séance est à l’étape « ${EP_SESSION_STATE_LABELS[facts.state]} » : une séance ne s’annule plus une fois tenue.`)]);
  }
  if (facts.activeItems > 0) {
    return failure([
      ruleError(
        `${plural(facts.activeItems, 'dossier est encore inscrit', 'dossiers sont encore inscrits')} à l’ordre du jour : ${pluralForm(facts.activeItems, 'reportez-le ou retirez-le', 'reportez-les ou retirez-les')} d’abord, puis annulez la séance.`,
      ),
    ]);
  }
  return { ok: true, to: 'annulee' };
}

/** What a step needs, from the session's facts. */
export interface SessionFacts {
  state: EpSessionState;
  /** Session date and today. */
  date: IsoDate;
  today: IsoDate;
  /** Cases inscribed (not postponed nor withdrawn). */
  activeItems: number;
  /** Cases without a time slot. */
  itemsWithoutSlot: number;
  /** Members whose attendance is recorded / active members of the EP. */
  attendanceRecorded: number;
  members: number;
  itemsWithAvis: number;
  itemsWithDecision: number;
}

/** Checks the move to `to`: only the next state, and only when what it needs is there. */
export function checkSessionTransition(facts: SessionFacts, to: EpSessionState): RuleResult<{ to: EpSessionState }> {
  const next = nextSessionState(facts.state);
  if (next !== to) {
    return failure([
      ruleError(
        next === null
          ? `La séance est ${EP_SESSION_STATE_LABELS[facts.state].toLowerCase()} : plus aucune étape ne suit.`
          : `La séance est à l’étape « ${EP_SESSION_STATE_LABELS[facts.state]} » : l’étape suivante est « ${EP_SESSION_STATE_LABELS[next]} », pas « ${EP_SESSION_STATE_LABELS[to]} ».`,
        'to',
      ),
    ]);
  }
  const errors = [];
  switch (to) {
    case 'dossiers_inscrits':
      if (facts.activeItems === 0) errors.push(ruleError('Inscrivez au moins un dossier à l’ordre du jour.'));
      break;
    case 'convocations_envoyees':
      if (facts.activeItems === 0) errors.push(ruleError('L’ordre du jour est vide : inscrivez au moins un dossier.'));
      if (facts.itemsWithoutSlot > 0) errors.push(ruleError(`${plural(facts.itemsWithoutSlot, 'dossier', 'dossiers')} sans horaire de passage : attribuez les horaires.`));
      if (facts.members === 0) errors.push(ruleError('L’équipe pluridisciplinaire n’a aucun membre à convoquer.'));
      break;
    case 'tenue':
      if (facts.date > facts.today) errors.push(ruleError('La séance ne peut pas être déclarée tenue avant sa date.'));
      break;
    case 'avis_rendus':
      if (facts.attendanceRecorded < facts.members) errors.push(ruleError('Relevez la présence de chaque membre de l’équipe.'));
      if (facts.itemsWithAvis < facts.activeItems) {
        errors.push(ruleError(`${plural(facts.activeItems - facts.itemsWithAvis, 'dossier', 'dossiers')} sans avis : rendez l’avis ou reportez le dossier.`));
      }
      break;
    case 'decisions_enregistrees':
      if (facts.itemsWithDecision < facts.itemsWithAvis) {
        errors.push(ruleError(`${plural(facts.itemsWithAvis - facts.itemsWithDecision, 'dossier', 'dossiers')} sans décision du Président.`));
      }
      break;
    default:
      break;
  }
  return errors.length > 0 ? failure(errors) : { ok: true, to };
}

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure invalide (hh:mm attendu)');
const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const timeOf = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export const slotConfigSchema = z
  .object({
    startTime: timeSchema,
    casesPerSlot: z.number().int().min(1, 'Au moins un dossier par créneau').max(20, '20 dossiers par créneau au plus'),
    slotMinutes: z.number().int().min(5, 'Un créneau dure au moins 5 minutes').max(240, 'Un créneau dure 240 minutes au plus'),
    lunchStart: timeSchema.nullable(),
    lunchEnd: timeSchema.nullable(),
  })
  .superRefine((v, ctx) => {
    if ((v.lunchStart === null) !== (v.lunchEnd === null)) {
      ctx.addIssue({ code: 'custom', path: ['lunchEnd'], message: 'Indiquez le début et la fin de la pause déjeuner, ou aucun des deux' });
    } else if (v.lunchStart !== null && v.lunchEnd !== null && minutesOf(v.lunchEnd) <= minutesOf(v.lunchStart)) {
      ctx.addIssue({ code: 'custom', path: ['lunchEnd'], message: 'La pause déjeuner finit après avoir commencé' });
    }
  });
export type SlotConfig = z.output<typeof slotConfigSchema>;
export const DEFAULT_SLOT_CONFIG: SlotConfig = { startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' };

/**
 * The time slot of each case, in the given order: `casesPerSlot` cases per slot, slots one after the other from
 * the start time; a slot that would overlap the lunch break starts at its end. Refused past midnight.
 */
export function assignSlots(count: number, config: SlotConfig): RuleResult<{ slots: string[] }> {
  const parsed = parseWith(slotConfigSchema, config);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  const slots: string[] = [];
  let t = minutesOf(c.startTime);
  const lunch = c.lunchStart !== null && c.lunchEnd !== null ? { start: minutesOf(c.lunchStart), end: minutesOf(c.lunchEnd) } : null;
  for (let i = 0; i < count; i += c.casesPerSlot) {
    if (lunch && t < lunch.end && t + c.slotMinutes > lunch.start) t = lunch.end;
    if (t + c.slotMinutes > 24 * 60) {
      return failure([ruleError(`Les ${count} dossiers ne tiennent pas dans la journée : augmentez le nombre de dossiers par créneau ou raccourcissez les créneaux.`)]);
    }
    for (let j = 0; j < c.casesPerSlot && i + j < count; j++) slots.push(timeOf(t));
    t += c.slotMinutes;
  }
  return { ok: true, slots };
}

export const ATTENDANCE_STATUSES = ['present', 'excuse', 'remplace', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: 'Présent',
  excuse: 'Excusé',
  remplace: 'Remplacé',
  absent: 'Absent',
};

export interface Quorum {
  members: number;
  /** Present or replaced by their substitute. */
  counted: number;
  /** More than half of the members. */
  required: number;
  reached: boolean;
  /** French warning when it is not reached, null otherwise. */
  warning: string | null;
}

/** The quorum: more than half of the members present or replaced. */
export function quorum(members: number, statuses: readonly AttendanceStatus[]): Quorum {
  const counted = statuses.filter((s) => s === 'present' || s === 'remplace').length;
  const required = Math.floor(members / 2) + 1;
  const reached = members > 0 && counted >= required;
  return {
    members,
    counted,
    required,
    reached,
    warning: reached
      ? null
      : `Quorum non atteint : ${plural(counted, 'membre présent ou remplacé', 'membres présents ou remplacés')} sur ${members} ; il en faut au moins ${required} (plus de la moitié).`,
  };
}

export const SOON_DUE_DAYS = 7;
export type DeadlineFlag = 'en_retard' | 'bientot' | 'dans_les_temps';
export const DEADLINE_FLAG_LABELS: Record<DeadlineFlag, string> = {
  en_retard: 'Délai d’avis dépassé',
  bientot: 'Avis à rendre sous 7 jours',
  dans_les_temps: 'Dans les temps',
};

/** Overdue after the deadline; soon due within 7 days (deadline included). */
export const deadlineFlag = (deadline: IsoDate, today: IsoDate): DeadlineFlag =>
  deadline < today ? 'en_retard' : deadline <= addDaysIso(today, SOON_DUE_DAYS) ? 'bientot' : 'dans_les_temps';

/** Initials for an anonymised document: « Claire DURAND » → « C. D. ». */
export const initialsOf = (prenoms: string, nom: string): string =>
  [prenoms, nom]
    .map((s) => s.trim().charAt(0).toUpperCase())
    .filter((c) => c !== '')
    .map((c) => `${c}.`)
    .join(' ');

/** Why a suspension is asked, told to the beneficiary. */
const SUSPENSION_MOTIF_LETTER: Record<SuspensionMotif, string> = {
  non_signature: 'vous n’avez pas signé votre projet personnalisé d’accès à l’emploi (PPAE) ou votre contrat d’engagement',
  non_respect: 'les engagements de votre projet personnalisé d’accès à l’emploi (PPAE) ou de votre contrat d’engagement ne sont pas respectés',
  radiation_pole_emploi: 'vous avez été radié(e) de la liste des demandeurs d’emploi de France Travail (ex-Pôle Emploi)',
  refus_controle: 'vous ne vous êtes pas soumis(e) au contrôle de votre situation',
  autres: 'vos engagements au titre du revenu de solidarité active ne sont pas respectés',
};

/** The accompaniment a réorientation leads to, told to the beneficiary. */
const ORIENTATION_LETTER: Record<Orientation, string> = {
  professionnelle_pole_emploi: 'un accompagnement professionnel par France Travail (ex-Pôle Emploi)',
  professionnelle_autre: 'un accompagnement professionnel par un autre organisme que France Travail',
  solidarite: 'un accompagnement social (orientation solidarité)',
};

/**
 * The motif of the examination as the beneficiary's letters say it: once, in the words of a letter, without the
 * app's own words (« fiche de liaison », the saisine's origin and theme put together).
 */
export function letterMotif(saisine: { origin: SaisineOrigin; suspensionMotif: string | null; cible: Orientation | null }): string {
  switch (saisine.origin) {
    case 'fiche_suspension': {
      const why = SUSPENSION_MOTIF_LETTER[saisine.suspensionMotif as SuspensionMotif] ?? SUSPENSION_MOTIF_LETTER.autres;
      return `Réduction ou suspension de votre allocation envisagée, car ${why}`;
    }
    case 'fiche_reorientation':
      return saisine.cible ? `Examen d’une réorientation de votre parcours vers ${ORIENTATION_LETTER[saisine.cible]}` : 'Examen d’une réorientation de votre parcours d’insertion';
    case 'cers_12_mois':
      return 'Suite de votre parcours après douze mois d’accompagnement social (contrat d’engagement réciproque solidarité)';
  }
}
