/**
 * Exports (issue 15, section 2; shared/api/exports.ts): a list → its file, CSV (shared/domain/csv.ts) or XLSX
 * (./xlsx.ts), with the rows the list's own service gives the caller (./registry.ts), written in the journal.
 */
import type { exportsMethods } from '../../../shared/api/exports';
import { toCsv } from '../../../shared/domain/csv';
import type { Handler, HandlersFor } from '../../app/types';
import { recordExport, todayOf } from '../kit';
import { checkListAccess, EXPORTS, type ExportSource } from './registry';
import { toXlsx, XLSX_MIME } from './xlsx';

export const CSV_MIME = 'text/csv;charset=utf-8';

/**
 * The filter as the journal keeps it: free text typed in a search box may be a name, so only its length is kept.
 * Everything else in a list's params is a choice (kinds, dates, sort, an id).
 */
export function auditedFilter(params: object): Record<string, unknown> {
  const { query, ...rest } = params as { query?: unknown };
  return typeof query === 'string' && query.length > 0 ? { ...rest, query: `(${query.length} caractères)` } : rest;
}

const list: Handler<'exports.list'> = async (input, call) => {
  checkListAccess(input.list, call);
  const entry = EXPORTS[input.list] as ExportSource<typeof input.params>;
  const { title, columns, rows } = await entry.load(input.params, call);
  const fileName = `${entry.name(input.params)}-${todayOf(call)}.${input.format}`;
  const content =
    input.format === 'csv'
      ? { mime: CSV_MIME, base64: Buffer.from(toCsv(columns, rows), 'utf8').toString('base64') }
      : { mime: XLSX_MIME, base64: (await toXlsx(title, columns, rows, call.app.options.now())).toString('base64') };
  recordExport(call, fileName, { list: input.list, format: input.format, filter: auditedFilter(input.params), rows: rows.length });
  return { fileName, ...content, rows: rows.length };
};

export const exportsHandlers: HandlersFor<keyof typeof exportsMethods> = {
  'exports.list': list,
};
