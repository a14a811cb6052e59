import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { montantForfaitaire } from '../referentials/rsa-amounts';
import { addDaysIso, addMonthsIso } from './dates';
import { sanctionSchedule, type SanctionSchedule, type SanctionScheduleInput } from './sanctions';

const run = (input: SanctionScheduleInput): SanctionSchedule => {
  const r = sanctionSchedule(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};
const alone = { couple: false, dependants: 0 };
const couple = { couple: true, dependants: 1 };

describe('non-conclusion / non-renouvellement', () => {
  it('person alone: −100 € one month, then the whole RSA, radiation after 4 months of total suspension', () => {
    const s = run({ kind: 'non_conclusion', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69 });
    expect(s.personAlone).toBe(true);
    expect(s.lines.map((l) => [l.month, l.step, l.reduction, l.amountPaid])).toEqual([
      ['2026-05-01', 'reduction_initiale', 100, 551.69],
      ['2026-06-01', 'suspension_totale', 651.69, 0],
      ['2026-07-01', 'suspension_totale', 651.69, 0],
      ['2026-08-01', 'suspension_totale', 651.69, 0],
      ['2026-09-01', 'suspension_totale', 651.69, 0],
      ['2026-10-01', 'radiation', 651.69, 0],
    ]);
    expect(s.stoppedBy).toBe('radiation');
    expect(s.radiation).toBe('2026-10-01');
    expect(s.lines.at(-1)?.label).toMatch(/Radiation du dispositif au 01\/10\/2026/);
  });

  it('couple: half the montant forfaitaire of the foyer until signature, no radiation while something is paid', () => {
    const mf = 977.54;
    const s = run({ kind: 'non_conclusion', start: '2026-05-01', household: couple, montantForfaitaire: mf, allowance: 800, horizonMonths: 8 });
    expect(s.lines[0]).toMatchObject({ step: 'reduction_initiale', reduction: 100, amountPaid: 700 });
    expect(s.lines[1]).toMatchObject({ step: 'reduction_moitie', reduction: 488.77, amountPaid: 311.23, totalSuspension: false });
    expect(s.lines).toHaveLength(8);
    expect(s.stoppedBy).toBe('horizon');
    expect(s.radiation).toBeNull();
  });

  it('stops when the contract is signed: the month starting on or after the signature is not sanctioned', () => {
    const s = run({ kind: 'non_conclusion', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69, contractSignedOn: '2026-07-15' });
    expect(s.lines.map((l) => l.month)).toEqual(['2026-05-01', '2026-06-01', '2026-07-01']);
    expect(s.stoppedBy).toBe('signature');
    const onFirst = run({ kind: 'non_conclusion', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69, contractSignedOn: '2026-07-01' });
    expect(onFirst.lines).toHaveLength(2);
    const before = run({ kind: 'non_conclusion', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69, contractSignedOn: '2026-04-20' });
    expect(before.lines).toEqual([]);
  });

  it('a couple whose half montant forfaitaire absorbs the whole allowance is totally suspended, then radiated', () => {
    const s = run({ kind: 'non_conclusion', start: '2026-05-01', household: couple, montantForfaitaire: 977.54, allowance: 300 });
    expect(s.lines.slice(1, 5).every((l) => l.totalSuspension && l.reduction === 300 && l.amountPaid === 0)).toBe(true);
    expect(s.radiation).toBe('2026-10-01');
  });

  it('non-renouvellement follows the same schedule as non-conclusion', () => {
    const a = run({ kind: 'non_renouvellement', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69 });
    const b = run({ kind: 'non_conclusion', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69 });
    expect(a.lines.map((l) => [l.step, l.reduction])).toEqual(b.lines.map((l) => [l.step, l.reduction]));
    expect(sanctionSchedule({ kind: 'non_renouvellement', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69, breachEndedOn: '2026-06-01' }).ok).toBe(false);
  });

  it('the first month is fixed at 100 € and never above the allowance', () => {
    expect(sanctionSchedule({ kind: 'non_conclusion', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69, firstReduction: 50 }).ok).toBe(false);
    const small = run({ kind: 'non_conclusion', start: '2026-05-01', household: couple, montantForfaitaire: 977.54, allowance: 60, horizonMonths: 2 });
    expect(small.lines[0]).toMatchObject({ reduction: 60, amountPaid: 0 });
  });
});

describe('non-respect of the contract', () => {
  it('person alone: first month (parameter), then the whole RSA for 4 months, radiation if the breach goes on', () => {
    const s = run({ kind: 'non_respect', start: '2026-05-01', household: alone, montantForfaitaire: 651.69, allowance: 651.69, firstReduction: 150 });
    expect(s.lines.map((l) => [l.step, l.reduction])).toEqual([
      ['reduction_initiale', 150],
      ['suspension_totale', 651.69],
      ['suspension_totale', 651.69],
      ['suspension_totale', 651.69],
      ['suspension_totale', 651.69],
      ['radiation', 651.69],
    ]);
    expect(s.radiation).toBe('2026-10-01');
  });

  it('couple: −50 % for 4 months, then total suspension while the breach goes on, radiation after 4 such months', () => {
    const s = run({ kind: 'non_respect', start: '2026-05-01', household: couple, montantForfaitaire: 977.54, allowance: 900 });
    expect(s.lines.map((l) => l.step)).toEqual([
      'reduction_initiale',
      'reduction_moitie',
      'reduction_moitie',
      'reduction_moitie',
      'reduction_moitie',
      'suspension_totale',
      'suspension_totale',
      'suspension_totale',
      'suspension_totale',
      'radiation',
    ]);
    expect(s.lines[0]?.reduction).toBe(100);
    expect(s.radiation).toBe('2027-02-01');
  });

  it('ends with the breach (or a signature), without radiation', () => {
    const s = run({ kind: 'non_respect', start: '2026-05-01', household: couple, montantForfaitaire: 977.54, allowance: 900, breachEndedOn: '2026-09-20' });
    expect(s.lines).toHaveLength(5);
    expect(s.stoppedBy).toBe('fin_manquement');
    expect(s.radiation).toBeNull();
  });

  it('uses the montant forfaitaire of each month (referential, April revaluation)', () => {
    const s = run({
      kind: 'non_respect',
      start: '2026-02-01',
      household: couple,
      montantForfaitaire: (month) => montantForfaitaire(month, couple),
      allowance: 900,
      breachEndedOn: '2026-06-01',
    });
    expect(s.lines[1]?.month).toBe('2026-03-01');
    expect(s.lines[1]?.montantForfaitaire).toBe(montantForfaitaire('2026-03-01', couple));
    expect(s.lines[2]?.montantForfaitaire).toBe(montantForfaitaire('2026-04-01', couple));
    expect(s.lines[2]?.montantForfaitaire).toBeGreaterThan(s.lines[1]!.montantForfaitaire);
    expect(s.lines[2]?.reduction).toBe(Math.round((montantForfaitaire('2026-04-01', couple) / 2) * 100) / 100);
  });

  it('refuses when the montant forfaitaire of a month is unknown, and bad input', () => {
    const r = sanctionSchedule({ kind: 'non_respect', start: '2008-01-01', household: couple, montantForfaitaire: (m) => montantForfaitaire(m, couple), allowance: 500 });
    expect(!r.ok && r.errors[0]).toEqual({ path: 'montantForfaitaire', message: 'Montant forfaitaire introuvable pour le mois du 01/01/2008.' });
    const bad = sanctionSchedule({ kind: 'non_respect', start: '2026-05-15', household: { couple: true, dependants: -1 }, montantForfaitaire: 0, allowance: 500 });
    expect(!bad.ok && bad.errors.map((e) => e.path).sort()).toEqual(['household.dependants', 'montantForfaitaire', 'start']);
  });
});

describe('properties of the schedule', () => {
  const inputArb = fc.record({
    kind: fc.constantFrom('non_conclusion' as const, 'non_renouvellement' as const, 'non_respect' as const),
    startIndex: fc.integer({ min: 0, max: 120 }),
    household: fc.record({ couple: fc.boolean(), dependants: fc.integer({ min: 0, max: 5 }) }),
    mf: fc.integer({ min: 30000, max: 200000 }).map((c) => c / 100),
    allowance: fc.integer({ min: 1, max: 200000 }).map((c) => c / 100),
    signedAfter: fc.option(fc.integer({ min: -40, max: 900 }), { nil: undefined }),
    firstReduction: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
  });

  it('amounts within [0, allowance], stops at signature, radiation only after 4 full-suspension months', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const start = addMonthsIso('2015-01-01', x.startIndex);
        const signedOn = x.signedAfter === undefined ? undefined : addDaysIso(start, x.signedAfter);
        const s = run({
          kind: x.kind,
          start,
          household: x.household,
          montantForfaitaire: x.mf,
          allowance: x.allowance,
          contractSignedOn: signedOn,
          firstReduction: x.kind === 'non_respect' ? x.firstReduction : undefined,
          horizonMonths: 36,
        });
        for (const l of s.lines) {
          expect(l.reduction).toBeGreaterThanOrEqual(0);
          expect(l.reduction).toBeLessThanOrEqual(l.allowance);
          expect(l.amountPaid).toBeGreaterThanOrEqual(0);
          expect(l.amountPaid).toBeLessThanOrEqual(l.allowance);
          expect(Math.abs(l.amountPaid + l.reduction - l.allowance)).toBeLessThan(0.005);
          if (signedOn) expect(l.month < signedOn).toBe(true);
        }
        if (signedOn && s.stoppedBy !== 'radiation') {
          expect(s.stoppedBy === 'signature' || s.stoppedBy === 'horizon').toBe(true);
        }
        s.lines.forEach((l, i) => {
          if (l.step === 'radiation') {
            expect(i).toBe(s.lines.length - 1);
            const previous4 = s.lines.slice(i - 4, i);
            expect(previous4).toHaveLength(4);
            expect(previous4.every((p) => p.totalSuspension && p.amountPaid === 0)).toBe(true);
          }
        });
        // Radiation happens as soon as 4 full-suspension months have passed (unless signed first).
        let run4 = 0;
        for (const l of s.lines) {
          if (l.step === 'radiation') break;
          run4 = l.totalSuspension ? run4 + 1 : 0;
          expect(run4).toBeLessThanOrEqual(4);
        }
      }),
    );
  });
});
