import { describe, expect, it } from 'vitest';
import { contractPeriod, emptyPapRow, papIssues, pickerActions, type PapContract, type PapRowValues } from './papModel';

const CERS: PapContract = { type: 'CERS', start: '2026-01-01', durationMonths: 6 };
const row = (over: Partial<PapRowValues>): PapRowValues => ({
  ...emptyPapRow('', contractPeriod(CERS)),
  engagementReferent: 'Accompagner',
  engagementBeneficiaire: 'Participer',
  ...over,
});

describe('papIssues (the handbook’s PAP rules run while the user types)', () => {
  it('refuses a plan made only of « not alone » actions, at each row and for the plan, with the rows’ own numbers', () => {
    const issues = papIssues(
      [row({ theme: 'A', actionCode: 'A.2' }), row({ theme: 'B', actionCode: '' }), row({ theme: 'D', actionCode: 'D.2' })],
      CERS,
    );
    expect(issues.rows['0.actionCode']).toBe('Ligne 1 : cette action ne peut être la seule action du plan d’accompagnement.');
    // The row without action yet is left out, and the third row keeps its number.
    expect(issues.rows['1.actionCode']).toBeUndefined();
    expect(issues.rows['2.actionCode']).toBe('Ligne 3 : cette action ne peut être la seule action du plan d’accompagnement.');
    expect(issues.plan).toMatch(/ne peut pas se composer uniquement.*ligne 1 \(A\.2\), ligne 3 \(D\.2\)/);
  });

  it('accepts the same actions once another action stands with them', () => {
    const issues = papIssues([row({ theme: 'A', actionCode: 'A.2' }), row({ theme: 'A', actionCode: 'A.1.1' })], CERS);
    expect(issues.rows).toEqual({});
    expect(issues.plan).toBeUndefined();
  });

  it('puts dates outside the contract on the row’s date field', () => {
    const issues = papIssues([row({ theme: 'A', actionCode: 'A.1.1', start: '2025-12-15', end: '2026-07-15' })], CERS);
    expect(issues.rows['0.start']).toBe('Ligne 1 : l’action commence (15/12/2025) avant le contrat (01/01/2026).');
    expect(issues.rows['0.end']).toBe('Ligne 1 : l’échéance (15/07/2026) dépasse la fin du contrat (30/06/2026).');
  });

  it('waits for both dates of a row before checking them', () => {
    const issues = papIssues([row({ theme: 'A', actionCode: 'A.1.1', start: '2025-12-15', end: 'date-invalide' })], CERS);
    expect(issues.rows['0.start']).toBeUndefined();
    expect(issues.rows['0.end']).toBeUndefined();
  });

  it('refuses an action outside the contract’s sphere (A.1.1 is solidarité only) at the action', () => {
    const issues = papIssues([row({ theme: 'A', actionCode: 'A.1.1' })], { type: 'CERP', start: '2026-01-01', durationMonths: 6 });
    expect(issues.rows['0.actionCode']).toMatch(/ne concerne pas la sphère professionnelle \(CERP\)/);
  });

  it('flags G.4.5 until the Président’s derogation is recorded (a warning, not a refusal)', () => {
    const rows = [row({ theme: 'G', actionCode: 'G.4.5' })];
    const issues = papIssues(rows, CERS);
    expect(issues.rows).toEqual({});
    expect(issues.flags['0.actionCode']?.kind).toBe('derogation_requise');
    expect(papIssues([{ ...rows[0]!, derogationObtained: true }], CERS).flags).toEqual({});
  });

  it('does not check the old dates of a row carried over from the renewed contract', () => {
    const issues = papIssues(
      [row({ theme: 'A', actionCode: 'A.1.1', start: '2025-06-01', end: '2025-11-30', carriedOver: true, resultat: 'atteint', bilan: 'Fait' })],
      CERS,
    );
    expect(issues.rows).toEqual({});
  });

  it('says an empty plan needs an action', () => {
    expect(papIssues([], CERS).plan).toBe('Le plan d’accompagnement compte au moins une action.');
  });

  it('offers only the leaves of the sphere, without H.3.x', () => {
    expect(pickerActions('H', 'CERP').map((a) => a.code)).toEqual(['H.1.1', 'H.1.2', 'H.1.3', 'H.2.1', 'H.2.2']);
    expect(pickerActions('A', 'CERP').map((a) => a.code)).toEqual(['A.1.2', 'A.2']);
    expect(pickerActions('', 'CERS')).toEqual([]);
  });

  it('computes the contract’s period (6 months ending the day before)', () => {
    expect(contractPeriod(CERS)).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(contractPeriod({ ...CERS, durationMonths: null })).toBeNull();
    expect(contractPeriod({ ...CERS, start: 'date-invalide' })).toBeNull();
  });
});
