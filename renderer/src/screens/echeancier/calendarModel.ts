import { addMonths, addWeeks, eachDayOfInterval, endOfMonth, endOfWeek, format, isSameMonth, startOfMonth, startOfWeek } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import { plural } from '../../../../shared/domain/format';
import type { Severity } from '../../../../shared/domain/rules/echeancier';
import { parseIsoDate, toIsoDate } from '../../kit/format';

/** The échéancier's calendar: a month (whole weeks) or a week, Monday first, in French. */
export type CalendarMode = 'mois' | 'semaine';

export interface CalendarDay {
  date: string;
  /** Day of the month shown (« 1 », « 2 »…). */
  day: number;
  /** Outside the month shown (the days that complete its first and last weeks). */
  outside: boolean;
}

export interface CalendarGrid {
  from: string;
  to: string;
  weeks: CalendarDay[][];
  /** « décembre 2026 », « semaine du 30 novembre au 6 décembre 2026 ». */
  label: string;
}

const MONDAY = { weekStartsOn: 1 } as const;

const dateOf = (iso: string): Date => parseIsoDate(iso) ?? new Date();

/** The grid of the month or the week around `anchor` ('YYYY-MM-DD'). */
export function calendarGrid(mode: CalendarMode, anchor: string): CalendarGrid {
  const a = dateOf(anchor);
  const start = mode === 'mois' ? startOfWeek(startOfMonth(a), MONDAY) : startOfWeek(a, MONDAY);
  const end = mode === 'mois' ? endOfWeek(endOfMonth(a), MONDAY) : endOfWeek(a, MONDAY);
  const days = eachDayOfInterval({ start, end }).map((d) => ({ date: toIsoDate(d), day: d.getDate(), outside: mode === 'mois' && !isSameMonth(d, a) }));
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const label =
    mode === 'mois'
      ? format(a, 'MMMM yyyy', { locale: fr })
      : `semaine du ${format(start, start.getMonth() === end.getMonth() ? 'd' : 'd MMMM', { locale: fr })} au ${format(end, 'd MMMM yyyy', { locale: fr })}`;
  return { from: toIsoDate(start), to: toIsoDate(end), weeks, label };
}

/** The month or the week before (-1) or after (+1). */
export function shiftAnchor(mode: CalendarMode, anchor: string, delta: number): string {
  const a = dateOf(anchor);
  return toIsoDate(mode === 'mois' ? addMonths(a, delta) : addWeeks(a, delta));
}

/** The weekdays' names, Monday first: [« lun. », « lundi »]… */
export const WEEKDAYS: readonly (readonly [string, string])[] = eachDayOfInterval({
  start: startOfWeek(new Date(2026, 0, 7), MONDAY),
  end: endOfWeek(new Date(2026, 0, 7), MONDAY),
}).map((d) => [format(d, 'EEE', { locale: fr }), format(d, 'EEEE', { locale: fr })] as const);

export type DayCounts = Record<'enRetard' | 'urgent' | 'aVenir' | 'info', number>;

/** The counts of a day, in the severities' order, with their words (« 2 en retard », « 1 urgente »). */
export const DAY_COUNT_PARTS: readonly { key: keyof DayCounts; severity: Severity; words: (n: number) => string }[] = [
  { key: 'enRetard', severity: 'en_retard', words: (n) => `${n} en retard` },
  { key: 'urgent', severity: 'urgent', words: (n) => plural(n, 'urgente', 'urgentes') },
  { key: 'aVenir', severity: 'a_venir', words: (n) => `${n} à venir` },
  { key: 'info', severity: 'info', words: (n) => `${n} pour information` },
];

/** « 3 décembre 2026 : 2 en retard, 1 urgente » or « 3 décembre 2026 : aucune échéance ». */
export function dayLabel(date: string, counts: DayCounts | undefined): string {
  const parts = DAY_COUNT_PARTS.filter((p) => (counts?.[p.key] ?? 0) > 0).map((p) => p.words(counts![p.key]));
  return `${format(dateOf(date), 'EEEE d MMMM yyyy', { locale: fr })} : ${parts.length > 0 ? parts.join(', ') : 'aucune échéance'}`;
}
