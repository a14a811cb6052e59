import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso, toIso } from './dates';
import {
  contractDeadline,
  openOrientation,
  orientationAt,
  proposeOrientation,
  validateOrientationDecision,
  validateOrientationPeriods,
  type OrientationDecisionInput,
  type OrientationPeriod,
} from './orientation';

const decision = (date: string, over: Partial<OrientationDecisionInput> = {}): OrientationDecisionInput => ({
  date,
  orientation: 'solidarite',
  organismeReferent: 'MDS de Lens',
  correspondant: 'Mme Durand',
  ...over,
});

describe('orientation proposal', () => {
  it('with no information: solidarité, to make a diagnosis', () => {
    const p = proposeOrientation({});
    expect(p.orientation).toBe('solidarite');
    expect(p.reason).toMatch(/En l’absence d’élément.*diagnostic/);
    expect(proposeOrientation({ ede: null }).orientation).toBe('solidarite');
  });

  it('follows the EDE proposal, and leaves the middle band to the EP/EO', () => {
    expect(proposeOrientation({ ede: { proposal: 'professionnelle_pole_emploi' } }).orientation).toBe('professionnelle_pole_emploi');
    expect(proposeOrientation({ ede: { proposal: 'solidarite' } }).orientation).toBe('solidarite');
    const mid = proposeOrientation({ ede: { proposal: 'decision_ep_eo' } });
    expect(mid.orientation).toBeNull();
    expect(mid.reason).toMatch(/se prononce/);
  });
});

describe('orientation decision', () => {
  it('requires the organisme référent and the correspondant', () => {
    const r = validateOrientationDecision(decision('2026-01-10', { organismeReferent: ' ', correspondant: '' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { path: 'organismeReferent', message: 'Organisme référent : ce champ est obligatoire' },
        { path: 'correspondant', message: 'Correspondant : ce champ est obligatoire' },
      ]);
    }
    expect(validateOrientationDecision(decision('2026-01-10')).ok).toBe(true);
  });

  it('refuses an unknown orientation and an impossible date', () => {
    const r = validateOrientationDecision({ ...decision('2026-02-30'), orientation: 'autre' as never });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['date', 'orientation']);
  });
});

describe('contractDeadline', () => {
  it('CERS: 2 months; CERP and PPAE: 1 month, from the decision date', () => {
    expect(contractDeadline({ date: '2026-01-10', orientation: 'solidarite' })).toMatchObject({ contractKind: 'CERS', months: 2, deadline: '2026-03-10' });
    expect(contractDeadline({ date: '2026-01-10', orientation: 'professionnelle_autre' })).toMatchObject({ contractKind: 'CERP', months: 1, deadline: '2026-02-10' });
    expect(contractDeadline({ date: '2026-01-10', orientation: 'professionnelle_pole_emploi' })).toMatchObject({ contractKind: 'PPAE', months: 1 });
  });

  it('a decision on 31 January: CERP by 28 February, CERS by 31 March; 29 February in a leap year', () => {
    expect(contractDeadline({ date: '2026-01-31', orientation: 'professionnelle_autre' }).deadline).toBe('2026-02-28');
    expect(contractDeadline({ date: '2028-01-31', orientation: 'professionnelle_autre' }).deadline).toBe('2028-02-29');
    expect(contractDeadline({ date: '2025-12-31', orientation: 'solidarite' }).deadline).toBe('2026-02-28');
    expect(contractDeadline({ date: '2026-01-31', orientation: 'solidarite' }).rule).toMatch(/sous deux mois.*31\/03\/2026/);
  });
});

describe('openOrientation', () => {
  it('opens the first period on the decision date', () => {
    const r = openOrientation([], decision('2026-01-10'));
    expect(r.ok && r.periods).toEqual([{ ...decision('2026-01-10'), start: '2026-01-10', end: null }]);
    expect(r.ok && r.closed).toBeNull();
  });

  it('closes the current period the day before the new decision', () => {
    const first = openOrientation([], decision('2026-01-10'));
    if (!first.ok) throw new Error();
    const r = openOrientation(first.periods, decision('2026-03-01', { orientation: 'professionnelle_autre' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.periods.map((p) => [p.orientation, p.start, p.end])).toEqual([
      ['solidarite', '2026-01-10', '2026-02-28'],
      ['professionnelle_autre', '2026-03-01', null],
    ]);
    expect(orientationAt(r.periods, '2026-02-28')?.orientation).toBe('solidarite');
    expect(orientationAt(r.periods, '2026-03-01')?.orientation).toBe('professionnelle_autre');
  });

  it('refuses a decision dated before (or on) the current period’s start', () => {
    const first = openOrientation([], decision('2026-01-10'));
    if (!first.ok) throw new Error();
    for (const date of ['2026-01-09', '2026-01-10']) {
      const r = openOrientation(first.periods, decision(date));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toEqual({ path: 'decision.date', message: expect.stringMatching(/ne peut pas précéder/) });
    }
  });

  it('refuses a decision inside a closed past period, and an incomplete decision', () => {
    const closed: OrientationPeriod[] = [{ ...decision('2026-01-10'), start: '2026-01-10', end: '2026-06-30' }];
    expect(openOrientation(closed, decision('2026-06-30')).ok).toBe(false);
    expect(openOrientation(closed, decision('2026-07-01')).ok).toBe(true);
    const r = openOrientation(closed, decision('2026-07-01', { correspondant: '' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe('decision.correspondant');
  });

  it('refuses overlapping or badly ordered periods given as input', () => {
    const r = validateOrientationPeriods([
      { ...decision('2026-01-10'), start: '2026-01-10', end: '2026-03-31' },
      { ...decision('2026-03-15'), start: '2026-03-15', end: null },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe('1.start');
  });

  it('property: successive decisions never give overlapping periods, and only the last is open', () => {
    const gapsArb = fc.array(fc.integer({ min: -30, max: 400 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.date({ min: new Date(2000, 0, 1), max: new Date(2030, 0, 1), noInvalidDate: true }), gapsArb, (d0, gaps) => {
        let periods: OrientationPeriod[] = [];
        let date = toIso(d0);
        for (const gap of gaps) {
          date = addDaysIso(date, gap);
          const r = openOrientation(periods, decision(date));
          const current = periods.at(-1);
          if (current && date <= current.start) {
            expect(r.ok).toBe(false);
            continue;
          }
          expect(r.ok).toBe(true);
          if (r.ok) periods = r.periods;
        }
        expect(validateOrientationPeriods(periods).ok).toBe(true);
        for (let i = 1; i < periods.length; i++) {
          const prev = periods[i - 1]!;
          expect(prev.end).not.toBeNull();
          expect(addDaysIso(prev.end!, 1)).toBe(periods[i]!.start);
          expect(prev.start <= prev.end!).toBe(true);
        }
        expect(periods.at(-1)?.end ?? null).toBeNull();
      }),
    );
  });
});
