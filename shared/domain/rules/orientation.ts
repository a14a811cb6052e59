/**
 * « L’ORIENTATION », « LES INSTANCES » (Remarque), « L’ACCOMPAGNEMENT »: the three orientations, the default
 * (solidarité for a diagnosis when nothing is known), the decision (organisme référent and correspondant are
 * required: the decision is the starting point of the delay to make the contract), the contract deadline
 * (CERP/PPAE: one month; CERS: two months) and the succession of orientation periods.
 */
import { z } from 'zod';
import { isoDateSchema, requiredText } from '../../api/common';
import { addDaysIso, addMonthsIso, type IsoDate } from './dates';
import type { EdeProposal } from './ede';
import { failure, parseWith, prefixErrors, ruleError, type RuleError, type RuleResult } from './result';
import { formatDate } from '../format';

export const ORIENTATIONS = ['professionnelle_pole_emploi', 'professionnelle_autre', 'solidarite'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];
export const ORIENTATION_LABELS: Record<Orientation, string> = {
  professionnelle_pole_emploi: 'Orientation professionnelle France Travail (ex-Pôle Emploi)',
  professionnelle_autre: 'Orientation professionnelle autre que France Travail (ex-Pôle Emploi)',
  solidarite: 'Orientation solidarité',
};
export const orientationSchema = z.enum(ORIENTATIONS, { error: 'Choisissez l’orientation' });

/** The sphere of an orientation (a CERS belongs to solidarité, a CERP or PPAE to the professionnelle). */
export const sphereOfOrientation = (o: Orientation): 'solidarite' | 'professionnelle' =>
  o === 'solidarite' ? 'solidarite' : 'professionnelle';

export const orientationDecisionSchema = z.object({
  /** Date of the decision: starting point of the contract deadline. */
  date: isoDateSchema,
  orientation: orientationSchema,
  organismeReferent: requiredText('Organisme référent', 200),
  correspondant: requiredText('Correspondant', 120),
});
export type OrientationDecisionInput = z.input<typeof orientationDecisionSchema>;
export type OrientationDecision = z.output<typeof orientationDecisionSchema>;

/** Checks a decision: a date, an orientation, the organisme référent and the correspondant named. */
export function validateOrientationDecision(input: OrientationDecisionInput): RuleResult<{ decision: OrientationDecision }> {
  const parsed = parseWith(orientationDecisionSchema, input);
  return parsed.ok ? { ok: true, decision: parsed.value } : parsed;
}

export interface OrientationProposal {
  /** null: the EP/EO decides (EDE total between the thresholds). */
  orientation: Orientation | null;
  reason: string;
}

/**
 * Proposal for a first orientation from the elements available. With no element (no EDE, nothing known),
 * the handbook orients to solidarité to make a diagnosis.
 */
export function proposeOrientation(elements: { ede?: { proposal: EdeProposal } | null }): OrientationProposal {
  const proposal = elements.ede?.proposal;
  if (proposal === undefined) {
    return {
      orientation: 'solidarite',
      reason:
        'En l’absence d’élément, le bénéficiaire du RSA est orienté vers la sphère solidarité afin de réaliser un diagnostic de la situation.',
    };
  }
  if (proposal === 'professionnelle_pole_emploi') {
    return { orientation: 'professionnelle_pole_emploi', reason: 'L’échelle de distance à l’emploi propose France Travail (ex-Pôle Emploi) (total inférieur au premier seuil).' };
  }
  if (proposal === 'solidarite') {
    return { orientation: 'solidarite', reason: 'L’échelle de distance à l’emploi propose la sphère solidarité (total supérieur au second seuil).' };
  }
  return {
    orientation: null,
    reason: 'L’échelle de distance à l’emploi se situe entre les deux seuils : l’Équipe pluridisciplinaire ou l’Équipe d’orientation se prononce.',
  };
}

export type ContractKind = 'CERS' | 'CERP' | 'PPAE';
export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = {
  CERS: 'Contrat d’engagements réciproques – solidarité (CERS)',
  CERP: 'Contrat d’engagements réciproques – professionnel (CERP)',
  PPAE: 'Projet personnalisé d’accès à l’emploi (PPAE) avec France Travail (ex-Pôle Emploi)',
};

/** The contract an orientation leads to. */
export const contractKindFor = (o: Orientation): ContractKind =>
  o === 'solidarite' ? 'CERS' : o === 'professionnelle_pole_emploi' ? 'PPAE' : 'CERP';

/** Months allowed to sign the contract after the decision: CERP/PPAE 1, CERS 2. */
export const contractDeadlineMonths = (o: Orientation): number => (o === 'solidarite' ? 2 : 1);

