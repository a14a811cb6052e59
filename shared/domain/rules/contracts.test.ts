import { describe, expect, it } from 'vitest';
import { ACTIONS_REFERENTIAL } from '../referentials/actions';
import {
  applyAvenant,
  checkCersCap,
  checkContractEdit,
  checkEdeBeforeContract,
  sanctionRecomputationText,
  CONTRACT_EVENTS,
  CONTRACT_STATUSES,
  CONTRACT_TRANSITIONS,
  contractEnd,
  contractOutcomesAtTerm,
  renewContract,
  solidarityMonths,
  transitionContract,
  validateContract,
  validateContractDuration,
  type ContractCore,
  type ContractEvent,
  type ContractStatus,
} from './contracts';
import { FIXTURE_ACTIONS, papRow } from './testing';

const cers = (over: Partial<ContractCore> = {}): ContractCore => ({
  id: 1,
  type: 'CERS',
  status: 'brouillon',
  orientationDate: '2026-01-20',
  start: '2026-02-01',
  durationMonths: 6,
  pap: [papRow()],
  ...over,
});
const cerp = (over: Partial<ContractCore> = {}): ContractCore => ({
  ...cers({ type: 'CERP', durationMonths: 3, pap: [papRow({ theme: 'H', actionCode: 'H.1.1' })], suiviEmploi: [] }),
  ...over,
});
const signCtx = { date: '2026-01-28', actions: FIXTURE_ACTIONS, signatures: { referent: true, beneficiaire: true } };
const withBilan = (c: ContractCore): ContractCore => ({ ...c, pap: c.pap.map((r) => ({ ...r, resultat: 'atteint' as const, bilan: 'Fait' })) });

describe('durations and dates', () => {
  it('CERS 6 months; CERP 3, 6, 9 or 12 months', () => {
    expect(validateContractDuration('CERS', 6)).toEqual([]);
    expect(validateContractDuration('CERS', 12)[0]?.message).toMatch(/6 mois/);
    for (const m of [3, 6, 9, 12]) expect(validateContractDuration('CERP', m)).toEqual([]);
    for (const m of [1, 2, 4, 18]) expect(validateContractDuration('CERP', m)[0]?.path).toBe('durationMonths');
  });

  it('the end date is start + months − 1 day', () => {
    expect(contractEnd(cers())).toBe('2026-07-31');
    expect(contractEnd({ start: '2026-01-31', durationMonths: 1 })).toBe('2026-02-28');
    expect(contractEnd({ start: '2027-08-31', durationMonths: 6 })).toBe('2028-02-29');
  });

  it('no contract starts before its orientation decision', () => {
    const r = validateContract(cers({ start: '2026-01-19' }), { actions: FIXTURE_ACTIONS });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'start', message: expect.stringMatching(/avant la décision d’orientation \(20\/01\/2026\)/) }]);
    expect(validateContract(cers({ start: '2026-01-20', pap: [papRow({ start: '2026-01-20' })] }), { actions: FIXTURE_ACTIONS }).ok).toBe(true);
  });

  it('the contract type follows the orientation (a PE orientation goes through a PPAE)', () => {
    const o = (orientation: 'solidarite' | 'professionnelle_autre' | 'professionnelle_pole_emploi') => ({ date: '2026-01-20', orientation });
    expect(validateContract(cers(), { actions: FIXTURE_ACTIONS, orientation: o('solidarite') }).ok).toBe(true);
    expect(validateContract(cers(), { actions: FIXTURE_ACTIONS, orientation: o('professionnelle_autre') }).ok).toBe(false);
    expect(validateContract(cerp(), { actions: FIXTURE_ACTIONS, orientation: o('professionnelle_autre') }).ok).toBe(true);
    const pe = validateContract(cerp(), { actions: FIXTURE_ACTIONS, orientation: o('professionnelle_pole_emploi') });
    expect(!pe.ok && pe.errors[0]?.message).toMatch(/PPAE/);
  });

  it('PAP errors come back under pap.<row>', () => {
    const r = validateContract(cers({ pap: [papRow(), papRow({ end: '2026-08-01' })] }), { actions: FIXTURE_ACTIONS });
    expect(!r.ok && r.errors).toEqual([{ path: 'pap.1.end', message: expect.stringMatching(/dépasse la fin du contrat/) }]);
    const empty = validateContract(cers({ pap: [] }), { actions: FIXTURE_ACTIONS });
    expect(!empty.ok && empty.errors[0]?.path).toBe('pap');
  });
});

