/**
 * « DROITS ET DEVOIRS DES BENEFICIAIRES DU RSA – SANCTIONS », « Les sanctions » (devoirs liés à
 * l’accompagnement):
 * - non-conclusion or non-renouvellement of the contract: −100 € for one month, then −half of the montant
 *   forfaitaire applicable to the foyer (the whole RSA for a person alone) until the contract is signed;
 *   radiation after 4 months of total suspension;
 * - non-respect of the contract: a reduction for one month, then −half of the montant forfaitaire (the whole
 *   RSA for a person alone) for 4 months; if the breach goes on, radiation after 4 months of total suspension.
 * Interpretive choices (docs/rules.md): "total suspension" = a month where nothing is paid; a couple reaches it
 * in the non-respect case once the 4 months at −50 % are over and the breach goes on.
 */
import { z } from 'zod';
import { isoDateSchema } from '../../api/common';
import { addMonthsIso, type IsoDate } from './dates';
import { failure, parseWith, ruleError, type RuleResult } from './result';
import { formatDate } from '../format';

export const SANCTION_KINDS = ['non_conclusion', 'non_renouvellement', 'non_respect'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];
export const SANCTION_KIND_LABELS: Record<SanctionKind, string> = {
  non_conclusion: 'Non-conclusion du contrat',
  non_renouvellement: 'Non-renouvellement du contrat',
  non_respect: 'Non-respect du contenu du contrat',
};
/** Non-conclusion and non-renouvellement follow the same schedule (until the contract is signed). */
const untilSignature = (kind: SanctionKind): boolean => kind !== 'non_respect';

/** −100 € the first month (fixed by the handbook for non-conclusion; default for non-respect). */
export const FIRST_MONTH_REDUCTION = 100;
/** Months at −50 % (−100 % alone) in the non-respect case. */
export const NON_RESPECT_REDUCED_MONTHS = 4;
/** Radiation after this many consecutive months of total suspension. */
export const TOTAL_SUSPENSION_MONTHS_BEFORE_RADIATION = 4;
export const DEFAULT_HORIZON_MONTHS = 24;

export type SanctionStep = 'reduction_initiale' | 'reduction_moitie' | 'suspension_totale' | 'radiation';
export const SANCTION_STEP_LABELS: Record<SanctionStep, string> = {
  reduction_initiale: 'Réduction du premier mois',
  reduction_moitie: 'Réduction de la moitié du montant forfaitaire',
  suspension_totale: 'Suspension totale du RSA',
  radiation: 'Radiation du dispositif',
};

export interface SanctionHousehold {
  couple: boolean;
  /** Children and other dependants counted in the foyer. */
  dependants: number;
}

/** « Personne seule »: no conjoint and no dependant (a foyer of one person). */
export const isPersonAlone = (h: SanctionHousehold): boolean => !h.couple && h.dependants === 0;

type AmountSource = number | ((monthStart: IsoDate) => number);

const amountSource = (label: string) =>
  z.union([
    z.number().finite().positive(`${label} : montant positif attendu`),
    z.custom<(monthStart: IsoDate) => number>((v) => typeof v === 'function', `${label} : montant ou fonction attendu`),
  ]);

export const sanctionScheduleInputSchema = z
  .object({
    kind: z.enum(SANCTION_KINDS, { error: 'Choisissez le type de sanction' }),
    /** First month of the sanction: a 1st of month. */
    start: isoDateSchema.refine((d) => d.endsWith('-01'), 'La sanction commence un premier du mois'),
    household: z.object({ couple: z.boolean(), dependants: z.number().int().min(0).max(30) }),
    /** Montant forfaitaire applicable to the foyer (€/month), or a function month → amount (referential). */
    montantForfaitaire: amountSource('Montant forfaitaire'),
    /** RSA the foyer would receive without sanction (€/month), or a function month → amount. */
    allowance: amountSource('Montant du RSA versé'),
    contractSignedOn: isoDateSchema.nullable().optional(),
    /** Non-respect: the date the breach ended (the person meets the contract again). */
    breachEndedOn: isoDateSchema.nullable().optional(),
    /** Non-respect: the first month's reduction (default 100 €). Non-conclusion: fixed at 100 €. */
    firstReduction: z.number().finite().min(0, 'La réduction ne peut pas être négative').optional(),
    horizonMonths: z.number().int().min(1).max(120).optional(),
  })
  .superRefine((v, ctx) => {
    if (untilSignature(v.kind) && v.firstReduction !== undefined && v.firstReduction !== FIRST_MONTH_REDUCTION) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstReduction'],
        message: 'En cas de non-conclusion ou de non-renouvellement, la réduction du premier mois est de 100 €',
      });
    }
    if (untilSignature(v.kind) && v.breachEndedOn) {
      ctx.addIssue({ code: 'custom', path: ['breachEndedOn'], message: 'La non-conclusion ou le non-renouvellement prend fin à la signature du contrat' });
    }
  });
export type SanctionScheduleInput = z.input<typeof sanctionScheduleInputSchema>;

export interface SanctionLine {
  /** 0-based month index. */
  index: number;
  /** First day of the month. */
  month: IsoDate;
  step: SanctionStep;
  label: string;
  montantForfaitaire: number;
  allowance: number;
  reduction: number;
  amountPaid: number;
  /** Nothing is paid this month. */
  totalSuspension: boolean;
}

