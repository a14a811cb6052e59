/**
 * « LES INSTANCES — LES EQUIPES PLURIDISCIPLINAIRES »: the EP gives its avis on réorientations and suspensions
 * « Elles ont un mois pour rendre leur recommandation auprès du Président du Conseil Général »; then the
 * Président decides (Annexe 7, « Partie réservée au Président »). A saisine comes from a fiche de liaison
 * (réorientation or suspension) or from a CERS reaching 12 months (« LES CONTRATS… », Cas 3).
 * A favourable réorientation decision opens a new orientation; a favourable suspension decision starts a sanction.
 */
import { z } from 'zod';
import { isoDateSchema, requiredText } from '../../api/common';
import { addMonthsIso, isIsoDate, startOfMonthIso, type IsoDate } from './dates';
import type { SuspensionMotif } from './fiche-liaison';
import {
  openOrientation,
  orientationSchema,
  type Orientation,
  type OrientationDecision,
  type OrientationPeriod,
  type OrientationPeriodInput,
} from './orientation';
import { failure, parseWith, prefixErrors, ruleError, type RuleError, type RuleResult, optionalTrimmed } from './result';
import { SANCTION_KINDS, type SanctionKind } from './sanctions';
import { CERS_MAX_MONTHS, contractEnd, solidarityMonths, type ContractCore } from './contracts';
import { formatDate } from '../format';

export const SAISINE_ORIGINS = ['fiche_reorientation', 'fiche_suspension', 'cers_12_mois'] as const;
export type SaisineOrigin = (typeof SAISINE_ORIGINS)[number];
export const SAISINE_ORIGIN_LABELS: Record<SaisineOrigin, string> = {
  fiche_reorientation: 'Demande de réorientation (fiche de liaison)',
  fiche_suspension: 'Demande de suspension (fiche de liaison)',
  cers_12_mois: 'Suivi solidarité arrivé à 12 mois (CERS)',
};

export const SENS = ['favorable', 'defavorable'] as const;
export type Sens = (typeof SENS)[number];

export interface EpAvis {
  date: IsoDate;
  sens: Sens;
  /** « Avis motivé ». */
  motivation: string;
}

export interface PresidentDecision {
  date: IsoDate;
  sens: Sens;
  /** Réorientation (or CERS at 12 months) decided: the new orientation, its organisme and correspondant. */
  orientation?: Orientation | null;
  organismeReferent?: string | null;
  correspondant?: string | null;
  /** Suspension decided: the sanction (deduced from the fiche's motif when it is non-signature / non-respect). */
  sanctionKind?: SanctionKind | null;
  /** First month of the sanction (a 1st of month); default: the 1st of the month after the decision. */
  sanctionStart?: IsoDate | null;
  commentaire?: string | null;
}

export interface Saisine {
  id?: number | null;
  origin: SaisineOrigin;
  /** Date the EP was seized: the one-month delay runs from it. */
  date: IsoDate;
  ficheId?: number | null;
  /** fiche_suspension: the fiche's motif. */
  suspensionMotif?: SuspensionMotif | null;
  /** fiche_reorientation: the target orientation asked for. */
  cible?: Orientation | null;
  /** cers_12_mois: end of the last CERS. */
  contractEnd?: IsoDate | null;
  avis?: EpAvis | null;
  decision?: PresidentDecision | null;
}

/** Builds a saisine from a fiche de liaison de réorientation or de suspension. */
export function saisineFromFiche(
  fiche: { id?: number | null; type: string; motif?: string | null; cible?: Orientation | null },
  date: IsoDate,
): RuleResult<{ saisine: Saisine }> {
  if (!isIsoDate(date)) return failure([ruleError('Date de saisine invalide.', 'date')]);
  if (fiche.type === 'reorientation') {
    return { ok: true, saisine: { origin: 'fiche_reorientation', date, ficheId: fiche.id ?? null, cible: fiche.cible ?? null } };
  }
  if (fiche.type === 'suspension') {
    return {
      ok: true,
      saisine: { origin: 'fiche_suspension', date, ficheId: fiche.id ?? null, suspensionMotif: (fiche.motif as SuspensionMotif | null) ?? null },
    };
  }
  return failure([ruleError('Seules les demandes de réorientation ou de suspension passent en équipe pluridisciplinaire.', 'type')]);
}

/**
 * Builds the saisine of a CERS reaching 12 months of solidarité follow-up (Cas 3); refused before 12 months.
 * `history`: the person's other contracts.
 */
export function saisineFromCers12Months(contract: ContractCore, history: readonly ContractCore[], date: IsoDate): RuleResult<{ saisine: Saisine }> {
  if (!isIsoDate(date)) return failure([ruleError('Date de saisine invalide.', 'date')]);
  const months = solidarityMonths(contract, history);
  if (contract.type !== 'CERS' || months < CERS_MAX_MONTHS) {
    return failure([
      ruleError(
        contract.type !== 'CERS'
          ? 'Seul un CERS arrivant à 12 mois de suivi solidarité donne lieu à cette saisine.'
          : `Le suivi solidarité compte ${months} mois : la saisine de l’équipe pluridisciplinaire intervient à 12 mois (le CERS peut être renouvelé une fois).`,
      ),
    ]);
  }
  if (date < contract.start) return failure([ruleError('La saisine ne peut pas précéder le contrat.', 'date')]);
  return { ok: true, saisine: { origin: 'cers_12_mois', date, ficheId: null, contractEnd: contractEnd(contract) } };
}

/** The EP has one month from the saisine to give its avis. */
export const avisDeadline = (saisine: Pick<Saisine, 'date'>): IsoDate => addMonthsIso(saisine.date, 1);

