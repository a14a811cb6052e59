import { describe, expect, it } from 'vitest';
import { formatEuro, sanctionEnd, sanctionRows } from './format';

const line = (month: string, step: string, allowance: number, reduction: number, totalSuspension = false) => ({
  month,
  step,
  label: `Étape ${step}`,
  montantForfaitaire: 635.71,
  allowance,
  reduction,
  amountPaid: Math.round((allowance - reduction) * 100) / 100,
  totalSuspension,
});

describe('sanction table formatting', () => {
  it('formats amounts in euros the French way (comma, space thousands, € after)', () => {
    expect(formatEuro(100)).toBe('100,00 €');
    expect(formatEuro(1234.5)).toBe('1 234,50 €');
    expect(formatEuro(0)).toBe('0,00 €');
  });

  it('gives one row per month with the amounts and a text flag for total suspension and radiation', () => {
    const rows = sanctionRows({
      lines: [
        line('2027-01-01', 'reduction_initiale', 635.71, 100),
        line('2027-02-01', 'suspension_totale', 635.71, 635.71, true),
        line('2027-06-01', 'radiation', 635.71, 635.71, true),
      ],
    });
    expect(rows.map((r) => [r.month, r.reduction, r.amountPaid, r.flag])).toEqual([
      ['janvier 2027', '100,00 €', '535,71 €', null],
      ['février 2027', '635,71 €', '0,00 €', 'Suspension totale'],
      ['juin 2027', '635,71 €', '0,00 €', 'Radiation'],
    ]);
  });

  it('says what ends the schedule', () => {
    expect(sanctionEnd({ stoppedBy: 'radiation', radiation: '2027-06-01', lines: [] })).toBe('Radiation du dispositif au 01/06/2027.');
    expect(sanctionEnd({ stoppedBy: 'horizon', radiation: null, lines: [line('2027-01-01', 'x', 1, 1)] })).toMatch(/sur 1 mois/);
  });
});
