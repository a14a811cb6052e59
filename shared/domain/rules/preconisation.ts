/**
 * « L’ORIENTATION »: « Les bénéficiaires sont orientés par l’équipe d’orientation du territoire via le SLAI »; the
 * équipe d’orientation (EO) « préconise l’orientation … s’appuiera sur le diagnostic socioprofessionnel et sur
 * l’échelle de distance à l’emploi ». Between the EDE thresholds (18 to 35 points) the scale makes no proposal: the
 * EP or the EO decides. Rules of the decision against what precedes it:
 * - the EDE that counts is the latest one dated on or before the decision;
 * - a préconisation counts when it is dated on or after that EDE (it relied on it) and not after the decision;
 * - when that EDE falls between the thresholds, a decision needs a préconisation of the EO first;
 * - a decision that differs from the préconisation (or, without one, from the EDE's clear proposal) needs the
 *   reason of the difference (« motif de l’écart »), printed on the decision.
 */
import type { IsoDate } from './dates';
import type { EdeProposal } from './ede';
import { formatDate } from '../format';
import { ORIENTATION_LABELS, type Orientation } from './orientation';
import { failure, ruleError, type RuleResult } from './result';

export interface EdeForDecision {
  date: IsoDate;
  total: number;
  proposal: EdeProposal;
}

export interface PreconisationForDecision {
  id: number;
  date: IsoDate;
  team: string;
  preconisation: Orientation;
}

/** What a decision is measured against: the EO's préconisation, the EDE's clear proposal, or nothing. */
export type DecisionReference =
  | { kind: 'preconisation'; orientation: Orientation; preconisation: PreconisationForDecision; text: string }
  | { kind: 'ede'; orientation: Orientation; text: string }
  /** The EDE falls between the thresholds and no préconisation was recorded since: the EO must préconise first. */
  | { kind: 'eo_required'; text: string }
  | { kind: 'none'; text: string };

/** The EDE's clear proposal as an orientation (null between the thresholds). */
const clearProposal = (p: EdeProposal): Orientation | null => (p === 'decision_ep_eo' ? null : p);

/** true when the préconisation relied on that EDE (dated on or after it) — always true without an EDE. */
export const preconisationFollowsEde = (preconisation: { date: IsoDate }, ede: { date: IsoDate } | null): boolean =>
  ede === null || preconisation.date >= ede.date;

/**
 * The reference of a decision dated `date`: the latest préconisation (if it follows the EDE and is not after the
 * decision), else the EDE's clear proposal, else (EDE between the thresholds) the EO must préconise first.
 * `ede` is the latest EDE dated on or before the decision; `preconisation` the latest one not yet used.
 */
export function decisionReference(input: {
  date: IsoDate;
  ede: EdeForDecision | null;
  preconisation: PreconisationForDecision | null;
}): DecisionReference {
  const { ede, preconisation } = input;
  if (preconisation && preconisation.date <= input.date && preconisationFollowsEde(preconisation, ede)) {
    return {
      kind: 'preconisation',
      orientation: preconisation.preconisation,
      preconisation,
      text: `Préconisation de l’équipe d’orientation (${preconisation.team}) du ${formatDate(preconisation.date)} : ${ORIENTATION_LABELS[preconisation.preconisation]}.`,
    };
  }
  if (ede) {
    const proposed = clearProposal(ede.proposal);
    if (proposed) {
      return {
        kind: 'ede',
        orientation: proposed,
        text: `Proposition de l’échelle de distance à l’emploi du ${formatDate(ede.date)} (${ede.total} points) : ${ORIENTATION_LABELS[proposed]}.`,
      };
    }
    return {
      kind: 'eo_required',
      text: `L’échelle de distance à l’emploi du ${formatDate(ede.date)} (${ede.total} points, entre les deux seuils) renvoie l’orientation à l’équipe d’orientation : enregistrez d’abord sa préconisation.`,
    };
  }
  return { kind: 'none', text: 'Aucune préconisation ni échelle de distance à l’emploi : la décision n’a pas de référence à suivre.' };
}

/** true when the decided orientation differs from the reference (a reason is then required). */
export const divergesFrom = (reference: DecisionReference, orientation: Orientation | '' | null): boolean =>
  (reference.kind === 'preconisation' || reference.kind === 'ede') && orientation !== '' && orientation !== null && orientation !== reference.orientation;

/**
 * Checks a decision against its reference. Refused (root error) when the EO must préconise first; refused on
 * `divergenceReason` when the orientation differs from the reference without a reason. Returns the préconisation
 * the decision relies on (null without one) and the reason kept (null when the decision follows its reference).
 */
export function checkDecisionAgainstReference(
  reference: DecisionReference,
  decision: { orientation: Orientation; divergenceReason?: string | null | undefined },
): RuleResult<{ preconisationId: number | null; divergenceReason: string | null }> {
  if (reference.kind === 'eo_required') return failure([ruleError(reference.text)]);
  const preconisationId = reference.kind === 'preconisation' ? reference.preconisation.id : null;
  const expected = reference.kind === 'preconisation' || reference.kind === 'ede' ? reference.orientation : null;
  if (expected === null || expected === decision.orientation) return { ok: true, preconisationId, divergenceReason: null };
  const reason = decision.divergenceReason?.trim() ?? '';
  if (reason === '') {
    const from = reference.kind === 'preconisation' ? 'de la préconisation de l’équipe d’orientation' : 'de la proposition de l’échelle de distance à l’emploi';
    return failure([
      ruleError(
        `La décision (${ORIENTATION_LABELS[decision.orientation]}) diffère ${from} (${ORIENTATION_LABELS[expected]}) : indiquez le motif de l’écart.`,
        'divergenceReason',
      ),
    ]);
  }
  return { ok: true, preconisationId, divergenceReason: reason };
}
