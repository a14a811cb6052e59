/**
 * « LES CONTRATS D’ENGAGEMENTS RECIPROQUES » (PAP — plan d’accompagnement, parcours personnalisé) and
 * « LES CODIFICATIONS DES THEMES ET DES ACTIONS D’INSERTION » (Annexe 6): each row of the PAP is a theme, a
 * codified action of that theme, a start and an end (échéance) inside the contract period, the engagements of
 * the référent and of the bénéficiaire, then résultat and bilan (required in the bilan phase).
 */
import { z } from 'zod';
import { isoDateSchema, requiredText } from '../../api/common';
import { normalizeActionCode } from '../referentials/actions';
import type { ActionDef, Sphere, ThemeCode } from '../referentials/types';
import { type IsoDate } from './dates';
import { failure, parseWith, ruleError, type RuleError, type RuleResult, optionalTrimmed } from './result';
import { formatDate } from '../format';

export const PAP_THEME_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const satisfies readonly ThemeCode[];

/** Résultat of an action (the same scale as the fiche de suivi emploi). */
export const RESULTATS = ['atteint', 'partiellement_atteint', 'non_atteint'] as const;
export type Resultat = (typeof RESULTATS)[number];
export const RESULTAT_LABELS: Record<Resultat, string> = {
  atteint: 'Atteint',
  partiellement_atteint: 'Partiellement atteint',
  non_atteint: 'Non atteint',
};
export const resultatSchema = z.enum(RESULTATS, { error: 'Choisissez le résultat' });

/** Where a row comes from: typed by a user, or received through the exchange with Pôle Emploi (H.3.x). */
export const PAP_ORIGINS = ['saisie', 'echange_pole_emploi'] as const;

export const papActionSchema = z.object({
  theme: z.enum(PAP_THEME_CODES, { error: 'Choisissez le thème' }),
  actionCode: requiredText('Action', 20),
  start: isoDateSchema,
  /** Échéance. */
  end: isoDateSchema,
  engagementReferent: requiredText('Engagement du référent', 1000),
  engagementBeneficiaire: requiredText('Engagement du bénéficiaire', 1000),
  /** Services ou organismes sollicités (free text, the fiche's list as a suggestion). */
  services: optionalTrimmed(500),
  resultat: resultatSchema.nullable().optional(),
  bilan: optionalTrimmed(2000),
  origin: z.enum(PAP_ORIGINS).default('saisie'),
  /** Row taken over from the previous contract at a renewal (with its bilan): its dates are the old ones. */
  carriedOver: z.boolean().default(false),
  /** G.4.5: the Président's derogation has been obtained. */
  derogationObtained: z.boolean().default(false),
});
export type PapActionInput = z.input<typeof papActionSchema>;
export type PapAction = z.output<typeof papActionSchema>;

export const papSchema = z.object({ actions: z.array(papActionSchema) });
export type PapInput = z.input<typeof papSchema>;
export type Pap = z.output<typeof papSchema>;

export type PapPhase = 'elaboration' | 'bilan';

export interface PapContext {
  /** The actions referential (ACTIONS_REFERENTIAL.data, or a fixture). */
  actions: readonly ActionDef[];
  /** The contract the PAP belongs to. */
  contract: { type: 'CERS' | 'CERP'; start: IsoDate; end: IsoDate };
  /** 'bilan': résultat and bilan are required on every row. Default 'elaboration'. */
  phase?: PapPhase;
}

export interface PapFlag {
  path: string;
  message: string;
  /** derogation_requise: G.4.5 without the Président's derogation; seule_action_a_verifier: B.1-like actions. */
  kind: 'derogation_requise' | 'seule_action_a_verifier';
}

export const sphereOfContract = (type: 'CERS' | 'CERP'): Sphere => (type === 'CERS' ? 'solidarite' : 'professionnelle');
const SPHERE_LABEL: Record<Sphere, string> = { solidarite: 'solidarité', professionnelle: 'professionnelle' };

/**
 * Validates a PAP against the referential and its contract. Errors carry the row path (`actions.2.end`);
 * flags (ok result) mark rows that need the Président's derogation (G.4.5).
 */
