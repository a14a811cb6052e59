/** The EDE screens' model: the grid from `ede.grid` as the shared rules take it, live scoring, form values. */
import type { z } from 'zod';
import type { edeFormSchema, EdeGridOutput } from '../../../../../shared/api/interview';
import { findTheme } from '../../../../../shared/domain/referentials/actions';
import { EDE_COLOUR_LABELS } from '../../../../../shared/domain/referentials/ede-grid';
import type { EdeColour, EdeGrid, ThemeCode, Versioned } from '../../../../../shared/domain/referentials/types';
import { EDE_PROPOSAL_LABELS, scoreEde, type EdeProposal, type EdeScore } from '../../../../../shared/domain/rules/ede';
import { plural } from '../../../../../shared/domain/format';

export const edeDraftKey = (personId: number) => `ede:${personId}`;

/** The API's grid as the shared rules' versioned grid. */
export function versionedGrid(grid: EdeGridOutput): Versioned<EdeGrid> {
  return { version: grid.version, validFrom: grid.validFrom, data: { items: grid.items as EdeGrid['items'], thresholds: grid.thresholds } };
}

export interface EdeFormValues {
  date: string;
  gridVersion: number;
  /** Item key → palier 1..6, null while not chosen. */
  paliers: Record<string, number | null>;
  comments: Record<string, string>;
}
export type EdeFormOutput = z.output<ReturnType<typeof edeFormSchema>>;

export function emptyEdeValues(grid: EdeGridOutput, today: string): EdeFormValues {
  return {
    date: today,
    gridVersion: grid.version,
    paliers: Object.fromEntries(grid.items.map((i) => [i.key, null])),
    comments: Object.fromEntries(grid.items.map((i) => [i.key, ''])),
  };
}

/** A draft read back from main: the known items' paliers (1..6) and comments, the date; the rest from `base`. */
export function mergeEdeDraft(base: EdeFormValues, data: unknown): EdeFormValues {
  const values = structuredClone(base);
  if (!data || typeof data !== 'object') return values;
  const d = data as Partial<Record<keyof EdeFormValues, unknown>>;
  if (typeof d.date === 'string') values.date = d.date;
  const paliers = (d.paliers ?? {}) as Record<string, unknown>;
  const comments = (d.comments ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(values.paliers)) {
    const p = paliers[key];
    if (typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 6) values.paliers[key] = p;
    const c = comments[key];
    if (typeof c === 'string') values.comments[key] = c;
  }
  return values;
}

export type LiveScore =
  | { complete: true; score: EdeScore; answered: number; count: number }
  | { complete: false; partialTotal: number; answered: number; count: number };

/** The live score of the form: the shared `scoreEde` once every item has a palier, a running total before. */
export function liveScore(grid: EdeGridOutput, paliers: Record<string, number | null | undefined>): LiveScore {
  const chosen = Object.fromEntries(
    Object.entries(paliers).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  const count = grid.items.length;
  const answered = grid.items.filter((i) => chosen[i.key] !== undefined).length;
  if (answered === count) {
    const result = scoreEde(versionedGrid(grid), { gridVersion: grid.version, paliers: chosen });
    if (result.ok) {
      const { ok: _ok, ...score } = result;
      return { complete: true, score, answered, count };
    }
  }
  const partialTotal = grid.items.reduce((sum, item) => {
    const level = chosen[item.key];
    return sum + (item.paliers.find((p) => p.level === level)?.points ?? 0);
  }, 0);
  return { complete: false, partialTotal, answered, count };
}

export const proposalLabel = (p: EdeProposal) => EDE_PROPOSAL_LABELS[p];

/** « Vert », « Rose », « Bleu », « Sans couleur ». */
export const COLOUR_NAMES: Record<EdeColour, string> = { aucune: 'Sans couleur', vert: 'Vert', rose: 'Rose', bleu: 'Bleu' };
export const colourMeaning = (c: EdeColour) => EDE_COLOUR_LABELS[c];

/** « A – Le logement ». */
export function themeLabel(code: ThemeCode): string {
  const theme = findTheme(code);
  return theme ? `${code} – ${theme.label}` : code;
}

export const pointsText = (n: number) => plural(n, 'point', 'points');

/** Signed delta: « +4 », « −2 », « 0 ». */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');
