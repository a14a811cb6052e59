/**
 * CSV for Excel (French settings): UTF-8 with a byte order mark (so Excel reads the accents), `;` between cells,
 * CRLF between lines, dates as dd/mm/yyyy, decimals with a comma. A cell holding `;`, `"` or a line break is quoted
 * (inner quotes doubled); a text starting like a formula (`=`, `+`, `-`, `@`, tab) is prefixed with `'` so that Excel
 * shows it instead of computing it. Every export of the application goes through `toCsv`.
 */
import { formatDate } from './format';

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_EOL = '\r\n';

/** A cell: text, number, a calendar date ('YYYY-MM-DD', written dd/mm/yyyy), or nothing (empty cell). */
export type CsvValue = string | number | { date: string | null | undefined } | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

/** A calendar date cell ('YYYY-MM-DD' → dd/mm/yyyy). */
export const csvDate = (iso: string | null | undefined): CsvValue => ({ date: iso });

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

function text(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  if (typeof value === 'object') return formatDate(value.date);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell as written in the file. */
export function csvCell(value: CsvValue): string {
  const t = text(value);
  return NEEDS_QUOTES.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

/** The whole file: BOM, header line, one line per row, each line ended by CRLF. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(CSV_SEPARATOR)];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(CSV_SEPARATOR));
  return CSV_BOM + lines.join(CSV_EOL) + CSV_EOL;
}

/** A file name of an export: `<name>-YYYY-MM-DD.csv`. */
export const csvFileName = (name: string, today: string): string => `${name}-${today}.csv`;

/**
 * Reads back a file written by `toCsv` (or by Excel in the same format): BOM dropped, `;` separated, quoted cells
 * with doubled quotes and line breaks inside, CRLF or LF between lines. Cells are returned as written (a date stays
 * dd/mm/yyyy). A last empty line is not a row.
 */
export function parseCsv(csv: string): string[][] {
  const body = csv.startsWith(CSV_BOM) ? csv.slice(1) : csv;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === CSV_SEPARATOR) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