export function validatePap(pap: PapInput, ctx: PapContext): RuleResult<{ pap: Pap; flags: PapFlag[] }> {
  const parsed = parseWith(papSchema, pap);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const { contract } = ctx;
  const phase = ctx.phase ?? 'elaboration';
  const byCode = new Map(ctx.actions.map((a) => [a.code, a]));
  const parents = new Set(ctx.actions.map((a) => a.parent).filter((c): c is string => c !== null));
  const sphere = sphereOfContract(contract.type);
  const errors: RuleError[] = [];
  const flags: PapFlag[] = [];

  if (value.actions.length === 0) errors.push(ruleError('Le plan d’accompagnement compte au moins une action.', 'actions'));

  value.actions.forEach((row, i) => {
    const p = (field: string) => `actions.${i}.${field}`;
    const line = `Ligne ${i + 1}`;
    const def = byCode.get(normalizeActionCode(row.actionCode));
    if (!def) {
      errors.push(ruleError(`${line} : l’action « ${row.actionCode} » n’existe pas dans le référentiel des actions d’insertion.`, p('actionCode')));
    } else {
      if (parents.has(def.code)) {
        const subs = ctx.actions.filter((a) => a.parent === def.code).map((a) => a.code);
        errors.push(ruleError(`${line} : ${def.code} « ${def.label} » est une rubrique ; choisissez l’une de ses actions (${subs.join(', ')}).`, p('actionCode')));
      }
      if (def.theme !== row.theme) {
        errors.push(ruleError(`${line} : l’action ${def.code} « ${def.label} » n’appartient pas au thème ${row.theme} (elle relève du thème ${def.theme}).`, p('actionCode')));
      }
      if (!def.spheres.includes(sphere)) {
        errors.push(
          ruleError(
            `${line} : l’action ${def.code} « ${def.label} » ne concerne pas la sphère ${SPHERE_LABEL[sphere]} (${contract.type}).`,
            p('actionCode'),
          ),
        );
      }
      if (def.restricted && row.origin === 'saisie') {
        errors.push(
          ruleError(`${line} : l’action ${def.code} « ${def.label} » est réservée à l’échange informatique avec France Travail (ex-Pôle Emploi) ; elle ne se saisit pas.`, p('actionCode')),
        );
      }
      if (def.requiresDerogation && !row.derogationObtained) {
        flags.push({
          path: p('actionCode'),
          kind: 'derogation_requise',
          message: `${line} : l’action ${def.code} « ${def.label} » demande une dérogation du Président du Conseil Général (la loi sur le RSA ne permet pas de reprendre des études).`,
        });
      }
    }
    if (row.end < row.start) {
      errors.push(ruleError(`${line} : l’échéance (${formatDate(row.end)}) précède le début de l’action (${formatDate(row.start)}).`, p('end')));
    }
    if (!row.carriedOver) {
      if (row.start < contract.start) {
        errors.push(ruleError(`${line} : l’action commence (${formatDate(row.start)}) avant le contrat (${formatDate(contract.start)}).`, p('start')));
      }
      if (row.end > contract.end) {
        errors.push(ruleError(`${line} : l’échéance (${formatDate(row.end)}) dépasse la fin du contrat (${formatDate(contract.end)}).`, p('end')));
      }
      if (row.start > contract.end) {
        errors.push(ruleError(`${line} : l’action commence après la fin du contrat (${formatDate(contract.end)}).`, p('start')));
      }
    }
    if (phase === 'bilan') {
      if (!row.resultat) errors.push(ruleError(`${line} : indiquez le résultat de l’action pour le bilan.`, p('resultat')));
      if (!row.bilan) errors.push(ruleError(`${line} : remplissez le bilan-commentaires de l’action.`, p('bilan')));
    }
  });

  const defs = value.actions.map((row) => byCode.get(normalizeActionCode(row.actionCode)));
  const onlyNotAlone = value.actions.length > 0 && defs.every((d) => d?.notAlone === true);
  if (!onlyNotAlone && value.actions.length > 0 && defs.every((d) => d?.notAlone === true || d?.notAloneWarning === true)) {
    defs.forEach((d, i) => {
      if (d?.notAloneWarning) {
        flags.push({
          path: `actions.${i}.actionCode`,
          kind: 'seule_action_a_verifier',
          message: `Ligne ${i + 1} : dans certains cas, l’action ${d.code} « ${d.label} » ne peut être la seule action du plan d’accompagnement ; vérifiez qu’une autre action n’est pas nécessaire.`,
        });
      }
    });
  }
  if (onlyNotAlone) {
    const rows = value.actions.map((row, i) => `ligne ${i + 1} (${row.actionCode})`).join(', ');
    errors.push(
      ruleError(
        `Le plan d’accompagnement ne peut pas se composer uniquement d’actions qui « ne peuvent être la seule action » : ${rows}. Ajoutez une autre action.`,
        'actions',
      ),
    );
    value.actions.forEach((_, i) =>
      errors.push(ruleError(`Ligne ${i + 1} : cette action ne peut être la seule action du plan d’accompagnement.`, `actions.${i}.actionCode`)),
    );
  }

  return errors.length > 0 ? failure(errors) : { ok: true, pap: value, flags };
}

/** Actions of a theme a user may pick for a contract: leaves of the sphere, restricted ones left out. */
export function actionsForPicker(actions: readonly ActionDef[], theme: ThemeCode, type: 'CERS' | 'CERP'): ActionDef[] {
  const sphere = sphereOfContract(type);
  const parents = new Set(actions.map((a) => a.parent).filter((c): c is string => c !== null));
  return actions.filter((a) => a.theme === theme && a.spheres.includes(sphere) && !a.restricted && !parents.has(a.code));
}
