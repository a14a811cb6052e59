import { describe, expect, it } from 'vitest';
import { evaluateIncomeThreshold, maintainedUntil } from './revenus';

const months = (from: string, amounts: number[]) =>
  amounts.map((amount, i) => {
    const [y, m] = from.split('-').map(Number) as [number, number];
    const total = y * 12 + (m - 1) + i;
    return { month: `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`, amount };
  });

describe('fiche J.1: income above 500 €', () => {
  it('under the threshold: droits et devoirs unchanged', () => {
    const r = evaluateIncomeThreshold({ today: '2026-06-15', incomes: months('2026-01', [0, 300, 499.99]) });
    expect(r.ok && r.status).toBe('sous_le_seuil');
    expect(r.ok && r.maintainedUntil).toBeNull();
  });

  it('the accompaniment goes on at least 6 months from the crossing, then may end', () => {
    const incomes = months('2026-01', [200, 650, 700, 800]);
    const during = evaluateIncomeThreshold({ today: '2026-04-20', incomes });
    expect(during.ok && during).toMatchObject({ status: 'accompagnement_maintenu', crossedOn: '2026-02-01', maintainedUntil: '2026-08-01' });
    expect(during.ok && during.explanation).toMatch(/au moins jusqu’au 01\/08\/2026/);
    const lastDay = evaluateIncomeThreshold({ today: '2026-07-31', incomes: [...incomes, ...months('2026-05', [600, 600, 600])] });
    expect(lastDay.ok && lastDay.status).toBe('accompagnement_maintenu');
    const after = evaluateIncomeThreshold({ today: '2026-08-01', incomes: [...incomes, ...months('2026-05', [600, 600, 600, 600])] });
    expect(after.ok && after.status).toBe('fin_possible');
  });

  it('going back under 500 € resets the crossing', () => {
    const r = evaluateIncomeThreshold({ today: '2026-09-10', incomes: months('2026-01', [650, 700, 400, 600, 600, 600, 600, 600, 600]) });
    expect(r.ok && r.crossedOn).toBe('2026-04-01');
    expect(r.ok && r.status).toBe('accompagnement_maintenu');
    const under = evaluateIncomeThreshold({ today: '2026-09-10', incomes: months('2026-01', [650, 700, 700, 700, 700, 700, 700, 700, 300]) });
    expect(under.ok && under.status).toBe('sous_le_seuil');
  });

  it('500 € exactly counts as crossing; incomes after today are ignored; a 31 August crossing keeps the month', () => {
    const r = evaluateIncomeThreshold({ today: '2026-03-10', incomes: [...months('2026-02', [500]), ...months('2026-04', [100])] });
    expect(r.ok && r.crossedOn).toBe('2026-02-01');
    expect(maintainedUntil('2026-08-31')).toBe('2027-02-28');
  });

  it('refuses two incomes for one month and bad values', () => {
    const dup = evaluateIncomeThreshold({ today: '2026-06-01', incomes: [{ month: '2026-02-01', amount: 600 }, { month: '2026-02-15', amount: 600 }] });
    expect(!dup.ok && dup.errors[0]?.message).toMatch(/Deux revenus/);
    const neg = evaluateIncomeThreshold({ today: '2026-06-01', incomes: [{ month: '2026-02-01', amount: -1 }] });
    expect(!neg.ok && neg.errors[0]?.path).toBe('incomes.0.amount');
  });
});
