/**
 * « CONTRAT D’ENGAGEMENTS RECIPROQUES – PROFESSIONNEL », bilan complémentaire: the fiche de suivi emploi.
 * One row per job offer proposed during the contract: the offer, whether it is « raisonnable » (it matches what
 * the contract defined), its domain, the means used, the résultat (atteint, partiellement
 * atteint, non atteint; a motif unless atteint) and the bilan-commentaires.
 */
import { z } from 'zod';
import { isoDateSchema, requiredText } from '../../api/common';
import type { RomeDomain } from '../referentials/types';
import { RESULTATS, RESULTAT_LABELS, resultatSchema, type Resultat } from './pap';
import { failure, parseWith, ruleError, type RuleError, type RuleResult, optionalTrimmed } from './result';

export { RESULTATS, RESULTAT_LABELS, type Resultat };

/** The handbook's definitions of the three résultats. */
export const RESULTAT_DEFINITIONS: Record<Resultat, string> = {
  atteint: 'Le bénéficiaire obtient le poste convoité.',
  partiellement_atteint:
    'La procédure de recrutement est encore en cours à l’échéance du contrat, ou il a eu un entretien mais sans être retenu.',
  non_atteint: 'Le bénéficiaire ne postule pas ou n’obtient aucune réponse de la part du recruteur.',
};

export const RAISONNABLE_DEFINITION =
  'L’offre est dite raisonnable lorsqu’elle correspond à ce qui a été défini dans le contrat (métiers recherchés, zone géographique, salaire attendu).';

export const suiviEmploiLineSchema = z
  .object({
    date: isoDateSchema.optional(),
    /** Offre(s) d’emploi proposée(s). */
    offre: requiredText('Offre d’emploi proposée', 500),
    /** Offre considérée comme raisonnable (matches what the contract defined). */
    raisonnable: z.boolean({ error: 'Précisez si l’offre est raisonnable' }),
    /** Domaine d’activité de l’offre (a ROME domain letter or the domain's label). */
    domaine: requiredText('Domaine d’activité', 200),
    /** Code ROME of the offer, when known. */
    romeCode: optionalTrimmed(10),
    moyens: requiredText('Moyens mobilisés', 1000),
    resultat: resultatSchema,
    motif: optionalTrimmed(1000),
    bilan: optionalTrimmed(2000),
  })
  .superRefine((line, ctx) => {
    if (line.resultat !== 'atteint' && !line.motif) {
      ctx.addIssue({
        code: 'custom',
        path: ['motif'],
        message: `Résultat « ${RESULTAT_LABELS[line.resultat].toLowerCase()} » : indiquez le motif`,
      });
    }
  });
export type SuiviEmploiLineInput = z.input<typeof suiviEmploiLineSchema>;
export type SuiviEmploiLine = z.output<typeof suiviEmploiLineSchema>;

export const suiviEmploiSchema = z.object({ offres: z.array(suiviEmploiLineSchema) });
export type SuiviEmploiInput = z.input<typeof suiviEmploiSchema>;
export type SuiviEmploi = z.output<typeof suiviEmploiSchema>;

export interface SuiviEmploiContext {
  /** The ROME domains; when given, `domaine` must be one of their letters or labels. */
  romeDomains?: readonly RomeDomain[];
  /** The contract's period: when given, dated offers must fall inside it. */
  contract?: { start: string; end: string };
  /** 'bilan': the bilan-commentaires is required on every row (end of contract). */
  phase?: 'suivi' | 'bilan';
}

/** Validates the fiche de suivi emploi (errors on `offres.<i>.<field>`). */
export function validateSuiviEmploi(input: SuiviEmploiInput, ctx: SuiviEmploiContext = {}): RuleResult<{ suivi: SuiviEmploi }> {
  const parsed = parseWith(suiviEmploiSchema, input);
  if (!parsed.ok) return parsed;
  const errors: RuleError[] = [];
  parsed.value.offres.forEach((line, i) => {
    const p = (f: string) => `offres.${i}.${f}`;
    if (ctx.romeDomains) {
      const d = line.domaine.trim().toLowerCase();
      const known = ctx.romeDomains.some((r) => r.letter.toLowerCase() === d || r.label.toLowerCase() === d);
      if (!known) errors.push(ruleError(`Ligne ${i + 1} : domaine d’activité inconnu des codes ROME.`, p('domaine')));
    }
    if (ctx.contract && line.date && (line.date < ctx.contract.start || line.date > ctx.contract.end)) {
      errors.push(ruleError(`Ligne ${i + 1} : l’offre est datée hors de la durée du contrat.`, p('date')));
    }
    if (ctx.phase === 'bilan' && !line.bilan) {
      errors.push(ruleError(`Ligne ${i + 1} : remplissez le bilan-commentaires.`, p('bilan')));
    }
  });
  return errors.length > 0 ? failure(errors) : { ok: true, suivi: parsed.value };
}

/** What the contract defined (CERP: up to two métiers recherchés, each with its domain and ROME code). */
export interface ContractJobTargets {
  metiersRecherches: { romeCode?: string | null; domaine?: string | null }[];
}

/**
 * Suggests « raisonnable » for an offer: true when its ROME code, or else its domain, matches one of the métiers
 * recherchés of the contract. Only a suggestion: the référent ticks the box (zone and salary are not coded).
 */
export function suggestRaisonnable(offre: { romeCode?: string | null; domaine: string }, targets: ContractJobTargets): boolean {
  const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();
  return targets.metiersRecherches.some((m) => {
    if (norm(offre.romeCode) !== '' && norm(m.romeCode) !== '') return norm(offre.romeCode) === norm(m.romeCode);
    const offerDomain = norm(offre.domaine) || norm(offre.romeCode).slice(0, 1);
    const targetDomain = norm(m.domaine) || norm(m.romeCode).slice(0, 1);
    return offerDomain !== '' && offerDomain === targetDomain;
  });
}
