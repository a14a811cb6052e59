/**
 * Reading an import file: XLSX (exceljs) or CSV (csv-parse, streamed) in UTF-8 or Windows-1252 (detected: a file
 * that is not valid UTF-8 is Windows-1252, the encoding Excel writes on a French Windows), `;` or `,` (the one the
 * header line holds more of), quoted fields. Each record comes with its line number in the file (the header is
 * line 1); a record whose column count is not the header's is kept, flagged, for the engine to reject.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/api/errors';

export type FileFormat = 'csv' | 'xlsx';
export type Encoding = 'utf-8' | 'windows-1252';
export type Delimiter = ';' | ',';

export interface FileRecord {
  /** Line number in the file (header: 1). */
  line: number;
  cells: string[];
}

export interface OpenedFile {
  format: FileFormat;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  headers: string[];
  /** The data records, in file order (streamed for CSV). */
  records: AsyncIterable<FileRecord>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const UNREADABLE = 'Ce fichier ne se lit pas : choisissez un fichier CSV (séparateur « ; » ou « , ») ou un classeur Excel (.xlsx).';

/**
 * Bytes 0x80–0x9F in Windows-1252 (€, ’, œ, …). Node's TextDecoder('windows-1252') decodes them as Latin-1 C1
 * controls (nodejs/node#56542): they are mapped here.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\u0080-\u009F]/g;

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
export function decodeText(bytes: Buffer): { text: string; encoding: Encoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes).replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
    return { text, encoding: 'windows-1252' };
  }
}

/** The delimiter the first line holds more of (outside quotes); `;` when equal. */
export function detectDelimiter(text: string): Delimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons += 1;
    else if (!quoted && ch === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

const cleanHeader = (h: string) => h.replace(/^\uFEFF/, '').trim();

async function openCsv(bytes: Buffer): Promise<OpenedFile> {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new ApiError('VALIDATION', 'Le fichier est vide.');
  const delimiter = detectDelimiter(text);
  const parser = Readable.from([text]).pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const next = async () => {
    try {
      return await iterator.next();
    } catch (error) {
      throw new ApiError('VALIDATION', `Le fichier ne se lit pas jusqu’au bout : ${(error as Error).message}`);
    }
  };
  const header = await next();
  if (header.done) throw new ApiError('VALIDATION', 'Le fichier est vide.');
  return {
    format: 'csv',
    encoding,
    delimiter,
    headers: header.value.record.map(cleanHeader),
    records: {
      async *[Symbol.asyncIterator]() {
        for (let r = await next(); !r.done; r = await next()) yield { line: r.value.info.lines, cells: r.value.record };
      },
    },
  };
}

/** A cell of a worksheet as text: dates as dd/mm/yyyy, numbers as written, rich text and formulas by their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = String(value.getUTCDate()).padStart(2, '0');
    const m = String(value.getUTCMonth() + 1).padStart(2, '0');
    return `${d}/${m}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

async function openXlsx(bytes: Buffer): Promise<OpenedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ApiError('VALIDATION', UNREADABLE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new ApiError('VALIDATION', 'Le classeur est vide.');
  const rows: FileRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i]));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) rows.push({ line: rowNumber, cells });
  });
  const [header, ...data] = rows;
  const headers = (header?.cells ?? []).map(cleanHeader);
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    headers,
    records: {
      async *[Symbol.asyncIterator]() {
        yield* data;
      },
    },
  };
}

/** Opens a file: its format, encoding, delimiter, header line, and the stream of its data records. */
export async function openFile(bytes: Buffer): Promise<OpenedFile> {
  if (bytes.length === 0) throw new ApiError('VALIDATION', 'Le fichier est vide.');
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return openXlsx(bytes);
  if (bytes.includes(0)) throw new ApiError('VALIDATION', UNREADABLE);
  return openCsv(bytes);
}
