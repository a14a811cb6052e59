/**
 * French typography of the printed documents: amounts « 1 234,50 € » (Intl, fr-FR: U+202F between thousands,
 * U+00A0 before the euro sign), periods, yes/no, file names, capitals. Names, dates, plurals and « non
 * renseigné(e) » come from shared/domain/format.ts, as on the screens. Pure functions: the same data always
 * prints the same text.
 */
import { formatDate } from '../../shared/domain/format';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** 1234.5 → '1 234,50 €' (fr-FR, narrow no-break space between thousands). */
export function amountFr(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : euros.format(value);
}

/** 1234 → '1 234'. */
export function integerFr(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : integer.format(value);
}

/** 'Oui' / 'Non' / '' for a yes/no field. */
export function yesNoFr(value: boolean | null | undefined): string {
  return value === null || value === undefined ? '' : value ? 'Oui' : 'Non';
}

/** A period « du 01/12/2026 au 31/05/2027 ». */
export function periodFr(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return '';
  if (!end) return `à partir du ${formatDate(start)}`;
  if (!start) return `jusqu’au ${formatDate(end)}`;
  return `du ${formatDate(start)} au ${formatDate(end)}`;
}

/** Trimmed text, or '' for null/undefined/blank. */
export const text = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value).trim();

/** A file name without characters Windows refuses, accents kept. */
export function safeFileName(name: string): string {
  return name
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
}

/**
 * Capitals, done on the text itself: react-pdf measures a `textTransform: 'uppercase'` text before
 * transforming it, so a title that wraps once in capitals overlaps what follows.
 */
export const upper = (value: string): string => value.toLocaleUpperCase('fr-FR');
