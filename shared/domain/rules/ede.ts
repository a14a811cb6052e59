/**
 * « LES ECHELLES DE DISTANCES A L’EMPLOI » (Annexe 3) — scoring an EDE with a versioned grid:
 * one palier (1..6) per item, the 8 items required, total = sum of the paliers' points, proposal from the
 * grid's thresholds (< 18 → Pôle Emploi, > 35 → solidarité, 18 to 35 → EP/EO decides), colour flags and the
 * PAP themes the coloured items point to; `compareEde` measures the evolution between two EDEs.
 */
import { z } from 'zod';
import type { EdeColour, EdeGrid, ThemeCode, Versioned } from '../referentials/types';
import { failure, parseWith, ruleError, type RuleError, type RuleResult } from './result';
import { plural } from '../format';

export const EDE_PROPOSALS = ['professionnelle_pole_emploi', 'decision_ep_eo', 'solidarite'] as const;
export type EdeProposal = (typeof EDE_PROPOSALS)[number];
export const EDE_PROPOSAL_LABELS: Record<EdeProposal, string> = {
  professionnelle_pole_emploi: 'Orientation professionnelle France Travail (ex-Pôle Emploi)',
  decision_ep_eo: 'Orientation à décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation',
  solidarite: 'Orientation vers la sphère solidarité',
};
/** Order of the proposals along the total (used by the monotonicity property). */
export const EDE_PROPOSAL_RANK: Record<EdeProposal, number> = {
  professionnelle_pole_emploi: 0,
  decision_ep_eo: 1,
  solidarite: 2,
};

const THEME_ORDER: readonly ThemeCode[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];

export const EDE_ITEM_COUNT = 8;

/** Answers of an EDE: the grid version used and, per item key, the palier chosen (1..6). */
export const edeAnswersSchema = z.object({
  gridVersion: z.number({ error: 'Version de la grille manquante' }).int().positive(),
  paliers: z.record(
    z.string(),
    z
      .number({ error: 'Choisissez un palier' })
      .int('Le palier est un nombre entier de 1 à 6')
      .min(1, 'Le palier va de 1 à 6')
      .max(6, 'Le palier va de 1 à 6'),
  ),
});
export type EdeAnswers = z.input<typeof edeAnswersSchema>;

export interface EdeItemScore {
  number: number;
  key: string;
  label: string;
  palier: number;
  points: number;
  colour: EdeColour;
  /** PAP themes of the item (kept even when uncoloured, for display). */
  themes: ThemeCode[];
}

export interface EdeScore {
  gridVersion: number;
  items: EdeItemScore[];
  total: number;
  proposal: EdeProposal;
  /** French explanation of the proposal. */
  reason: string;
  /** Items per colour (keys of the items). */
  flags: Record<Exclude<EdeColour, 'aucune'>, string[]>;
  /** PAP themes the coloured items point to, in A–J order, each once. */
  themes: ThemeCode[];
}

/** The proposal for a total, with the grid's thresholds; 18 and 35 themselves go to the EP/EO. */
export function proposeFromTotal(
  total: number,
  thresholds: EdeGrid['thresholds'],
): { proposal: EdeProposal; reason: string } {
  const { professionnelleBelow: low, solidariteAbove: high } = thresholds;
  if (total < low) {
    return {
      proposal: 'professionnelle_pole_emploi',
      reason: `Total de ${total} points, inférieur à ${low} : l’orientation prioritaire est France Travail (ex-Pôle Emploi).`,
    };
  }
  if (total > high) {
    return {
      proposal: 'solidarite',
      reason: `Total de ${total} points, supérieur à ${high} : l’orientation va plutôt vers la sphère solidarité.`,
    };
  }
  return {
    proposal: 'decision_ep_eo',
    reason: `Total de ${total} points, entre ${low} et ${high} inclus : l’Équipe pluridisciplinaire ou l’Équipe d’orientation se prononce sur l’orientation la plus adéquate.`,
  };
}