export type ScheduleStop = 'signature' | 'fin_manquement' | 'radiation' | 'horizon';

export interface SanctionSchedule {
  personAlone: boolean;
  lines: SanctionLine[];
  stoppedBy: ScheduleStop;
  /** Month of the radiation, null if none within the schedule. */
  radiation: IsoDate | null;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/**
 * Month-by-month schedule of a sanction: reduction, amount paid and step of each month from `start`, until the
 * contract is signed (or, for non-respect, the breach ends), a radiation line after 4 consecutive months of
 * total suspension, or `horizonMonths` (default 24) for a schedule that would go on. A month is sanctioned when
 * the contract was not signed on or before its first day. Never a reduction above the allowance, never a
 * negative amount paid.
 */
export function sanctionSchedule(input: SanctionScheduleInput): RuleResult<SanctionSchedule> {
  const parsed = parseWith(sanctionScheduleInputSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const alone = isPersonAlone(v.household);
  const at = (source: AmountSource, month: IsoDate, label: string): number | string => {
    try {
      const amount = typeof source === 'function' ? source(month) : source;
      return Number.isFinite(amount) && amount > 0 ? amount : `${label} introuvable pour le mois du ${formatDate(month)}.`;
    } catch {
      return `${label} introuvable pour le mois du ${formatDate(month)}.`;
    }
  };
  const endCandidates = [v.contractSignedOn, v.kind === 'non_respect' ? v.breachEndedOn : null].filter((d): d is string => !!d);
  const endedOn = endCandidates.length > 0 ? endCandidates.reduce((a, b) => (a <= b ? a : b)) : null;
  const endStop: ScheduleStop = endedOn !== null && endedOn === v.contractSignedOn ? 'signature' : 'fin_manquement';
  const first = v.firstReduction ?? FIRST_MONTH_REDUCTION;
  const horizon = v.horizonMonths ?? DEFAULT_HORIZON_MONTHS;

  const lines: SanctionLine[] = [];
  let totalRun = 0;
  for (let i = 0; ; i++) {
    const month = addMonthsIso(v.start, i);
    if (endedOn !== null && endedOn <= month) return { ok: true, personAlone: alone, lines, stoppedBy: endStop, radiation: null };
    const mf = at(v.montantForfaitaire, month, 'Montant forfaitaire');
    const allowance = at(v.allowance, month, 'Montant du RSA versé');
    if (typeof mf === 'string') return failure([ruleError(mf, 'montantForfaitaire')]);
    if (typeof allowance === 'string') return failure([ruleError(allowance, 'allowance')]);
    if (totalRun >= TOTAL_SUSPENSION_MONTHS_BEFORE_RADIATION) {
      lines.push({
        index: i,
        month,
        step: 'radiation',
        label: `Radiation du dispositif au ${formatDate(month)}, après ${TOTAL_SUSPENSION_MONTHS_BEFORE_RADIATION} mois de suspension totale.`,
        montantForfaitaire: mf,
        allowance,
        reduction: allowance,
        amountPaid: 0,
        totalSuspension: true,
      });
      return { ok: true, personAlone: alone, lines, stoppedBy: 'radiation', radiation: month };
    }
    if (i >= horizon) return { ok: true, personAlone: alone, lines, stoppedBy: 'horizon', radiation: null };

    let step: SanctionStep;
    let reduction: number;
    let label: string;
    const reducedPhase = untilSignature(v.kind) || i <= NON_RESPECT_REDUCED_MONTHS;
    if (i === 0) {
      step = 'reduction_initiale';
      reduction = Math.min(first, allowance);
      label = `Réduction de ${cents(reduction)} € pendant un mois.`;
    } else if (reducedPhase && !alone) {
      step = 'reduction_moitie';
      reduction = Math.min(mf / 2, allowance);
      label =
        untilSignature(v.kind)
          ? 'Réduction de la moitié du montant forfaitaire applicable au foyer, jusqu’à la signature du contrat.'
          : `Réduction de la moitié du montant forfaitaire applicable au foyer (mois ${i} sur ${NON_RESPECT_REDUCED_MONTHS}).`;
    } else if (reducedPhase) {
      step = 'suspension_totale';
      reduction = allowance;
      label =
        untilSignature(v.kind)
          ? 'Suspension de la totalité du RSA (personne seule), jusqu’à la signature du contrat.'
          : `Suspension de la totalité du RSA (personne seule) (mois ${i} sur ${NON_RESPECT_REDUCED_MONTHS}).`;
    } else {
      step = 'suspension_totale';
      reduction = allowance;
      label = 'Le manquement se poursuit : suspension totale du RSA avant radiation.';
    }
    reduction = cents(Math.min(Math.max(reduction, 0), allowance));
    const amountPaid = cents(Math.max(allowance - reduction, 0));
    const totalSuspension = amountPaid === 0;
    totalRun = totalSuspension ? totalRun + 1 : 0;
    lines.push({ index: i, month, step, label, montantForfaitaire: mf, allowance, reduction, amountPaid, totalSuspension });
  }
}
