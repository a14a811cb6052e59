import { describe, expect, it } from 'vitest';
import { agree, formatDate, formatDateTime, notFilled, personName, plural, pluralForm } from './format';

describe('personName: one spelling of a person, on screens and papers', () => {
  it('prints the birth name in capitals, the usage name when it differs, then the first names', () => {
    expect(personName({ nomPatronymique: 'LEFÈVRE', nomUsage: 'DUPRÉ', prenoms: 'Hélène Françoise' })).toBe(
      'LEFÈVRE (nom d’usage DUPRÉ) Hélène Françoise',
    );
    expect(personName({ nomPatronymique: 'Dupont', nomUsage: 'Martin', prenoms: 'Marie Louise' })).toBe('DUPONT (nom d’usage MARTIN) Marie Louise');
    expect(personName({ nomPatronymique: 'Lefèvre', prenoms: 'Hélène' })).toBe('LEFÈVRE Hélène');
  });

  it('leaves out a usage name that is empty or the same as the birth name', () => {
    expect(personName({ nomPatronymique: 'LEFÈVRE', nomUsage: 'LEFÈVRE', prenoms: 'Hélène' })).toBe('LEFÈVRE Hélène');
    expect(personName({ nomPatronymique: 'Lefèvre ', nomUsage: ' lefèvre', prenoms: 'Hélène' })).toBe('LEFÈVRE Hélène');
    expect(personName({ nomPatronymique: 'MARTIN', nomUsage: null, prenoms: ' Anne ' })).toBe('MARTIN Anne');
    expect(personName({ nomPatronymique: 'MARTIN', nomUsage: '', prenoms: 'Anne' })).toBe('MARTIN Anne');
  });
});

describe('formatDate and formatDateTime', () => {
  it('prints a calendar day as dd/MM/yyyy by default', () => {
    expect(formatDate('2026-11-28')).toBe('28/11/2026');
    expect(formatDate('2024-02-29')).toBe('29/02/2024');
    expect(formatDate('2027-01-05', 'short')).toBe('05/01/2027');
  });

  it('prints the long style of letters, with « 1er » on the first of the month', () => {
    expect(formatDate('2026-11-28', 'long')).toBe('28 novembre 2026');
    expect(formatDate('2027-02-01', 'long')).toBe('1er février 2027');
    expect(formatDate('2026-08-15', 'long')).toBe('15 août 2026');
  });

  it('prints a month (the lines of a sanction schedule)', () => {
    expect(formatDate('2027-01-01', 'month')).toBe('janvier 2027');
    expect(formatDate('2026-08-01', 'month')).toBe('août 2026');
  });

  it('keeps empty values empty and prints what is not a date as it is', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined, 'long')).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('bientôt')).toBe('bientôt');
  });

  it('prints the local day of an instant', () => {
    const instant = new Date(2026, 10, 28, 14, 5).toISOString();
    expect(formatDate(instant)).toBe('28/11/2026');
  });

  it('prints an instant with its local time', () => {
    expect(formatDateTime(new Date(2026, 10, 28, 14, 5).toISOString())).toBe('28/11/2026 à 14:05');
    expect(formatDateTime(new Date(2027, 0, 1, 9, 0))).toBe('01/01/2027 à 09:00');
    expect(formatDateTime('pas une date')).toBe('pas une date');
    expect(formatDateTime(null)).toBe('');
  });
});

describe('plurals and agreement', () => {
  it('keeps the singular for 0 and 1, the plural from 2', () => {
    expect(plural(0, 'dossier inscrit', 'dossiers inscrits')).toBe('0 dossier inscrit');
    expect(plural(1, 'dossier inscrit', 'dossiers inscrits')).toBe('1 dossier inscrit');
    expect(plural(2, 'dossier inscrit', 'dossiers inscrits')).toBe('2 dossiers inscrits');
    expect(plural(3, 'dossier inscrit', 'dossiers inscrits')).toBe('3 dossiers inscrits');
    expect(plural(-1, 'point', 'points')).toBe('-1 point');
    expect(plural(-2, 'point', 'points')).toBe('-2 points');
    expect(pluralForm(1, 'l’item', 'les items')).toBe('l’item');
    expect(pluralForm(4, 'l’item', 'les items')).toBe('les items');
  });

  it('agrees a regular word in gender and number', () => {
    expect(agree('renseigné')).toBe('renseigné');
    expect(agree('renseigné', 'f')).toBe('renseignée');
    expect(agree('renseigné', 'mp')).toBe('renseignés');
    expect(agree('renseigné', 'fp')).toBe('renseignées');
    expect(agree('inscrit', 'f')).toBe('inscrite');
    expect(agree('inscrit', 'fp')).toBe('inscrites');
    // No doubled « e », no doubled « s ».
    expect(agree('libre', 'f')).toBe('libre');
    expect(agree('libre', 'fp')).toBe('libres');
    expect(agree('refus', 'mp')).toBe('refus');
  });

  it('says « non renseigné » or « non renseignée » as the field’s noun asks', () => {
    expect(notFilled()).toBe('non renseigné');
    expect(notFilled('f')).toBe('non renseignée');
    expect(notFilled('fp')).toBe('non renseignées');
    expect(`Date de la décision : ${notFilled('f')}`).toBe('Date de la décision : non renseignée');
  });
});
