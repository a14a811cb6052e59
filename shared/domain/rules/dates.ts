/**
 * Calendar-date arithmetic for the rules. Dates travel as ISO 'YYYY-MM-DD' strings (no time, no time zone).
 *
 * Choice: a string is turned into a date-fns `Date` with `parseISO`, which gives LOCAL midnight of that
 * calendar day, computed on with date-fns calendar functions (`addDays`, `addMonths`, which move the local
 * calendar fields and keep the local time) and turned back with `format(d, 'yyyy-MM-dd')`, which reads the
 * same local fields. Nothing ever goes through `toISOString()` or UTC getters, so the round trip is exact in
 * any time zone, including on days where a DST change skips midnight. ISO strings compare correctly as
 * strings, so comparisons stay on strings.
 *
 * Two kinds of month arithmetic are used (see docs/rules.md):
 * - a DEADLINE ("sous un mois", "dans le délai d'un mois") is `addMonthsIso`: the same day-of-month n months
 *   later, or the last day of that month when it has no such day (31 January + 1 month → 28/29 February),
 *   as in article 641 of the Code de procédure civile;
 * - a DURATION (a contract of n months, `contractEndDate`) covers n whole months: it ends the day before the
 *   same day-of-month n months later; when that day does not exist (31 → February), it ends on the last day
 *   of that month, and the next period starts on the 1st of the following month.
 *
 * These helpers expect valid dates (inputs are validated by the rules' zod schemas first) and throw a
 * RangeError with a French message on an impossible date: that is a programming error, not a user error.
 */
import { addDays, addMonths, differenceInCalendarDays, format, getDate, isValid, parseISO, startOfMonth } from 'date-fns';

export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** true for an existing calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = parseISO(value);
  return isValid(d) && format(d, 'yyyy-MM-dd') === value;
}

/** ISO calendar date → local-midnight Date (for date-fns). */
export function toDate(iso: IsoDate): Date {
  if (!isIsoDate(iso)) throw new RangeError(`Date invalide : « ${String(iso)} » (AAAA-MM-JJ attendu)`);
  return parseISO(iso);
}

/** Date → ISO calendar date, read in local time (the inverse of toDate). */
export const toIso = (d: Date): IsoDate => format(d, 'yyyy-MM-dd');

export const addDaysIso = (iso: IsoDate, days: number): IsoDate => toIso(addDays(toDate(iso), days));

/** Deadline arithmetic: same day-of-month n months later, clamped to the month's last day. */
export const addMonthsIso = (iso: IsoDate, months: number): IsoDate => toIso(addMonths(toDate(iso), months));

/** Number of calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => differenceInCalendarDays(toDate(to), toDate(from));

export const startOfMonthIso = (iso: IsoDate): IsoDate => toIso(startOfMonth(toDate(iso)));

export const isFirstOfMonth = (iso: IsoDate): boolean => isIsoDate(iso) && iso.endsWith('-01');

export const minIso = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxIso = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/**
 * Last day of a period of `months` whole months starting on `start` (the start day counts).
 * 2026-01-15 + 1 month → 2026-02-14; 2026-01-31 + 1 month → 2026-02-28 (2028-01-31 → 2028-02-29);
 * 2026-03-01 + 1 month → 2026-03-31; 2025-08-31 + 6 months → 2026-02-28.
 */
export function contractEndDate(start: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`Durée invalide : ${months} mois`);
  const s = toDate(start);
  const sameDayLater = addMonths(s, months);
  // date-fns clamps to the month's last day when the day-of-month does not exist there: the period then
  // runs to that last day.
  if (getDate(sameDayLater) !== getDate(s)) return toIso(sameDayLater);
  return toIso(addDays(sameDayLater, -1));
}

/** First day after a period of `months` months starting on `start` (where a renewal starts). */
export const nextPeriodStart = (start: IsoDate, months: number): IsoDate => addDaysIso(contractEndDate(start, months), 1);
