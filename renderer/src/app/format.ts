import { differenceInYears, format, isValid, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale/fr';

/** 'YYYY-MM-DD' → 'dd/MM/yyyy' ('' when empty or not a date). */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = parseIsoDate(iso);
  return date ? format(date, 'dd/MM/yyyy') : iso;
}

/** An instant (ISO 8601) → 'dd/MM/yyyy à HH:mm', local time. */
export function formatDateTime(instant: string): string {
  const date = parseISO(instant);
  return isValid(date) ? format(date, "dd/MM/yyyy 'à' HH:mm", { locale: fr }) : instant;
}

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
  return age < 2 ? `${age} an` : `${age} ans`;
}

/** "NOM D’USAGE (née NOM) Prénoms" style display name, usage name first. */
export function displayPersonName(p: { nomUsage?: string | undefined; nomPatronymique: string; prenoms: string }): string {
  const usage = p.nomUsage?.trim();
  const birth = p.nomPatronymique.trim().toUpperCase();
  const lastName = usage && usage.toUpperCase() !== birth ? `${usage.toUpperCase()} (${birth})` : birth;
  return `${lastName} ${p.prenoms}`.trim();
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count < 2 ? one : many}`;
}
