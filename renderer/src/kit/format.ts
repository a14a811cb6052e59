import { differenceInYears, format, isValid, parseISO } from 'date-fns';
import { plural } from '../../../shared/domain/format';

/** 'YYYY-MM-DD' → a local Date at midnight, or null. */
export function parseIsoDate(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = parseISO(iso);
  return isValid(date) && format(date, 'yyyy-MM-dd') === iso ? date : null;
}

export function toIsoDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** Age in whole years on `today`. */
export function ageFromIsoDate(iso: string, today: Date = new Date()): number | null {
  const date = parseIsoDate(iso);
  return date ? differenceInYears(today, date) : null;
}

export function formatAge(iso: string, today: Date = new Date()): string {
  const age = ageFromIsoDate(iso, today);
  if (age === null) return '';
  return plural(age, 'an', 'ans');
}
