import { describe, expect, it } from 'vitest';
import { echeancier, type DossierState, type EcheancierContract, type EcheanceItem } from './echeancier';

const orientation = { date: '2026-01-20', orientation: 'solidarite' as const, start: '2026-01-20', end: null };
const empty: DossierState = { orientations: [orientation], contracts: [], saisines: [], sanctions: [], appointments: [] };
const cers = (over: Partial<EcheancierContract> = {}): EcheancierContract => ({
  type: 'CERS',
  status: 'en_cours',
  orientationDate: '2026-01-20',
  start: '2026-02-01',
  durationMonths: 6,
  signedOn: '2026-01-28',
  ...over,
});
const items = (state: DossierState, today: string): EcheanceItem[] => {
  const r = echeancier(state, today);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.items;
};
const kinds = (list: EcheanceItem[]) => list.map((i) => [i.kind, i.date, i.severity]);

describe('échéancier', () => {
  it('contract to sign: 2 months after a solidarité orientation, urgent in the last 7 days, then overdue', () => {
    expect(kinds(items(empty, '2026-03-10'))).toEqual([['contrat_a_signer', '2026-03-20', 'a_venir']]);
    expect(kinds(items(empty, '2026-03-13'))).toEqual([['contrat_a_signer', '2026-03-20', 'urgent']]);
    const late = items(empty, '2026-03-21');
    expect(kinds(late)).toEqual([['contrat_a_signer', '2026-03-20', 'en_retard']]);
    expect(late[0]?.title).toMatch(/CERS à signer au plus tard le 20\/03\/2026/);
    expect(late[0]?.rule).toMatch(/sous deux mois/);
  });

  it('contract to sign: 1 month after a professional orientation (CERP); a draft does not count, a signed one does', () => {
    const pro = { ...empty, orientations: [{ ...orientation, orientation: 'professionnelle_autre' as const }] };
    expect(kinds(items(pro, '2026-02-01'))).toEqual([['contrat_a_signer', '2026-02-20', 'a_venir']]);
    expect(items({ ...pro, contracts: [cers({ type: 'CERP', status: 'brouillon', signedOn: null })] }, '2026-02-01')[0]?.kind).toBe('contrat_a_signer');
    expect(items({ ...pro, contracts: [cers({ type: 'CERP', status: 'signe', durationMonths: 3 })] }, '2026-02-01')).toEqual([]);
  });

  it('contract ending within 30 days, then ended without renewal', () => {
    const state = { ...empty, contracts: [cers()] };
    expect(items(state, '2026-06-30')).toEqual([]);
    expect(kinds(items(state, '2026-07-01'))).toEqual([['contrat_fin_proche', '2026-07-31', 'a_venir']]);
    expect(kinds(items(state, '2026-07-25'))).toEqual([['contrat_fin_proche', '2026-07-31', 'urgent']]);
    const ended = items(state, '2026-08-05');
    expect(kinds(ended)).toEqual([['contrat_echu_sans_renouvellement', '2026-08-01', 'en_retard']]);
    expect(ended[0]?.rule).toMatch(/renouveler son contrat à échéance/);
    // A signed renewal removes both.
    const renewed = { ...state, contracts: [cers({ status: 'echu' }), cers({ start: '2026-08-01', status: 'signe' })] };
    expect(items(renewed, '2026-08-05')).toEqual([]);
  });

  it('CERS at 12 months: EP saisine instead of a renewal, until the saisine exists', () => {
    const state = { ...empty, contracts: [cers({ status: 'echu' }), cers({ start: '2026-08-01' })] };
    const list = items(state, '2027-01-10');
    expect(kinds(list)).toEqual([['cers_12_mois', '2027-01-31', 'a_venir']]);
    expect(list[0]?.rule).toMatch(/douze mois/);
    expect(kinds(items(state, '2027-02-03'))).toEqual([['cers_12_mois', '2027-01-31', 'en_retard']]);
    const seized = { ...state, saisines: [{ origin: 'cers_12_mois' as const, date: '2027-01-15' }] };
    expect(items(seized, '2027-01-20').map((i) => i.kind)).toEqual(['avis_ep']);
  });

  it('EP avis due within a month, then the Président’s decision pending', () => {
    const state = { ...empty, contracts: [cers()], saisines: [{ origin: 'fiche_reorientation' as const, date: '2026-03-10' }] };
    expect(kinds(items(state, '2026-03-12'))).toEqual([['avis_ep', '2026-04-10', 'a_venir']]);
    expect(kinds(items(state, '2026-04-11'))).toEqual([['avis_ep', '2026-04-10', 'en_retard']]);
    const avis = { ...state, saisines: [{ ...state.saisines[0]!, avis: { date: '2026-04-01', sens: 'favorable' as const, motivation: 'ok' } }] };
    expect(kinds(items(avis, '2026-04-11'))).toEqual([['decision_president', '2026-04-01', 'a_venir']]);
    const decided = { ...avis, saisines: [{ ...avis.saisines[0]!, decision: { date: '2026-04-15', sens: 'favorable' as const } }] };
    expect(items(decided, '2026-04-20')).toEqual([]);
  });

  it('sanction steps from the current month on, and the radiation', () => {
    const state: DossierState = {
      ...empty,
      contracts: [cers()],
      sanctions: [{ kind: 'non_conclusion', start: '2026-05-01', household: { couple: false, dependants: 0 }, montantForfaitaire: 651.69, allowance: 651.69 }],
    };
    const list = items(state, '2026-06-15');
    expect(kinds(list)).toEqual([
      ['sanction', '2026-06-01', 'info'],
      ['radiation', '2026-10-01', 'urgent'],
    ]);
    expect(list[0]?.title).toMatch(/totalité du RSA.*0 € versés/);
    const bad = echeancier({ ...state, sanctions: [{ ...state.sanctions[0]!, start: '2026-05-02' }] }, '2026-06-15');
    expect(bad.ok && bad.warnings[0]?.path).toBe('sanctions.0.start');
  });

  it('next appointments (not past ones), the J.1 minimum accompaniment, everything sorted by date', () => {
    const state: DossierState = {
      ...empty,
      contracts: [cers()],
      appointments: [
        { date: '2026-03-01', label: 'Passé' },
        { date: '2026-04-20', label: 'Point d’étape' },
        { date: '2026-03-10', label: 'Premier rendez-vous' },
      ],
      saisines: [{ origin: 'fiche_reorientation', date: '2026-03-01' }],
      incomes: [
        { month: '2026-02-01', amount: 700 },
        { month: '2026-03-01', amount: 700 },
      ],
    };
    const list = items(state, '2026-03-10');
    expect(kinds(list)).toEqual([
      ['rendez_vous', '2026-03-10', 'urgent'],
      ['avis_ep', '2026-04-01', 'a_venir'],
      ['rendez_vous', '2026-04-20', 'a_venir'],
      ['fin_maintien_revenus', '2026-08-01', 'info'],
    ]);
  });

  it('a contract under a previous orientation is not reported as ended without renewal', () => {
    const state: DossierState = {
      ...empty,
      orientations: [
        { ...orientation, end: '2026-05-31' },
        { date: '2026-06-01', orientation: 'professionnelle_autre', start: '2026-06-01', end: null },
      ],
      contracts: [cers({ status: 'echu' }), cers({ type: 'CERP', orientationDate: '2026-06-01', start: '2026-06-15', durationMonths: 12 })],
    };
    expect(items(state, '2026-08-10')).toEqual([]);
  });

  it('severities at the day boundaries: à venir until 8 days before, urgent from 7 days before to the day, late the day after', () => {
    const deadline = '2026-03-20';
    const at = (today: string) => items(empty, today)[0]?.severity;
    expect(at('2026-03-12')).toBe('a_venir');
    expect(at('2026-03-13')).toBe('urgent');
    expect(at(deadline)).toBe('urgent');
    expect(at('2026-03-21')).toBe('en_retard');
    // A rendez-vous: urgent on its day only, gone the day after.
    const rdv = { ...empty, orientations: [], appointments: [{ date: '2026-03-20', label: 'Bilan' }] };
    expect(kinds(items(rdv, '2026-03-19'))).toEqual([['rendez_vous', '2026-03-20', 'a_venir']]);
    expect(kinds(items(rdv, '2026-03-20'))).toEqual([['rendez_vous', '2026-03-20', 'urgent']]);
    expect(items(rdv, '2026-03-21')).toEqual([]);
  });

  it('orientation to decide: only while no orientation decision exists, with the days waiting', () => {
    const waiting = { ...empty, orientations: [], awaitingOrientationSince: '2026-03-01' };
    const [item] = items(waiting, '2026-03-31');
    expect(item).toMatchObject({ kind: 'orientation_a_faire', date: '2026-03-01', severity: 'info' });
    expect(item?.title).toMatch(/en attente depuis le 01\/03\/2026 \(30 jours\)/);
    expect(items({ ...waiting, orientations: [orientation] }, '2026-03-31').map((i) => i.kind)).not.toContain('orientation_a_faire');
  });

  it('refuses an invalid today', () => {
    expect(echeancier(empty, '2026-02-30').ok).toBe(false);
  });
});
