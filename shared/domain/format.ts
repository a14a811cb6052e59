/**
 * The one French spelling of what the screens, the printed papers and the EP letters show about people and
 * time: a person's name, a date (a date and time), a count with its plural, a word agreeing with its noun.
 * Pure functions (date-fns only, no DOM, no Node): the same data always reads the same, everywhere.
 */
import { format, isValid, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import { isIsoDate } from './rules/dates';

// --- Names ---------------------------------------------------------------------------------------------------

export interface PersonNameParts {
  nomPatronymique: string;
  nomUsage?: string | null | undefined;
  prenoms: string;
}

const upper = (value: string): string => value.trim().toLocaleUpperCase('fr-FR');

/**
 * « LEFÈVRE (nom d’usage DUPRÉ) Hélène Françoise »: the birth name in capitals, the usage name when it differs,
 * then the first names — the order of the handbook's forms (« Nom patronymique … Prénom »).
 */
export function personName(p: PersonNameParts): string {
  const birth = upper(p.nomPatronymique);
  const usage = p.nomUsage ? upper(p.nomUsage) : '';
  const nom = usage && usage !== birth ? `${birth} (nom d’usage ${usage})` : birth;
  return `${nom} ${p.prenoms.trim()}`.trim();
}

// --- Dates ---------------------------------------------------------------------------------------------------

/** 'short': « 28/11/2026 »; 'long': « 28 novembre 2026 » (« 1er » on the first); 'month': « novembre 2026 ». */
export type DateStyle = 'short' | 'long' | 'month';

/** A calendar day 'YYYY-MM-DD' (or an ISO instant: its local day) as a Date, or undefined. */
function dayOf(iso: string): Date | undefined {
  const calendarDay: boolean = isIsoDate(iso as unknown);
  if (calendarDay) return parseISO(iso);
  if (iso.length <= 10) return undefined;
  const instant = parseISO(iso);
  return isValid(instant) ? instant : undefined;
}

/**
 * A date the French way, in one of three styles (short by default). Empty stays empty; a text that is not a
 * date prints as it is (an old record still reads).
 */
export function formatDate(iso: string | null | undefined, style: DateStyle = 'short'): string {
  if (!iso) return '';
  const d = dayOf(iso);
  if (!d) return iso;
  switch (style) {
    case 'short':
      return format(d, 'dd/MM/yyyy');
    case 'long':
      return format(d, d.getDate() === 1 ? 'do MMMM yyyy' : 'd MMMM yyyy', { locale: fr });
    case 'month':
      return format(d, 'MMMM yyyy', { locale: fr });
  }
}

/** An instant (ISO 8601 text or Date) → « 28/11/2026 à 14:05 », local time. */
export function formatDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const d = typeof instant === 'string' ? parseISO(instant) : instant;
  if (!isValid(d)) return typeof instant === 'string' ? instant : '';
  return format(d, "dd/MM/yyyy 'à' HH:mm", { locale: fr });
}

// --- Plurals and agreement -----------------------------------------------------------------------------------

/** The singular or the plural form: French keeps the singular below 2 (0, 1, 1,5 and their negatives). */
export function pluralForm(count: number, one: string, many: string): string {
  return Math.abs(count) < 2 ? one : many;
}

/** The count and its words, agreed: « 0 dossier inscrit », « 1 dossier inscrit », « 3 dossiers inscrits ». */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${pluralForm(count, one, many)}`;
}

/** Gender and number of the noun a word agrees with: masculine (default) or feminine, singular or plural. */
export type Agreement = 'm' | 'f' | 'mp' | 'fp';

/**
 * A regular adjective or past participle (the last word of `word`) agreed with its noun: « renseigné » → 'f'
 * « renseignée », 'mp' « renseignés », 'fp' « renseignées ». A final « e » is not doubled, a final « s » or
 * « x » not repeated. Irregular words (« nouveau », « actif ») are written out instead.
 */
export function agree(word: string, agreement: Agreement = 'm'): string {
  const feminine = agreement === 'f' || agreement === 'fp';
  const pluralNoun = agreement === 'mp' || agreement === 'fp';
  let agreed = word;
  if (feminine && !/e$/i.test(agreed)) agreed += 'e';
  if (pluralNoun && !/[sx]$/i.test(agreed)) agreed += 's';
  return agreed;
}

/** What an empty field says: « non renseigné », agreed with the field's noun (« Date : non renseignée »). */
export const notFilled = (agreement: Agreement = 'm'): string => agree('non renseigné', agreement);