describe('transitionContract: the life cycle', () => {
  it('runs brouillon → signe → transmis_slai → valide → en_cours → echu, recording the dates', () => {
    let c = cers();
    const steps: [ContractEvent, Parameters<typeof transitionContract>[2], ContractStatus][] = [
      ['signer', signCtx, 'signe'],
      ['transmettre', { date: '2026-01-29' }, 'transmis_slai'],
      ['valider', { date: '2026-01-30' }, 'valide'],
      ['demarrer', { date: '2026-02-01' }, 'en_cours'],
      ['echoir', { date: '2026-08-01' }, 'echu'],
    ];
    for (const [event, ctx, to] of steps) {
      const r = transitionContract(c, event, ctx);
      if (!r.ok) throw new Error(`${event}: ${JSON.stringify(r.errors)}`);
      expect(r.to).toBe(to);
      c = r.contract;
    }
    expect(c).toMatchObject({ signedOn: '2026-01-28', transmittedOn: '2026-01-29', decidedOn: '2026-01-30', startedOn: '2026-02-01', endedOn: '2026-08-01' });
  });

  const refusedPairs = CONTRACT_STATUSES.flatMap((status) =>
    CONTRACT_EVENTS.filter((event) => !CONTRACT_TRANSITIONS[status][event]).map((event) => [status, event] as const),
  );
  it('allows exactly 7 transitions (8 states × 7 events − 7 refused pairs)', () => {
    expect(refusedPairs).toHaveLength(8 * 7 - 7);
  });
  it.each(refusedPairs)('refuses %s + %s with a French message, contract unchanged', (status, event) => {
    const before = cers({ status });
    const snapshot = JSON.stringify(before);
    const r = transitionContract(before, event, { ...signCtx, motif: 'motif' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]?.path).toBe('status');
      expect(r.errors[0]?.message).toMatch(/^[A-ZÉ].*[a-zé].*\.$/);
    }
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('validating an unsigned contract is refused', () => {
    const r = transitionContract(cers(), 'valider', { date: '2026-02-01' });
    expect(!r.ok && r.errors[0]?.message).toBe(
      'Un contrat non signé ne peut pas être validé : faites-le signer par le bénéficiaire et le référent, puis transmettez-le au SLAI.',
    );
    const signed = transitionContract(cers({ status: 'signe' }), 'valider', { date: '2026-02-01' });
    expect(!signed.ok && signed.errors[0]?.message).toMatch(/transmis au SLAI/);
  });

  it('signing needs both signatures, a valid contract and the referential', () => {
    const oneSig = transitionContract(cers(), 'signer', { ...signCtx, signatures: { referent: true, beneficiaire: false } });
    expect(!oneSig.ok && oneSig.errors).toEqual([{ path: 'signatures', message: 'Le contrat doit être signé par le bénéficiaire et par le référent.' }]);
    const badPap = transitionContract(cers({ pap: [papRow({ end: '2026-09-01' })] }), 'signer', signCtx);
    expect(!badPap.ok && badPap.errors[0]?.path).toBe('pap.0.end');
    const noRef = transitionContract(cers(), 'signer', { date: '2026-01-28', signatures: { referent: true, beneficiaire: true } });
    expect(noRef.ok).toBe(false);
    const early = transitionContract(cers(), 'signer', { ...signCtx, date: '2026-01-19' });
    expect(!early.ok && early.errors[0]?.message).toMatch(/avant la décision d’orientation/);
  });

  it('a rejection needs a motif', () => {
    const c = cers({ status: 'transmis_slai', transmittedOn: '2026-01-29' });
    const r = transitionContract(c, 'rejeter', { date: '2026-01-30' });
    expect(!r.ok && r.errors).toEqual([{ path: 'motif', message: 'Indiquez le motif du rejet.' }]);
    const ok = transitionContract(c, 'rejeter', { date: '2026-01-30', motif: ' Actions trop vagues ' });
    expect(ok.ok && ok.contract).toMatchObject({ status: 'rejete', rejectionMotif: 'Actions trop vagues', decidedOn: '2026-01-30' });
  });

  it('dates must follow each other, start and term are respected, early closure needs a motif', () => {
    expect(transitionContract(cers({ status: 'signe', signedOn: '2026-01-28' }), 'transmettre', { date: '2026-01-27' }).ok).toBe(false);
    expect(transitionContract(cers({ status: 'transmis_slai', transmittedOn: '2026-01-29' }), 'valider', { date: '2026-01-28' }).ok).toBe(false);
    expect(transitionContract(cers({ status: 'valide' }), 'demarrer', { date: '2026-01-31' }).ok).toBe(false);
    expect(transitionContract(cers({ status: 'en_cours' }), 'echoir', { date: '2026-07-31' }).ok).toBe(false);
    expect(transitionContract(cers({ status: 'en_cours' }), 'echoir', { date: '2026-08-01' }).ok).toBe(true);
    expect(transitionContract(cers({ status: 'en_cours' }), 'clore', { date: '2026-04-01' }).ok).toBe(false);
    const closed = transitionContract(cers({ status: 'en_cours' }), 'clore', { date: '2026-04-01', motif: 'Réorientation' });
    expect(closed.ok && closed.contract).toMatchObject({ status: 'clos', closureMotif: 'Réorientation', endedOn: '2026-04-01' });
  });
});

describe('checkContractEdit: a signed contract changes only through an avenant', () => {
  it('a draft changes freely, but not its status', () => {
    expect(checkContractEdit(cers(), cers({ durationMonths: 6, start: '2026-03-01' })).ok).toBe(true);
    const r = checkContractEdit(cers(), cers({ status: 'valide' }));
    expect(!r.ok && r.errors[0]?.path).toBe('status');
  });

  it('a signed contract refuses changes of its dates or PAP, and allows the bilan columns', () => {
    const signed = cers({ status: 'en_cours', objectif: 'Lever les freins' } as Partial<ContractCore>);
    const dates = checkContractEdit(signed, { ...signed, start: '2026-03-01' });
    expect(!dates.ok && dates.errors).toEqual([{ path: 'start', message: 'Contrat signé : il ne se modifie que par un avenant (fiche de liaison).' }]);
    const other = checkContractEdit(signed, { ...signed, objectif: 'Autre' } as ContractCore);
    expect(!other.ok && other.errors[0]?.path).toBe('objectif');
    const added = checkContractEdit(signed, { ...signed, pap: [...signed.pap, papRow()] });
    expect(!added.ok && added.errors[0]?.path).toBe('pap');
    const changedRow = checkContractEdit(signed, { ...signed, pap: [papRow({ engagementBeneficiaire: 'Autre chose' })] });
    expect(!changedRow.ok && changedRow.errors[0]?.path).toBe('pap.0');
    expect(checkContractEdit(signed, withBilan(signed)).ok).toBe(true);
  });

  it('a rejected contract does not change', () => {
    const rejected = cers({ status: 'rejete' });
    expect(checkContractEdit(rejected, withBilan(rejected)).ok).toBe(false);
  });
});

describe('applyAvenant', () => {
  const running = cers({ status: 'en_cours' });
  const avenant = { date: '2026-04-01', motif: 'Nouvelle action santé', pap: [papRow(), papRow({ theme: 'B', actionCode: 'B.2' })], signatures: { referent: true, beneficiaire: true } };

  it('replaces the PAP, keeps the previous one, never changes the duration', () => {
    const r = applyAvenant(running, avenant, { actions: FIXTURE_ACTIONS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contract.pap).toHaveLength(2);
    expect(r.contract.start).toBe(running.start);
    expect(r.contract.durationMonths).toBe(running.durationMonths);
    expect(r.contract.avenants).toEqual([{ date: '2026-04-01', motif: 'Nouvelle action santé', previousPap: running.pap }]);
  });

  it('refuses a change of duration, a missing signature or motif, a bad PAP, a contract not in force', () => {
    const longer = applyAvenant(running, { ...avenant, durationMonths: 12 }, { actions: FIXTURE_ACTIONS });
    expect(!longer.ok && longer.errors).toEqual([{ path: 'durationMonths', message: 'L’avenant ne modifie pas la durée initialement prévue dans le contrat.' }]);
    const unsigned = applyAvenant(running, { ...avenant, motif: '', signatures: { referent: true, beneficiaire: false } }, { actions: FIXTURE_ACTIONS });
    expect(!unsigned.ok && unsigned.errors.map((e) => e.path)).toEqual(['motif', 'signatures.beneficiaire']);
    const pastEnd = applyAvenant(running, { ...avenant, pap: [papRow({ end: '2026-12-31' })] }, { actions: FIXTURE_ACTIONS });
    expect(!pastEnd.ok && pastEnd.errors[0]?.path).toBe('pap.0.end');
    expect(applyAvenant(cers(), avenant, { actions: FIXTURE_ACTIONS }).ok).toBe(false);
    expect(applyAvenant(cers({ status: 'echu' }), avenant, { actions: FIXTURE_ACTIONS }).ok).toBe(false);
    expect(applyAvenant(running, { ...avenant, date: '2026-08-01' }, { actions: FIXTURE_ACTIONS }).ok).toBe(false);
  });
});

describe('renewal', () => {
  it('carries over the previous actions with their bilan and adds new ones, from the day after the end', () => {
    const first = withBilan(cers({ status: 'echu' }));
    const r = renewContract(first, { durationMonths: 6, newActions: [papRow({ theme: 'B', actionCode: 'B.2', start: '2026-08-01', end: '2026-10-31' })] }, { actions: FIXTURE_ACTIONS, history: [first] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contract).toMatchObject({ type: 'CERS', status: 'brouillon', start: '2026-08-01', durationMonths: 6, renewalOf: 1, orientationDate: '2026-01-20' });
    expect(r.contract.pap[0]).toMatchObject({ actionCode: 'A.1.1', carriedOver: true, resultat: 'atteint', bilan: 'Fait' });
    expect(r.contract.pap[1]).toMatchObject({ actionCode: 'B.2' });
  });

  it('refuses to renew while a previous action lacks its bilan', () => {
    const r = renewContract(cers({ status: 'echu' }), { durationMonths: 6, newActions: [] }, { actions: FIXTURE_ACTIONS, history: [] });
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['previous.pap.0.resultat', 'previous.pap.0.bilan']);
  });

  it('a CERS renews once: the 12th month refuses a third CERS and points to the EP', () => {
    const first = withBilan(cers({ status: 'echu' }));
    const second = withBilan(cers({ id: 2, status: 'en_cours', start: '2026-08-01', renewalOf: 1 }));
    const r = renewContract(second, { durationMonths: 6, newActions: [] }, { actions: FIXTURE_ACTIONS, history: [first, second] });
    expect(!r.ok && r.errors[0]?.message).toMatch(/renouvelable qu’une fois.*12 mois.*équipe pluridisciplinaire/);
    expect(solidarityMonths(second, [first, second])).toBe(12);
    // A rejected CERS or one under another orientation does not count.
    expect(solidarityMonths(second, [{ ...first, status: 'rejete' }])).toBe(6);
    expect(solidarityMonths(second, [{ ...first, orientationDate: '2025-01-01' }])).toBe(6);
  });

  it('the 12-month CERS cap holds on creation and signature, not only on renewal', () => {
    const first = withBilan(cers({ status: 'echu' }));
    const second = withBilan(cers({ id: 2, status: 'echu', start: '2026-08-01', renewalOf: 1 }));
    // A third CERS created as a new draft under the same orientation decision: refused.
    const third = cers({ id: 3, status: 'brouillon', start: '2027-02-01' });
    const errors = checkCersCap(third, [first, second, third]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/12 mois.*équipe pluridisciplinaire/);
    // Whatever its start: a draft dated before the others counts them too.
    expect(checkCersCap({ ...third, start: '2025-12-01' }, [first, second])).toHaveLength(1);
    // The second CERS itself is within the cap; a rejected CERS or another orientation decision does not count.
    expect(checkCersCap(second, [first, second])).toEqual([]);
    expect(checkCersCap(third, [{ ...first, status: 'rejete' }, second])).toEqual([]);
    expect(checkCersCap(third, [first, { ...second, status: 'brouillon' }])).toEqual([]);
    expect(checkCersCap({ ...third, orientationDate: '2027-01-15' }, [first, second])).toEqual([]);
    // A CERP is not capped.
    expect(checkCersCap(cerp({ id: 9 }), [first, second])).toEqual([]);
  });

  it('an EDE is required at signature, and a new one at each renewal', () => {
    const previous = { id: 1, start: '2026-02-01', status: 'echu' as const };
    const renewal = { id: 2, start: '2026-08-01', status: 'brouillon' as const };
    expect(checkEdeBeforeContract(renewal, [previous], null)[0]?.message).toMatch(/Aucune échelle/);
    expect(checkEdeBeforeContract(renewal, [previous], '2026-01-10')[0]?.message).toMatch(/antérieure au contrat précédent \(01\/02\/2026\)/);
    expect(checkEdeBeforeContract(renewal, [previous], '2026-02-01')).toEqual([]);
    expect(checkEdeBeforeContract(renewal, [previous], '2026-07-20')).toEqual([]);
    // A first contract may rely on the EDE that prepared the orientation; rejected and draft contracts are not "previous".
    expect(checkEdeBeforeContract(renewal, [], '2025-06-01')).toEqual([]);
    expect(checkEdeBeforeContract(renewal, [{ ...previous, status: 'rejete' }], '2025-06-01')).toEqual([]);
    expect(checkEdeBeforeContract(renewal, [{ ...previous, status: 'brouillon' }], '2025-06-01')).toEqual([]);
    // The contract itself in the list is ignored.
    expect(checkEdeBeforeContract(renewal, [renewal, previous], '2026-03-01')).toEqual([]);
  });

  it('at signature: an EDE made after the signature does not count; the EDE of the previous signature is not a new one', () => {
    const previous = { id: 1, start: '2026-02-01', status: 'echu' as const, signedOn: '2026-02-10' };
    const renewal = { id: 2, start: '2026-08-01', status: 'brouillon' as const };
    const later = checkEdeBeforeContract(renewal, [], null, { date: '2026-01-31', laterEdeDate: '2026-02-10' });
    expect(later[0]).toEqual({ path: 'ede', message: expect.stringMatching(/du 10\/02\/2026 est postérieure à la signature \(31\/01\/2026\).*Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature\.$/) });
    expect(checkEdeBeforeContract(renewal, [], null)[0]?.message).toMatch(/^Aucune échelle.*Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature\.$/);
    // Dated inside the previous contract but on its signature day: that EDE prepared it.
    expect(checkEdeBeforeContract(renewal, [previous], '2026-02-10')[0]?.message).toMatch(/est celle de la signature du contrat précédent \(10\/02\/2026\)/);
    expect(checkEdeBeforeContract(renewal, [previous], '2026-02-11')).toEqual([]);
    // Signed before its start: an EDE made since the start qualifies.
    expect(checkEdeBeforeContract(renewal, [{ ...previous, signedOn: '2026-01-25' }], '2026-02-01')).toEqual([]);
  });

  it('words the recomputation of a sanction schedule that a signature ends', () => {
    const months = (n: number) => Array.from({ length: n }, (_, i) => ({ month: `2026-${String(4 + i).padStart(2, '0')}-01` }));
    const text = sanctionRecomputationText(
      '2026-04-01',
      { stoppedBy: 'signature', radiation: null, lines: months(2) },
      { stoppedBy: 'horizon', radiation: null, lines: months(24) },
      '2026-05-15',
      '2026-05-16T08:00:00.000Z',
    );
    expect(text).toMatch(
      /^Échéancier recalculé le 16\/05\/2026 à \d\d:\d\d : le contrat signé le 15\/05\/2026 met fin à la sanction au 01\/06\/2026, soit 2 mois de sanction \(avant : 24 mois de sanction, sans fin prévue avant la signature du contrat\)\.$/,
    );
    const radiated = sanctionRecomputationText(
      '2026-04-01',
      { stoppedBy: 'signature', radiation: null, lines: [] },
      { stoppedBy: 'radiation', radiation: '2026-09-01', lines: months(6) },
      '2026-03-20',
      '2026-03-20T08:00:00.000Z',
    );
    expect(radiated).toContain('met fin à la sanction au 01/04/2026, soit 0 mois de sanction (avant : 5 mois de sanction puis radiation du dispositif au 01/09/2026).');
  });

  it('a CERP renewal carries over the fiche de suivi emploi too', () => {
    const line = { offre: 'Cariste', raisonnable: true, domaine: 'N', moyens: 'Candidature', resultat: 'atteint' as const, bilan: 'Embauché' };
    const first = withBilan(cerp({ status: 'echu', suiviEmploi: [line] }));
    const r = renewContract(first, { durationMonths: 12, newActions: [] }, { actions: FIXTURE_ACTIONS, history: [] });
    expect(r.ok && r.contract.suiviEmploi).toEqual([line]);
    expect(r.ok && r.contract.start).toBe('2026-05-01');
    const lacking = renewContract(cerp({ status: 'echu', pap: withBilan(first).pap, suiviEmploi: [{ ...line, bilan: undefined }] }), { durationMonths: 3, newActions: [] }, { actions: FIXTURE_ACTIONS, history: [] });
    expect(!lacking.ok && lacking.errors[0]?.path).toBe('previous.suiviEmploi.0.bilan');
  });

  it('refuses a renewal of a draft, a bad duration, a start inside the previous contract', () => {
    expect(renewContract(cers(), { durationMonths: 6, newActions: [] }, { actions: FIXTURE_ACTIONS, history: [] }).ok).toBe(false);
    const echu = withBilan(cerp({ status: 'echu' }));
    const bad = renewContract(echu, { durationMonths: 4, start: '2026-04-15', newActions: [] }, { actions: FIXTURE_ACTIONS, history: [] });
    expect(!bad.ok && bad.errors.map((e) => e.path)).toEqual(['durationMonths', 'start']);
  });
});

describe('contractOutcomesAtTerm', () => {
  it('a first CERS: close with bilan (Cas 1) or renew (Cas 2)', () => {
    const c = withBilan(cers({ status: 'en_cours' }));
    const t = contractOutcomesAtTerm(c, [c]);
    expect(t.outcomes.map((o) => [o.kind, o.handbookCase])).toEqual([
      ['clore_avec_bilan', 1],
      ['renouveler', 2],
    ]);
    expect(t.solidarityMonths).toBe(6);
    expect(t.end).toBe('2026-07-31');
    expect(t.outcomes.every((o) => o.blockers.length === 0)).toBe(true);
  });

  it('the CERS reaching 12 months: only the EP saisine (Cas 3)', () => {
    const first = withBilan(cers({ status: 'echu' }));
    const second = cers({ id: 2, status: 'en_cours', start: '2026-08-01' });
    const t = contractOutcomesAtTerm(second, [first, second]);
    expect(t.solidarityMonths).toBe(12);
    expect(t.outcomes.map((o) => o.kind)).toEqual(['saisine_ep']);
    expect(t.outcomes[0]?.label).toMatch(/douze mois/);
    expect(t.outcomes[0]?.blockers.map((b) => b.path)).toEqual(['pap.0.resultat', 'pap.0.bilan']);
  });

  it('a CERP: the bilan and the fiche de suivi emploi', () => {
    const t = contractOutcomesAtTerm(withBilan(cerp({ status: 'en_cours' })), []);
    expect(t.outcomes.map((o) => o.kind)).toEqual(['clore_avec_bilan', 'renouveler']);
    expect(t.outcomes[0]?.requirements).toContain('Bilan complémentaire : fiche de suivi emploi');
  });

  it('works with the real referential', () => {
    const actions = ACTIONS_REFERENTIAL.data.actions;
    const r = transitionContract(cers(), 'signer', { ...signCtx, actions });
    expect(r.ok).toBe(true);
  });
});
