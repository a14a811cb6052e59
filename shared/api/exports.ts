/**
 * Exports (issue 15, section 2): every list of the application as a file for Excel — CSV (UTF-8 with BOM, `;`,
 * French headers, dd/mm/yyyy: shared/domain/csv.ts) or XLSX (real dates and numbers, bold header row, autofilter,
 * frozen first row). `params` is the list's own input, checked by the very schema of the list's method, and main
 * fills the file by calling that method's service with the same actor: an export holds what the screen shows, no
 * more. Every export is written in the journal (who, which list, the filter, how many rows; no personal data).
 */
import { z } from 'zod';
import { contractsMethods } from './contracts';
import { deskMethods } from './desk';
import { dossierSearchInputSchema } from './dossier';
import { epMethods } from './ep';
import { fichesMethods } from './fiches';
import { statFigureSchema, statisticsFilterSchema } from './statistics';
import { def, type MethodDef } from './method';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)' };

/** Each list that exports → the method whose input its `params` are (and whose access and scope apply). */
export const EXPORT_SOURCES = {
  recherche: 'dossiers.search',
  liste_de_travail: 'worklists.list',
  echeancier: 'echeancier.list',
  ep_file: 'ep.queue',
  ep_seances: 'ep.sessions.list',
  contrats: 'contracts.awaitingDecision',
  fiches: 'fiches.inbox',
  statistiques: 'statistics.get',
} as const;
export type ExportList = keyof typeof EXPORT_SOURCES;

const request = <L extends ExportList, P extends z.ZodType>(list: L, params: P) =>
  z.object({ list: z.literal(list), params, format: z.enum(EXPORT_FORMATS) }).strict();

export const exportInputSchema = z.discriminatedUnion('list', [
  request('recherche', dossierSearchInputSchema),
  request('liste_de_travail', deskMethods['worklists.list'].input),
  request('echeancier', deskMethods['echeancier.list'].input),
  request('ep_file', epMethods['ep.queue'].input),
  request('ep_seances', epMethods['ep.sessions.list'].input),
  request('contrats', contractsMethods['contracts.awaitingDecision'].input),
  request('fiches', fichesMethods['fiches.inbox'].input),
  /** One figure of the « Statistiques » screen as its table (small cells already hidden by main: « < 5 »). */
  request('statistiques', z.object({ figure: statFigureSchema, filter: statisticsFilterSchema.default({}) }).strict()),
]);
type ExportInput = z.input<typeof exportInputSchema>;
/** What a screen asks for: the list and its params (the format is chosen in the menu). */
export type ExportRequest = ExportInput extends infer R ? (R extends ExportInput ? Omit<R, 'format'> : never) : never;

export const exportFileSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  /** Rows of data (the header row aside). */
  rows: z.number().int().nonnegative(),
});
export type ExportFile = z.output<typeof exportFileSchema>;

export const exportsMethods = {
  /** The list as a file; written in the journal, hence `writes`. Access and scope: those of the list's own method. */
  'exports.list': def({ input: exportInputSchema, output: exportFileSchema, access: 'authenticated', writes: true }),
} as const satisfies Record<string, MethodDef>;