export interface ContractDeadline {
  contractKind: ContractKind;
  months: number;
  /** Last day to sign (decision date + 1 or 2 months, clamped to the month's last day). */
  deadline: IsoDate;
  rule: string;
}

/** Deadline to sign the contract that follows an orientation decision. */
export function contractDeadline(decision: { date: IsoDate; orientation: Orientation }): ContractDeadline {
  const kind = contractKindFor(decision.orientation);
  const months = contractDeadlineMonths(decision.orientation);
  const deadline = addMonthsIso(decision.date, months);
  const rule =
    kind === 'CERS'
      ? `L’accompagnement social : le CERS est conclu sous deux mois après l’orientation (décision du ${formatDate(decision.date)}), soit au plus tard le ${formatDate(deadline)}.`
      : `L’accompagnement professionnel : le ${kind} est conclu sous un mois après l’orientation (décision du ${formatDate(decision.date)}), soit au plus tard le ${formatDate(deadline)}.`;
  return { contractKind: kind, months, deadline, rule };
}

/** One orientation period of a person: from its decision to the day before the next one (null: current). */
export const orientationPeriodSchema = orientationDecisionSchema.extend({
  start: isoDateSchema,
  end: isoDateSchema.nullable(),
});
export type OrientationPeriodInput = z.input<typeof orientationPeriodSchema>;
export type OrientationPeriod = z.output<typeof orientationPeriodSchema>;

/** Checks a list of periods: start ≤ end, sorted, never overlapping, only the last one open. */
export function validateOrientationPeriods(periods: readonly OrientationPeriodInput[]): RuleResult<{ periods: OrientationPeriod[] }> {
  const parsed = parseWith(z.array(orientationPeriodSchema), periods);
  if (!parsed.ok) return parsed;
  const list = parsed.value;
  const errors: RuleError[] = [];
  list.forEach((p, i) => {
    if (p.end !== null && p.end < p.start) errors.push(ruleError('La fin de la période précède son début.', `${i}.end`));
    if (p.start < p.date) errors.push(ruleError('Une période d’orientation ne commence pas avant sa décision.', `${i}.start`));
    if (i < list.length - 1 && p.end === null) errors.push(ruleError('Seule la dernière période d’orientation peut rester ouverte.', `${i}.end`));
    const next = list[i + 1];
    if (next && p.end !== null && next.start <= p.end) {
      errors.push(ruleError(`Cette période chevauche la précédente (qui finit le ${formatDate(p.end)}).`, `${i + 1}.start`));
    }
  });
  return errors.length > 0 ? failure(errors) : { ok: true, periods: list };
}

/**
 * Opens the orientation of a new decision: the current period is closed the day before the decision, the new
 * one starts on the decision date. Refused when the decision is dated on or before the current period's start
 * (or on or before the end of the last, already closed, period).
 */
export function openOrientation(
  periods: readonly OrientationPeriodInput[],
  newDecision: OrientationDecisionInput,
): RuleResult<{ periods: OrientationPeriod[]; opened: OrientationPeriod; closed: OrientationPeriod | null }> {
  const decision = validateOrientationDecision(newDecision);
  const existing = validateOrientationPeriods(periods);
  if (!decision.ok || !existing.ok) {
    return failure([
      ...(decision.ok ? [] : prefixErrors('decision', decision.errors)),
      ...(existing.ok ? [] : prefixErrors('periods', existing.errors)),
    ]);
  }
  const d = decision.decision;
  const list = existing.periods.map((p) => ({ ...p }));
  const last = list.at(-1);
  let closed: OrientationPeriod | null = null;
  if (last) {
    if (last.end === null) {
      if (d.date <= last.start) {
        return failure([
          ruleError(
            `La décision du ${formatDate(d.date)} ne peut pas précéder ni coïncider avec le début de l’orientation en cours (${formatDate(last.start)}).`,
            'decision.date',
          ),
        ]);
      }
      last.end = addDaysIso(d.date, -1);
      closed = last;
    } else if (d.date <= last.end) {
      return failure([
        ruleError(`La décision du ${formatDate(d.date)} tombe dans une période d’orientation passée (jusqu’au ${formatDate(last.end)}).`, 'decision.date'),
      ]);
    }
  }
  const opened: OrientationPeriod = { ...d, start: d.date, end: null };
  return { ok: true, periods: [...list, opened], opened, closed };
}

/** The period containing `date`, if any. */
export const orientationAt = <P extends { start: IsoDate; end: IsoDate | null }>(periods: readonly P[], date: IsoDate): P | undefined =>
  periods.find((p) => p.start <= date && (p.end === null || date <= p.end));