/** Scores an EDE against its grid; refuses a wrong grid version, a missing or unknown item, a palier outside 1..6. */
export function scoreEde(grid: Versioned<EdeGrid>, answers: EdeAnswers): RuleResult<EdeScore> {
  const parsed = parseWith(edeAnswersSchema, answers);
  if (!parsed.ok) return parsed;
  const { gridVersion, paliers } = parsed.value;
  if (gridVersion !== grid.version) {
    return failure([
      ruleError(
        `Cette échelle a été remplie avec la version ${gridVersion} de la grille, mais la grille fournie est la version ${grid.version}.`,
        'gridVersion',
      ),
    ]);
  }
  const errors: RuleError[] = [];
  const known = new Set(grid.data.items.map((i) => i.key));
  for (const key of Object.keys(paliers)) {
    if (!known.has(key)) errors.push(ruleError(`Item « ${key} » inconnu de la grille (version ${grid.version}).`, `paliers.${key}`));
  }
  const missing = grid.data.items.filter((item) => paliers[item.key] === undefined);
  for (const item of missing) {
    errors.push(ruleError(`Item ${item.number} « ${item.label} » : choisissez un palier.`, `paliers.${item.key}`));
  }
  if (missing.length > 0) {
    errors.push(
      ruleError(
        `Les ${grid.data.items.length} items sont obligatoires ; ${missing.length === 1 ? 'il manque l’item' : 'il manque les items'} ${missing
          .map((i) => `${i.number} « ${i.label} »`)
          .join(', ')}.`,
      ),
    );
  }
  if (grid.data.items.length !== EDE_ITEM_COUNT) {
    errors.push(ruleError(`La grille doit compter ${EDE_ITEM_COUNT} items (elle en compte ${grid.data.items.length}).`));
  }
  const items: EdeItemScore[] = [];
  for (const item of grid.data.items) {
    const level = paliers[item.key];
    if (level === undefined) continue;
    const palier = item.paliers.find((p) => p.level === level);
    if (!palier) {
      errors.push(ruleError(`Item ${item.number} « ${item.label} » : le palier ${level} n’existe pas dans la grille.`, `paliers.${item.key}`));
      continue;
    }
    items.push({
      number: item.number,
      key: item.key,
      label: item.label,
      palier: level,
      points: palier.points,
      colour: palier.colour,
      themes: [...item.themes],
    });
  }
  if (errors.length > 0) return failure(errors);

  const total = items.reduce((sum, i) => sum + i.points, 0);
  const { proposal, reason } = proposeFromTotal(total, grid.data.thresholds);
  const flags: EdeScore['flags'] = { vert: [], rose: [], bleu: [] };
  const themeSet = new Set<ThemeCode>();
  for (const i of items) {
    if (i.colour === 'aucune') continue;
    flags[i.colour].push(i.key);
    i.themes.forEach((t) => themeSet.add(t));
  }
  const themes = THEME_ORDER.filter((t) => themeSet.has(t));
  const colourNote =
    flags.bleu.length > 0
      ? ` ${plural(flags.bleu.length, 'item', 'items')} en bleu : réels freins à l’emploi, l’orientation solidarité est à prioriser.`
      : '';
  return { ok: true, gridVersion, items, total, proposal, reason: reason + colourNote, flags, themes };
}

export type EdeTrend = 'amelioration' | 'stable' | 'degradation';
export const EDE_TREND_LABELS: Record<EdeTrend, string> = {
  amelioration: 'Amélioration',
  stable: 'Stable',
  degradation: 'Dégradation',
};

export interface EdeItemComparison {
  key: string;
  label: string;
  palierBefore: number | null;
  palierAfter: number | null;
  pointsBefore: number | null;
  pointsAfter: number | null;
  /** after − before, in points (negative: fewer obstacles); null when the item is missing on one side. */
  pointsDelta: number | null;
  palierDelta: number | null;
  trend: EdeTrend | null;
}

export interface EdeComparison {
  items: EdeItemComparison[];
  totalBefore: number;
  totalAfter: number;
  totalDelta: number;
  trend: EdeTrend;
  proposalBefore: EdeProposal;
  proposalAfter: EdeProposal;
  /** false when the two EDEs were scored with different grid versions (points may not compare exactly). */
  sameGridVersion: boolean;
}

const trendOf = (delta: number): EdeTrend => (delta < 0 ? 'amelioration' : delta > 0 ? 'degradation' : 'stable');

/** Per item and total deltas between an earlier EDE `a` and a later one `b` (items matched by key). */
export function compareEde(a: EdeScore, b: EdeScore): EdeComparison {
  const keys = [...a.items.map((i) => i.key), ...b.items.map((i) => i.key).filter((k) => !a.items.some((i) => i.key === k))];
  const items = keys.map((key): EdeItemComparison => {
    const x = a.items.find((i) => i.key === key);
    const y = b.items.find((i) => i.key === key);
    const pointsDelta = x && y ? y.points - x.points : null;
    return {
      key,
      label: (y ?? x)?.label ?? key,
      palierBefore: x?.palier ?? null,
      palierAfter: y?.palier ?? null,
      pointsBefore: x?.points ?? null,
      pointsAfter: y?.points ?? null,
      pointsDelta,
      palierDelta: x && y ? y.palier - x.palier : null,
      trend: pointsDelta === null ? null : trendOf(pointsDelta),
    };
  });
  const totalDelta = b.total - a.total;
  return {
    items,
    totalBefore: a.total,
    totalAfter: b.total,
    totalDelta,
    trend: trendOf(totalDelta),
    proposalBefore: a.proposal,
    proposalAfter: b.proposal,
    sameGridVersion: a.gridVersion === b.gridVersion,
  };
}
