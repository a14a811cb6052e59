import fc from 'fast-check';
import { addMonths } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addDaysIso, addMonthsIso, contractEndDate, daysBetween, isIsoDate, nextPeriodStart, toDate, toIso } from './dates';

/** Arbitrary calendar dates 1990–2100 as ISO strings. */
const isoDateArb = fc
  .date({ min: new Date(1990, 0, 1), max: new Date(2100, 11, 31), noInvalidDate: true })
  .map((d) => toIso(d));

describe('ISO calendar dates', () => {
  it('accepts only existing dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('01/02/2026')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it('round-trips every date through toDate/toIso', () => {
    fc.assert(fc.property(isoDateArb, (iso) => toIso(toDate(iso)) === iso));
  });

  it('throws a French RangeError on an impossible date (programming error)', () => {
    expect(() => toDate('2026-02-30')).toThrow(/Date invalide/);
  });

  it('adds days across month, year and DST changes', () => {
    expect(addDaysIso('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDaysIso('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDaysIso('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysIso('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('gives the same calendar results in time zones whose DST change skips midnight', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Santiago', 'America/Sao_Paulo', 'Asia/Tehran', 'Europe/Paris', 'Pacific/Apia']) {
        process.env.TZ = tz;
        expect(toIso(toDate('2022-09-11')), tz).toBe('2022-09-11');
        expect(addDaysIso('2022-09-10', 1), tz).toBe('2022-09-11');
        expect(addDaysIso('2018-11-03', 2), tz).toBe('2018-11-05');
        expect(contractEndDate('2022-08-11', 1), tz).toBe('2022-09-10');
        expect(addMonthsIso('2022-08-11', 1), tz).toBe('2022-09-11');
        expect(daysBetween('2022-09-01', '2022-10-01'), tz).toBe(30);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('deadline arithmetic clamps to the last day of the month', () => {
    expect(addMonthsIso('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsIso('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsIso('2026-01-15', 2)).toBe('2026-03-15');
  });
});

describe('contractEndDate (start + n months − 1 day, whole months)', () => {
  it('ends the day before the same day-of-month', () => {
    expect(contractEndDate('2026-01-15', 1)).toBe('2026-02-14');
    expect(contractEndDate('2026-03-01', 1)).toBe('2026-03-31');
    expect(contractEndDate('2026-01-01', 12)).toBe('2026-12-31');
    expect(contractEndDate('2026-07-10', 6)).toBe('2027-01-09');
  });

  it('31 January + 1 month ends on 28 February (29 in a leap year)', () => {
    expect(contractEndDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(nextPeriodStart('2026-01-31', 1)).toBe('2026-03-01');
    expect(contractEndDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(contractEndDate('2028-01-30', 1)).toBe('2028-02-29');
    expect(contractEndDate('2028-01-29', 1)).toBe('2028-02-28');
  });

  it('29 February: a contract starting on it, and years later', () => {
    expect(contractEndDate('2028-02-29', 1)).toBe('2028-03-28');
    expect(contractEndDate('2028-02-29', 12)).toBe('2029-02-28');
    expect(nextPeriodStart('2028-02-29', 12)).toBe('2029-03-01');
    expect(contractEndDate('2027-02-28', 12)).toBe('2028-02-27');
  });

  it('31 August + 6 months ends on the last day of February', () => {
    expect(contractEndDate('2025-08-31', 6)).toBe('2026-02-28');
    expect(contractEndDate('2027-08-31', 6)).toBe('2028-02-29');
  });

  it('refuses a duration that is not a positive whole number of months', () => {
    expect(() => contractEndDate('2026-01-01', 0)).toThrow(RangeError);
    expect(() => contractEndDate('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('property: end ≥ start, and end + 1 day is start + n months (1st of the next month when that day does not exist)', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 1, max: 24 }), (start, n) => {
        const end = contractEndDate(start, n);
        expect(end >= start).toBe(true);
        const next = addDaysIso(end, 1);
        const sameDay = toIso(addMonths(toDate(start), n));
        if (sameDay.slice(8) === start.slice(8)) {
          expect(next).toBe(sameDay);
        } else {
          // The day does not exist n months later: the period runs to the month's end.
          expect(next).toBe(`${toIso(addMonths(toDate(`${start.slice(0, 8)}01`), n + 1)).slice(0, 8)}01`);
          expect(end).toBe(sameDay);
        }
      }),
    );
  });

  it('property: a period covers at least n×28 and at most n×31 days', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 1, max: 12 }), (start, n) => {
        const days = daysBetween(start, contractEndDate(start, n)) + 1;
        return days >= n * 28 && days <= n * 31 + 3;
      }),
    );
  });
});
