/**
 * Statistics and evaluation (issue 15 §3): the « Statistiques » screen and the printable « rapport d’activité ».
 * Each figure is a table (the screen draws its chart from it and shows it as the chart's table alternative; the
 * exports and the PDF print it). Counts of fewer than 5 persons — and every median, decile or share computed over
 * fewer than 5 persons — are hidden (« < 5 ») in main, before anything leaves it: the screen, the exports and the
 * paper never see them. The definition of every figure: docs/rules.md, « Issue 15 — statistiques ».
 *
 * Access: correspondants, secrétaires EP and administrateurs, on their own MDS only (another MDS never).
 */
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { def, empty, type MethodDef } from './method';

/** Below this many persons a cell is hidden. */
export const SMALL_CELL_THRESHOLD = 5;
/** How a hidden cell is written on the screen, in the exports and on paper. */
export const SMALL_CELL_TEXT = '< 5';

export const STAT_FIGURES = [
  'file_active',
  'flux',
  'orientations',
  'delai_orientation',
  'delai_contrat',
  'contrats_etat',
  'contrats_duree',
  'contrats_renouvellement',
  'cers_12_mois',
  'fiches',
  'ep_saisines',
  'ep_sanctions',
  'ede_paliers',
  'ede_evolution',
] as const;
export type StatFigure = (typeof STAT_FIGURES)[number];
export const statFigureSchema = z.enum(STAT_FIGURES);

/** The screen's tabs and the report's chapters: which figures each holds. */
export const STAT_SECTIONS = {
  activite: { title: 'File active et flux', figures: ['file_active', 'flux'] },
  orientation: { title: 'Orientation', figures: ['orientations', 'delai_orientation', 'delai_contrat'] },
  contrats: { title: 'Contrats', figures: ['contrats_etat', 'contrats_duree', 'contrats_renouvellement', 'cers_12_mois'] },
  fiches: { title: 'Fiches de liaison', figures: ['fiches'] },
  ep: { title: 'Équipe pluridisciplinaire', figures: ['ep_saisines', 'ep_sanctions'] },
  ede: { title: 'Échelle de distance à l’emploi', figures: ['ede_paliers', 'ede_evolution'] },
} as const satisfies Record<string, { title: string; figures: readonly StatFigure[] }>;
export type StatSection = keyof typeof STAT_SECTIONS;

/** Filters: the period (both ends included), the organisme of the orientation, the référent of the dossier. */
export const statisticsFilterSchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    /** The MDS (only the actor's own is allowed; it is the default). */
    mdsId: idSchema.optional(),
    organismeId: idSchema.optional(),
    referentId: idSchema.optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'La date de début doit précéder la date de fin', path: ['to'] });
export type StatisticsFilter = z.input<typeof statisticsFilterSchema>;

/**
 * A column: `label` (the row's name), `count` (a number of persons or of records each about one person: hidden
 * under 5), `days` (a median or a decile, in days), `share` (a percentage, 0–100, one decimal), `mean` (an
 * average, two decimals).
 */
export const STAT_COLUMN_KINDS = ['count', 'days', 'share', 'mean'] as const;
export const statColumnSchema = z.object({ key: z.string(), label: z.string(), kind: z.enum(STAT_COLUMN_KINDS) });
export type StatColumn = z.output<typeof statColumnSchema>;

/** A cell: a number, « < 5 » (hidden), or null (no value: nothing to measure). */
export const statCellSchema = z.union([z.number(), z.literal(SMALL_CELL_TEXT), z.null()]);
export type StatCell = z.output<typeof statCellSchema>;

export const statRowSchema = z.object({ key: z.string(), label: z.string(), cells: z.array(statCellSchema) });
export type StatRow = z.output<typeof statRowSchema>;

export const statTableSchema = z.object({
  figure: statFigureSchema,
  title: z.string(),
  /** What is counted, in one or two French sentences (the definition of docs/rules.md). */
  definition: z.string(),
  /** The heading of the rows' column. */
  rowHeader: z.string(),
  columns: z.array(statColumnSchema),
  rows: z.array(statRowSchema),
  /**
   * How the screen and the paper draw it: `bar`, one bar per row and count column; `stacked`, the count columns
   * stacked in one bar per row; `line`, one line per mean column over the rows.
   */
  chart: z.enum(['bar', 'stacked', 'line']),
});
export type StatTable = z.output<typeof statTableSchema>;

export const statScopeSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  mds: z.object({ id: idSchema, name: z.string(), territory: z.string() }),
  organisme: z.object({ id: idSchema, name: z.string() }).nullable(),
  referent: z.object({ id: idSchema, displayName: z.string() }).nullable(),
});
export type StatScope = z.output<typeof statScopeSchema>;

const READERS = ['correspondant', 'secretaire_ep', 'administrateur'] as const;

export const statisticsMethods = {
  /** The figures asked for (all by default) under the filter (default: the last twelve months, the actor's MDS). */
  'statistics.get': def({
    input: z
      .object({ filter: statisticsFilterSchema.default({}), figures: z.array(statFigureSchema).min(1).max(STAT_FIGURES.length).optional() })
      .strict(),
    output: z.object({ scope: statScopeSchema, tables: z.array(statTableSchema) }),
    access: READERS,
    writes: false,
  }),
  /** The filter's choices: the organismes and the référents of the actor's MDS. */
  'statistics.options': def({
    input: empty,
    output: z.object({
      organismes: z.array(z.object({ id: idSchema, name: z.string() })),
      referents: z.array(z.object({ id: idSchema, displayName: z.string() })),
    }),
    access: READERS,
    writes: false,
  }),
  /** The printable « rapport d’activité » (every figure, its table and its chart); recorded in the journal as an export. */
  'statistics.report': def({
    input: z.object({ filter: statisticsFilterSchema.default({}) }).strict(),
    output: z.object({
      fileName: z.string(),
      mime: z.literal('application/pdf'),
      base64: z.string(),
      size: z.number().int().positive(),
      pageCount: z.number().int().positive(),
    }),
    access: READERS,
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;

const frNumber = (v: number, digits: number) => v.toLocaleString('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: digits }).replace(/\u202f/g, '\u00a0');

/** A cell as written on the screen and on paper (« < 5 » for a hidden cell, « – » for no value). */
export function statCellText(cell: StatCell, kind: StatColumn['kind']): string {
  if (cell === null) return '–';
  if (typeof cell === 'string') return cell;
  if (kind === 'share') return `${frNumber(cell, 1)} %`;
  if (kind === 'mean') return frNumber(cell, 2);
  return frNumber(cell, 1);
}

