/**
 * French typography of the printed documents: dates « 28/11/2026 » and « 28 novembre 2026 » (date-fns, locale
 * fr), amounts « 1 234,50 € » (Intl, fr-FR: U+202F between thousands, U+00A0 before the euro sign), names
 * « DURAND Claire ». Pure functions: the same data always prints the same text.
 */
import { format, isValid, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';

/** What an empty field prints (beside a dotted line to fill in by hand). */
export const NOT_FILLED = 'non renseigné';

const parseDay = (iso: string): Date | undefined => {
  const d = parseISO(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return isValid(d) ? d : undefined;
};

/** 'YYYY-MM-DD' → '28/11/2026'; empty stays empty. */
export function dateFr(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = parseDay(iso);
  return d ? format(d, 'dd/MM/yyyy') : iso;
}

/** 'YYYY-MM-DD' → '28 novembre 2026' (« 1er » on the first of the month). */
export function longDateFr(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = parseDay(iso);
  if (!d) return iso;
  return format(d, d.getDate() === 1 ? 'do MMMM yyyy' : 'd MMMM yyyy', { locale: fr });
}

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

/** « DURAND (épouse MARTIN) Claire Marie »: the surname as the forms print it, then the first names. */
export function fullName(p: { nomPatronymique: string; nomUsage?: string | null | undefined; prenoms: string }): string {
  const usage = p.nomUsage && p.nomUsage !== p.nomPatronymique ? ` (nom d’usage ${p.nomUsage})` : '';
  return `${p.nomPatronymique}${usage} ${p.prenoms}`;
}

/** A period « du 01/12/2026 au 31/05/2027 ». */
export function periodFr(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return '';
  if (!end) return `à partir du ${dateFr(start)}`;
  if (!start) return `jusqu’au ${dateFr(end)}`;
  return `du ${dateFr(start)} au ${dateFr(end)}`;
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