const avisSchema = z.object({
  date: isoDateSchema,
  sens: z.enum(SENS, { error: 'Choisissez un avis favorable ou défavorable' }),
  motivation: requiredText('Avis motivé', 4000),
});

/** Records the EP's avis; an avis given after the month is recorded but flagged `late`. */
export function recordEpAvis(saisine: Saisine, avis: z.input<typeof avisSchema>): RuleResult<{ saisine: Saisine; late: boolean; deadline: IsoDate }> {
  if (saisine.avis) return failure([ruleError('L’équipe pluridisciplinaire a déjà rendu son avis sur cette saisine.', 'avis')]);
  const parsed = parseWith(avisSchema, avis);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  if (a.date < saisine.date) {
    return failure([ruleError(`L’avis ne peut pas précéder la saisine (${formatDate(saisine.date)}).`, 'date')]);
  }
  const deadline = avisDeadline(saisine);
  return { ok: true, saisine: { ...saisine, avis: a }, late: a.date > deadline, deadline };
}

const decisionSchema = z.object({
  date: isoDateSchema,
  sens: z.enum(SENS, { error: 'Choisissez une décision favorable ou défavorable' }),
  orientation: orientationSchema.nullable().optional(),
  organismeReferent: optionalTrimmed(200),
  correspondant: optionalTrimmed(120),
  sanctionKind: z.enum(SANCTION_KINDS).nullable().optional(),
  sanctionStart: isoDateSchema.nullable().optional(),
  commentaire: optionalTrimmed(4000),
});

export type EpEffect =
  | { type: 'ouvrir_orientation'; decision: OrientationDecision }
  | { type: 'demarrer_sanction'; kind: SanctionKind; start: IsoDate }
  | { type: 'aucun'; reason: string };

/** The sanction a suspension motif leads to, when the handbook names one. */
export const sanctionKindForMotif = (motif: SuspensionMotif | null | undefined): SanctionKind | null =>
  motif === 'non_signature' ? 'non_conclusion' : motif === 'non_respect' ? 'non_respect' : null;

/**
 * Records the Président's decision. It needs the EP's avis and cannot precede it. Its effect: a favourable
 * réorientation (or the decision after a CERS at 12 months) opens a new orientation — when `periods` are given,
 * the new list of periods is returned (openOrientation); a favourable suspension starts a sanction.
 */
export function recordPresidentDecision(
  saisine: Saisine,
  decision: z.input<typeof decisionSchema>,
  ctx: { periods?: readonly OrientationPeriodInput[] } = {},
): RuleResult<{ saisine: Saisine; effect: EpEffect; periods?: OrientationPeriod[] }> {
  if (!saisine.avis) {
    return failure([ruleError('Le Président décide après l’avis de l’équipe pluridisciplinaire : l’avis manque.', 'avis')]);
  }
  if (saisine.decision) return failure([ruleError('Le Président a déjà pris sa décision sur cette saisine.', 'decision')]);
  const parsed = parseWith(decisionSchema, decision);
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  const errors: RuleError[] = [];
  if (d.date < saisine.avis.date) {
    errors.push(ruleError(`La décision du Président ne peut pas précéder l’avis de l’équipe pluridisciplinaire (${formatDate(saisine.avis.date)}).`, 'date'));
  }
  let effect: EpEffect = { type: 'aucun', reason: 'Décision défavorable : la situation reste inchangée.' };
  const opensOrientation = saisine.origin === 'cers_12_mois' || (saisine.origin === 'fiche_reorientation' && d.sens === 'favorable');
  if (opensOrientation) {
    const orientation = d.orientation ?? (saisine.origin === 'fiche_reorientation' ? saisine.cible : null);
    if (!orientation) errors.push(ruleError('Indiquez l’orientation décidée.', 'orientation'));
    if (!d.organismeReferent) errors.push(ruleError('Désignez l’organisme référent de la nouvelle orientation.', 'organismeReferent'));
    if (!d.correspondant) errors.push(ruleError('Désignez le correspondant de la nouvelle orientation.', 'correspondant'));
    if (orientation && d.organismeReferent && d.correspondant) {
      effect = {
        type: 'ouvrir_orientation',
        decision: { date: d.date, orientation, organismeReferent: d.organismeReferent, correspondant: d.correspondant },
      };
    }
  } else if (saisine.origin === 'fiche_suspension' && d.sens === 'favorable') {
    const kind = d.sanctionKind ?? sanctionKindForMotif(saisine.suspensionMotif);
    if (!kind) errors.push(ruleError('Précisez la sanction : non-conclusion (ou non-renouvellement) du contrat, ou non-respect du contrat.', 'sanctionKind'));
    const start = d.sanctionStart ?? addMonthsIso(startOfMonthIso(d.date), 1);
    if (!start.endsWith('-01')) errors.push(ruleError('La sanction commence un premier du mois.', 'sanctionStart'));
    if (start < d.date.slice(0, 8) + '01') errors.push(ruleError('La sanction ne peut pas commencer avant le mois de la décision.', 'sanctionStart'));
    if (kind) effect = { type: 'demarrer_sanction', kind, start };
  }
  if (errors.length > 0) return failure(errors);
  const updated: Saisine = { ...saisine, decision: d };
  if (effect.type === 'ouvrir_orientation' && ctx.periods) {
    const opened = openOrientation(ctx.periods, effect.decision);
    if (!opened.ok) return failure(prefixErrors('orientation', opened.errors));
    return { ok: true, saisine: updated, effect, periods: opened.periods };
  }
  return { ok: true, saisine: updated, effect };
}

export type SaisineStage = 'attente_avis' | 'attente_decision' | 'decidee';

/** Where a saisine stands. */
export const saisineStage = (s: Saisine): SaisineStage => (s.decision ? 'decidee' : s.avis ? 'attente_decision' : 'attente_avis');
