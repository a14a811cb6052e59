/**
 * Annexe 6, fiche J.1 « SUIVI ADMINISTRATIF ET GESTION DE LA PRESTATION » — « L’orientation en continu »:
 * when a beneficiary goes above 500 € of monthly activity income, the accompaniment in progress goes on for at
 * least 6 months; an income still above 500 € after that allows the accompaniment to end.
 */
import { z } from 'zod';
import { isoDateSchema } from '../../api/common';
import { addMonthsIso, type IsoDate } from './dates';
import { atOrAboveIncomeThreshold, SEUIL_REVENUS_ACTIVITE } from './droits-devoirs';
import { failure, parseWith, ruleError, type RuleResult } from './result';
import { formatDate } from '../format';

/** The accompaniment goes on at least this many months after the threshold is crossed. */
export const MAINTIEN_MINIMUM_MOIS = 6;

export const monthlyIncomeSchema = z.object({
  /** Any date of the month (the 1st by convention). */
  month: isoDateSchema,
  /** Net professional income of the month, euros. */
  amount: z.number().finite().min(0, 'Le revenu ne peut pas être négatif'),
});

export const incomeThresholdInputSchema = z.object({
  today: isoDateSchema,
  /** Monthly net activity incomes of the person, any order, one per month. */
  incomes: z.array(monthlyIncomeSchema),
});
export type IncomeThresholdInput = z.input<typeof incomeThresholdInputSchema>;

export type IncomeThresholdStatus = 'sous_le_seuil' | 'accompagnement_maintenu' | 'fin_possible';
export const INCOME_THRESHOLD_STATUS_LABELS: Record<IncomeThresholdStatus, string> = {
  sous_le_seuil: 'Revenus d’activité sous le seuil de 500 € : droits et devoirs inchangés',
  accompagnement_maintenu: 'Au-dessus de 500 € : accompagnement maintenu au moins 6 mois',
  fin_possible: 'Au-dessus de 500 € depuis plus de 6 mois : fin de l’accompagnement possible',
};

export interface IncomeThresholdEvaluation {
  status: IncomeThresholdStatus;
  /** First month of the current run of months at or above 500 € (null: under the threshold). */
  crossedOn: IsoDate | null;
  /** The accompaniment goes on at least until this date (crossedOn + 6 months); null under the threshold. */
  maintainedUntil: IsoDate | null;
  explanation: string;
}

/** The date before which the accompaniment cannot end once the threshold is crossed on `crossedOn`. */
export const maintainedUntil = (crossedOn: IsoDate): IsoDate => addMonthsIso(crossedOn, MAINTIEN_MINIMUM_MOIS);

/**
 * Evaluates fiche J.1 at `today` from the monthly incomes known up to then: the latest known month decides
 * whether the person is above the threshold; the crossing is the first month of that run.
 */
export function evaluateIncomeThreshold(input: IncomeThresholdInput): RuleResult<IncomeThresholdEvaluation> {
  const parsed = parseWith(incomeThresholdInputSchema, input);
  if (!parsed.ok) return parsed;
  const { today } = parsed.value;
  const months = parsed.value.incomes
    .map((i) => ({ ...i, month: i.month.slice(0, 8) + '01' }))
    .filter((i) => i.month <= today)
    .sort((a, b) => a.month.localeCompare(b.month));
  const seen = new Set<string>();
  for (const m of months) {
    if (seen.has(m.month)) return failure([ruleError(`Deux revenus sont saisis pour le mois du ${formatDate(m.month)}.`, 'incomes')]);
    seen.add(m.month);
  }
  const last = months.at(-1);
  if (!last || !atOrAboveIncomeThreshold(last.amount)) {
    return {
      ok: true,
      status: 'sous_le_seuil',
      crossedOn: null,
      maintainedUntil: null,
      explanation: `Les revenus d’activité sont inférieurs à ${SEUIL_REVENUS_ACTIVITE} € par mois : les droits et devoirs s’appliquent.`,
    };
  }
  let firstIndex = months.length - 1;
  while (firstIndex > 0) {
    const prev = months[firstIndex - 1]!;
    const current = months[firstIndex]!;
    // The run stops at a month under the threshold or at a gap (an unknown month).
    if (!atOrAboveIncomeThreshold(prev.amount) || addMonthsIso(prev.month, 1) !== current.month) break;
    firstIndex--;
  }
  const crossedOn = months[firstIndex]!.month;
  const until = maintainedUntil(crossedOn);
  if (today < until) {
    return {
      ok: true,
      status: 'accompagnement_maintenu',
      crossedOn,
      maintainedUntil: until,
      explanation: `Revenus d’activité d’au moins ${SEUIL_REVENUS_ACTIVITE} € depuis le ${formatDate(crossedOn)} : l’accompagnement en cours se poursuit au moins jusqu’au ${formatDate(until)}.`,
    };
  }
  return {
    ok: true,
    status: 'fin_possible',
    crossedOn,
    maintainedUntil: until,
    explanation: `Revenus d’activité d’au moins ${SEUIL_REVENUS_ACTIVITE} € depuis le ${formatDate(crossedOn)}, au-delà de 6 mois (${formatDate(until)}) : l’accompagnement peut prendre fin.`,
  };
}
