import { describe, expect, it } from 'vitest';
import { calendarGrid, dayLabel, shiftAnchor, WEEKDAYS } from './calendarModel';

describe('the échéancier’s calendar', () => {
  it('shows whole weeks, Monday first, around the month', () => {
    const grid = calendarGrid('mois', '2026-12-17');
    expect(grid).toMatchObject({ from: '2026-11-30', to: '2027-01-03', label: 'décembre 2026' });
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks[0]![0]).toEqual({ date: '2026-11-30', day: 30, outside: true });
    expect(grid.weeks[0]![1]).toEqual({ date: '2026-12-01', day: 1, outside: false });
    expect(grid.weeks[4]![6]).toEqual({ date: '2027-01-03', day: 3, outside: true });
    // A month starting on a Monday has no day before it (février 2027: lundi 1er).
    expect(calendarGrid('mois', '2027-02-10')).toMatchObject({ from: '2027-02-01', to: '2027-02-28' });
    expect(WEEKDAYS.map(([, long]) => long)).toEqual(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
  });

  it('shows one week, Monday to Sunday, across months and years', () => {
    expect(calendarGrid('semaine', '2026-12-03')).toMatchObject({ from: '2026-11-30', to: '2026-12-06', label: 'semaine du 30 novembre au 6 décembre 2026' });
    expect(calendarGrid('semaine', '2026-12-13')).toMatchObject({ from: '2026-12-07', to: '2026-12-13', label: 'semaine du 7 au 13 décembre 2026' });
    const week = calendarGrid('semaine', '2027-01-01');
    expect(week.from).toBe('2026-12-28');
    expect(week.weeks[0]!.every((d) => !d.outside)).toBe(true);
  });

  it('moves by a month or a week', () => {
    expect(shiftAnchor('mois', '2027-01-31', 1)).toBe('2027-02-28');
    expect(shiftAnchor('mois', '2026-12-03', -1)).toBe('2026-11-03');
    expect(shiftAnchor('semaine', '2026-12-31', 1)).toBe('2027-01-07');
  });

  it('names each day with its counts in words', () => {
    expect(dayLabel('2026-12-03', { enRetard: 2, urgent: 1, aVenir: 0, info: 3 })).toBe('jeudi 3 décembre 2026 : 2 en retard, 1 urgente, 3 pour information');
    expect(dayLabel('2026-12-04', undefined)).toBe('vendredi 4 décembre 2026 : aucune échéance');
  });
});
