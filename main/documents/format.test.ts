import { describe, expect, it } from 'vitest';
import { hyphenate } from './fonts';
import { amountFr, integerFr, periodFr, safeFileName, upper, yesNoFr } from './format';
import { moneyText, niveauFormationLabel, situationFamilialeLabel, themeLabel } from './labels';

describe('French typography of the documents', () => {
  // Dates and names: shared/domain/format.test.ts.
  it('prints periods with dd/mm/yyyy dates', () => {
    expect(periodFr('2026-12-01', '2027-05-31')).toBe('du 01/12/2026 au 31/05/2027');
  });

  it('prints amounts the fr-FR way: narrow no-break space between thousands, no-break space before €', () => {
    expect(amountFr(1234.5)).toBe('1\u202f234,50\u00a0€');
    expect(amountFr(651.69)).toBe('651,69\u00a0€');
    expect(amountFr(1_000_000)).toBe('1\u202f000\u202f000,00\u00a0€');
    expect(amountFr(undefined)).toBe('');
    expect(integerFr(12345)).toBe('12\u202f345');
    // A free-text salary typed as a bare number prints as euros; anything else as typed.
    expect(moneyText('1650')).toBe('1\u202f650,00\u00a0€');
    expect(moneyText('1650,5')).toBe('1\u202f650,50\u00a0€');
    expect(moneyText('SMIC horaire')).toBe('SMIC horaire');
    expect(moneyText('1 450 € net')).toBe('1 450 € net');
  });

  it('labels, capitals and file names keep their accents', () => {
    expect(upper('état civil du bénéficiaire')).toBe('ÉTAT CIVIL DU BÉNÉFICIAIRE');
    expect(yesNoFr(true)).toBe('Oui');
    expect(yesNoFr(null)).toBe('');
    expect(situationFamilialeLabel('veuf')).toBe('Veuf, veuve');
    expect(situationFamilialeLabel('inconnu')).toBe('inconnu');
    expect(niveauFormationLabel('V')).toBe('Niveau V : CAP/BEP');
    expect(themeLabel('E')).toBe('E – L’isolement');
    expect(safeFileName('CERP 12 – LEFÈVRE/DUPRÉ : « projet »?')).toBe('CERP 12 – LEFÈVRE DUPRÉ « projet »');
  });

  it('never hyphenates French words; only very long tokens may break', () => {
    expect(hyphenate('accompagnement')).toEqual(['accompagnement']);
    expect(hyphenate('anticonstitutionnellement')).toEqual(['anticonstitutionnellement']);
    const long = 'helene.francoise.dupre@exemple-departement.fr';
    expect(hyphenate(long).join('')).toBe(long);
    expect(hyphenate(long).length).toBeGreaterThan(1);
  });
});
