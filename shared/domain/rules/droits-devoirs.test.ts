import { describe, expect, it } from 'vitest';
import { montantForfaitaire } from '../referentials/rsa-amounts';
import { atOrAboveIncomeThreshold, evaluateDroitsDevoirs, type DroitsDevoirsInput } from './droits-devoirs';

const base = (over: Partial<DroitsDevoirsInput> = {}): DroitsDevoirsInput => ({
  date: '2026-05-01',
  householdResources: 300,
  montantForfaitaire: 651.69,
  persons: [{ role: 'allocataire', hasProfessionalActivity: false, monthlyProfessionalIncome: 0 }],
  ...over,
});

const decide = (input: DroitsDevoirsInput) => {
  const r = evaluateDroitsDevoirs(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.decisions;
};

describe('droits et devoirs (double condition)', () => {
  it('compulsory without activity and with resources below the montant forfaitaire, with the reason', () => {
    const [d] = decide(base());
    expect(d?.accompanimentCompulsory).toBe(true);
    expect(d?.explanation).toMatch(/accompagnement obligatoire/);
    expect(d?.explanation).toMatch(/n’exerce pas d’activité professionnelle/);
    expect(d?.inputs).toEqual({ date: '2026-05-01', householdResources: 300, montantForfaitaire: 651.69, hasProfessionalActivity: false, monthlyProfessionalIncome: 0 });
    expect(d?.rule).toMatch(/double condition/);
  });

  it('not compulsory when the foyer resources reach the montant forfaitaire (equal is not "inférieur")', () => {
    const [d] = decide(base({ householdResources: 651.69 }));
    expect(d?.accompanimentCompulsory).toBe(false);
    expect(d?.conditions.householdResourcesBelowMontantForfaitaire).toBe(false);
    expect(d?.explanation).toMatch(/ne sont pas inférieures au montant forfaitaire/);
  });

  it('499.99 € of professional income: compulsory; 500 €: not compulsory', () => {
    const with499 = decide(base({ persons: [{ role: 'allocataire', hasProfessionalActivity: true, monthlyProfessionalIncome: 499.99 }] }));
    expect(with499[0]?.accompanimentCompulsory).toBe(true);
    const with500 = decide(base({ persons: [{ role: 'allocataire', hasProfessionalActivity: true, monthlyProfessionalIncome: 500 }] }));
    expect(with500[0]?.accompanimentCompulsory).toBe(false);
    expect(with500[0]?.explanation).toMatch(/atteignent ou dépassent 500 €/);
    expect(atOrAboveIncomeThreshold(500)).toBe(true);
    expect(atOrAboveIncomeThreshold(499.99)).toBe(false);
  });

  it('is individual: allocataire and conjoint are evaluated each on their own', () => {
    const ds = decide(
      base({
        persons: [
          { role: 'allocataire', hasProfessionalActivity: true, monthlyProfessionalIncome: 900 },
          { role: 'conjoint', hasProfessionalActivity: false, monthlyProfessionalIncome: 0 },
        ],
        householdResources: 900,
        montantForfaitaire: 977.54,
      }),
    );
    expect(ds.map((d) => [d.role, d.accompanimentCompulsory])).toEqual([
      ['allocataire', false],
      ['conjoint', true],
    ]);
  });

  it('works with the referential montant forfaitaire of the household', () => {
    const mf = montantForfaitaire('2026-05-01', { couple: true, dependants: 1 });
    const [d] = decide(base({ montantForfaitaire: mf, householdResources: mf - 0.01 }));
    expect(d?.accompanimentCompulsory).toBe(true);
  });

  it('refuses bad input with French messages at the field', () => {
    const r = evaluateDroitsDevoirs(
      base({
        householdResources: -1,
        persons: [
          { role: 'conjoint', hasProfessionalActivity: false, monthlyProfessionalIncome: 200 },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { path: 'householdResources', message: expect.stringMatching(/négatif/) },
        { path: 'persons', message: 'Le foyer compte un et un seul allocataire' },
        { path: 'persons.0.monthlyProfessionalIncome', message: expect.stringMatching(/0 €/) },
      ]),
    );
  });
});
