import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RSA_BASE_AMOUNTS,
  baseAmountAt,
  baseAmountTableProblems,
  householdCoefficient,
  montantForfaitaire,
  montantForfaitaireMajore,
  withBaseAmount,
} from './rsa-amounts';

describe('montants de base datés', () => {
  it('reprend la table de domain-notes §4', () => {
    expect(RSA_BASE_AMOUNTS.data).toEqual([
      { from: '2009-06-01', amount: 454.63 },
      { from: '2010-01-01', amount: 460.09 },
      { from: '2011-01-01', amount: 466.99 },
      { from: '2012-01-01', amount: 474.93 },
      { from: '2025-04-01', amount: 646.52 },
      { from: '2026-04-01', amount: 651.69 },
    ]);
    expect(baseAmountTableProblems(RSA_BASE_AMOUNTS.data)).toEqual([]);
  });

  it('applique le montant du jour du changement, et l’ancien la veille', () => {
    expect(baseAmountAt('2009-06-01')).toBe(454.63);
    expect(baseAmountAt('2009-12-31')).toBe(454.63);
    expect(baseAmountAt('2010-01-01')).toBe(460.09);
    expect(baseAmountAt('2010-12-31')).toBe(460.09);
    expect(baseAmountAt('2011-01-01')).toBe(466.99);
    expect(baseAmountAt('2012-01-01')).toBe(474.93);
    expect(baseAmountAt('2025-03-31')).toBe(474.93); // missing years are not guessed: latest entry in force
    expect(baseAmountAt('2025-04-01')).toBe(646.52);
    expect(baseAmountAt('2026-03-31')).toBe(646.52);
    expect(baseAmountAt('2026-04-01')).toBe(651.69);
    expect(baseAmountAt('2040-01-01')).toBe(651.69);
    expect(baseAmountAt(new Date(2025, 3, 1, 12))).toBe(646.52);
  });

  it('refuse en français une date antérieure au 01/06/2009 ou invalide', () => {
    expect(() => baseAmountAt('2009-05-31')).toThrow(
      'Aucun montant forfaitaire du RSA n’est connu au 31/05/2009 : le premier montant de la table s’applique à partir du 01/06/2009.',
    );
    expect(() => baseAmountAt('1999-01-01')).toThrow(/Aucun montant forfaitaire/);
    expect(() => baseAmountAt('2025-02-30')).toThrow('Cette date n’existe pas.');
    expect(() => baseAmountAt('01/06/2025')).toThrow(/AAAA-MM-JJ/);
    expect(() => baseAmountAt(new Date(Number.NaN))).toThrow('Date invalide.');
  });

  it('ne dépend pas de l’ordre de la table', () => {
    const shuffled = { ...RSA_BASE_AMOUNTS, data: [...RSA_BASE_AMOUNTS.data].reverse() };
    expect(baseAmountAt('2011-06-15', shuffled)).toBe(466.99);
  });

  it('se complète par une nouvelle version, sans changer l’ancienne', () => {
    const next = withBaseAmount(RSA_BASE_AMOUNTS, { from: '2013-01-01', amount: 483.24 });
    expect(next.version).toBe(RSA_BASE_AMOUNTS.version + 1);
    expect(baseAmountAt('2013-06-01', next)).toBe(483.24);
    expect(baseAmountAt('2013-06-01')).toBe(474.93);
    expect(RSA_BASE_AMOUNTS.data).toHaveLength(6);
    expect(() => withBaseAmount(RSA_BASE_AMOUNTS, { from: '2013-01-01', amount: -1 })).toThrow(/positif/);
    expect(() => withBaseAmount(RSA_BASE_AMOUNTS, { from: '2013-01-01', amount: 483.245 })).toThrow(/deux décimales/);
    expect(() => withBaseAmount(RSA_BASE_AMOUNTS, { from: '2013-13-01', amount: 483.24 })).toThrow(/n’existe pas/);
  });
});

describe('coefficient du foyer (CASF R262-1)', () => {
  it('donne chaque exemple de domain-notes', () => {
    expect(householdCoefficient({ couple: false, dependants: 0 })).toBe(1);
    expect(householdCoefficient({ couple: true, dependants: 0 })).toBe(1.5);
    expect(householdCoefficient({ couple: false, dependants: 1 })).toBe(1.5);
    expect(householdCoefficient({ couple: true, dependants: 1 })).toBe(1.8);
    expect(householdCoefficient({ couple: false, dependants: 2 })).toBe(1.8);
    expect(householdCoefficient({ couple: true, dependants: 2 })).toBe(2.1);
    expect(householdCoefficient({ couple: false, dependants: 3 })).toBe(2.2);
    expect(householdCoefficient({ couple: true, dependants: 3 })).toBe(2.5);
    // Each further child from the third: +40 %.
    expect(householdCoefficient({ couple: true, dependants: 4 })).toBe(2.9);
    expect(householdCoefficient({ couple: false, dependants: 4 })).toBe(2.6);
  });

  it('croît avec le nombre de personnes à charge, et un couple touche au moins autant qu’une personne seule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 29 }), fc.boolean(), (dependants, couple) => {
        expect(householdCoefficient({ couple, dependants: dependants + 1 })).toBeGreaterThan(
          householdCoefficient({ couple, dependants }),
        );
        expect(householdCoefficient({ couple: true, dependants })).toBeGreaterThanOrEqual(
          householdCoefficient({ couple: false, dependants }),
        );
      }),
    );
  });

  it('refuse en français une composition de foyer invalide', () => {
    expect(() => householdCoefficient({ couple: false, dependants: -1 })).toThrow(/ne peut pas être négatif/);
    expect(() => householdCoefficient({ couple: false, dependants: 1.5 })).toThrow(/nombre entier/);
    expect(() => householdCoefficient({ couple: 'oui' as unknown as boolean, dependants: 0 })).toThrow(/en couple/);
  });
});

describe('montant forfaitaire', () => {
  it('multiplie la base en vigueur par le coefficient, arrondi au centime', () => {
    expect(montantForfaitaire('2025-04-01', { couple: false, dependants: 0 })).toBe(646.52);
    expect(montantForfaitaire('2025-04-01', { couple: true, dependants: 0 })).toBe(969.78);
    expect(montantForfaitaire('2025-04-01', { couple: true, dependants: 2 })).toBe(1357.69); // 1357.692
    expect(montantForfaitaire('2009-06-01', { couple: false, dependants: 1 })).toBe(681.95); // 681.945 → up
    expect(montantForfaitaire('2026-04-01', { couple: false, dependants: 3 })).toBe(1433.72); // 1433.718
  });

  it('majore pour un parent isolé ou une femme enceinte isolée', () => {
    expect(montantForfaitaireMajore('2025-04-01', { children: 0 })).toBe(830.21); // 646.52 × 1.28412
    expect(montantForfaitaireMajore('2025-04-01', { children: 1 })).toBe(1106.95); // × 1.71216
    expect(montantForfaitaireMajore('2025-04-01', { children: 2 })).toBe(1383.68); // × 2.1402 = 1383.682
    expect(() => montantForfaitaireMajore('2025-04-01', { children: -2 })).toThrow(/négatif/);
    expect(() => montantForfaitaireMajore('2008-01-01', { children: 1 })).toThrow(/Aucun montant forfaitaire/);
  });
});
