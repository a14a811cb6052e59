/**
 * « L’ORIENTATION » — the double condition of the droits et devoirs (accompaniment compulsory):
 * the foyer's resources are below the montant forfaitaire AND the person (allocataire, conjoint: each one
 * on their own) has no professional activity or less than 500 € net per month of professional income.
 * « l’orientation et, donc, l’accompagnement sont des mesures individuelles ».
 */
import { z } from 'zod';
import { isoDateSchema } from '../../api/common';
import { type IsoDate } from './dates';
import { parseWith, type RuleResult } from './result';
import { formatDate } from '../format';

/** 500 € net per month of professional income (handbook, L’orientation; Annexe 6, fiche J.1). */
export const SEUIL_REVENUS_ACTIVITE = 500;

/**
 * The one place where "at or above the 500 € threshold" is decided. The handbook writes « inférieures à
 * 500 € » for the obligation and « passe au-dessus du seuil de 500 € » in fiche J.1: exactly 500 € is
 * treated as at/above the threshold in both rules, so they never leave a gap between them.
 */
export const atOrAboveIncomeThreshold = (monthlyNetIncome: number): boolean => monthlyNetIncome >= SEUIL_REVENUS_ACTIVITE;

const euros = (label: string) =>
  z.number({ error: `${label} : saisissez un montant` }).finite().min(0, `${label} : le montant ne peut pas être négatif`);

export const PERSON_ROLES = ['allocataire', 'conjoint'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const PERSON_ROLE_LABELS: Record<PersonRole, string> = { allocataire: 'Allocataire', conjoint: 'Conjoint' };

export const droitsDevoirsPersonSchema = z.object({
  role: z.enum(PERSON_ROLES, { error: 'Précisez allocataire ou conjoint' }),
  /** Exercises a professional activity (salaried or self-employed). */
  hasProfessionalActivity: z.boolean({ error: 'Précisez si la personne exerce une activité professionnelle' }),
  /** Net professional income per month, euros (0 without activity). */
  monthlyProfessionalIncome: euros('Revenus professionnels nets mensuels'),
});

export const droitsDevoirsInputSchema = z
  .object({
    /** Date of the evaluation (the montant forfaitaire is the one applicable at that date). */
    date: isoDateSchema,
    /** Monthly resources of the whole foyer (allocataire and ayants droit), euros. */
    householdResources: euros('Ressources mensuelles du foyer'),
    /** Montant forfaitaire applicable to the foyer at `date` (referential: montantForfaitaire(date, household)). */
    montantForfaitaire: z.number().finite().positive('Le montant forfaitaire doit être positif'),
    persons: z
      .array(droitsDevoirsPersonSchema)
      .min(1, 'Renseignez au moins l’allocataire')
      .max(2, 'Un foyer compte au plus l’allocataire et son conjoint'),
  })
  .superRefine((input, ctx) => {
    const roles = input.persons.map((p) => p.role);
    if (roles.filter((r) => r === 'allocataire').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['persons'], message: 'Le foyer compte un et un seul allocataire' });
    }
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
export type DroitsDevoirsInput = z.input<typeof droitsDevoirsInputSchema>;

export interface DroitsDevoirsDecision {
  role: PersonRole;
  /** true: soumis aux droits et devoirs, the accompaniment (orientation, contract) is compulsory. */
  accompanimentCompulsory: boolean;
  conditions: {
    /** Condition 1 (foyer): resources < montant forfaitaire. */
    householdResourcesBelowMontantForfaitaire: boolean;
    /** Condition 2 (person): no activity, or income < 500 €. */
    noActivityOrIncomeBelowThreshold: boolean;
  };
  inputs: {
    date: IsoDate;
    householdResources: number;
    montantForfaitaire: number;
    hasProfessionalActivity: boolean;
    monthlyProfessionalIncome: number;
  };
  /** Handbook section the rule comes from. */
  rule: string;
  /** French explanation shown on the dossier. */
  explanation: string;
}

export const DROITS_DEVOIRS_RULE =
  'L’orientation : double condition — ressources du foyer inférieures au montant forfaitaire et personne sans activité professionnelle ou avec moins de 500 € nets par mois de revenus professionnels.';

const eur = (n: number): string =>
  `${n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

/** Evaluates the droits et devoirs for each person of the foyer (individual decision). */
export function evaluateDroitsDevoirs(input: DroitsDevoirsInput): RuleResult<{ decisions: DroitsDevoirsDecision[] }> {
  const parsed = parseWith(droitsDevoirsInputSchema, input);
  if (!parsed.ok) return parsed;
  const { date, householdResources, montantForfaitaire, persons } = parsed.value;
  const cond1 = householdResources < montantForfaitaire;
  const decisions = persons.map((p): DroitsDevoirsDecision => {
    const cond2 = !p.hasProfessionalActivity || !atOrAboveIncomeThreshold(p.monthlyProfessionalIncome);
    const compulsory = cond1 && cond2;
    const foyerPart = cond1
      ? `les ressources du foyer (${eur(householdResources)}) sont inférieures au montant forfaitaire applicable au ${formatDate(date)} (${eur(montantForfaitaire)})`
      : `les ressources du foyer (${eur(householdResources)}) ne sont pas inférieures au montant forfaitaire applicable au ${formatDate(date)} (${eur(montantForfaitaire)})`;
    const personPart = !p.hasProfessionalActivity
      ? 'la personne n’exerce pas d’activité professionnelle'
      : cond2
        ? `ses revenus professionnels (${eur(p.monthlyProfessionalIncome)} nets par mois) sont inférieurs à 500 €`
        : `ses revenus professionnels (${eur(p.monthlyProfessionalIncome)} nets par mois) atteignent ou dépassent 500 €`;
    const who = PERSON_ROLE_LABELS[p.role];
    const explanation = compulsory
      ? `${who} : accompagnement obligatoire (soumis aux droits et devoirs), car ${foyerPart} et ${personPart}.`
      : `${who} : accompagnement non obligatoire, car ${!cond1 ? foyerPart : personPart}.`;
    return {
      role: p.role,
      accompanimentCompulsory: compulsory,
      conditions: { householdResourcesBelowMontantForfaitaire: cond1, noActivityOrIncomeBelowThreshold: cond2 },
      inputs: {
        date,
        householdResources,
        montantForfaitaire,
        hasProfessionalActivity: p.hasProfessionalActivity,
        monthlyProfessionalIncome: p.monthlyProfessionalIncome,
      },
      rule: DROITS_DEVOIRS_RULE,
      explanation,
    };
  });
  return { ok: true, decisions };
}
