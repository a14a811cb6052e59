/**
 * Avenant (« Quatrième situation »): a fiche de liaison with the modified PAP and both signatures; the duration
 * never changes; accepted, then agreed by the Président, the contract's PAP gets a new version and the old one stays readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView, PapRowInput } from '../../../shared/api/contracts';
import type { FicheView } from '../../../shared/api/fiches';
import { cersInput, contractsWorld, expectNothingWritten, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;
let contract: ContractView;

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
  let c = await h.ok(
    'contracts.create',
    cersInput(w.dA.person.id, [row('A.1.1', '2026-01-15', '2026-05-31', { services: ['CAF'] }), row('D.3', '2026-02-01', '2026-07-14')], { start: '2026-01-15' }),
    s.refA,
  );
  await recordEde(h, s.refA, w.dA.person.id, '2026-01-05', [2, 2, 2, 2, 2, 2, 2, 2]);
  c = await h.ok('contracts.sign', { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2026-01-10' }, beneficiaire: { nom: 'Anne Martin', date: '2026-01-10' } }, s.refA);
  c = await h.ok('contracts.transmit', { contractId: c.id, version: c.version, date: '2026-01-12' }, s.refA);
  contract = await h.ok('contracts.validate', { contractId: c.id, version: c.version, date: '2026-01-14' }, s.corr);
});
afterAll(async () => {
  await h?.dispose();
});

/** The current PAP as form rows, plus one new action. */
const modifiedPap = (c: ContractView, extra: PapRowInput[]) => ({
  actions: [...c.pap.actions.map(({ actionLabel: _l, ...r }) => ({ ...r, bilan: r.bilan ?? undefined })), ...extra],
});

describe('avenant', () => {
  let f: FicheView;
  const base = () => ({
    personId: w.dA.person.id,
    type: 'avenant' as const,
    date: '2026-02-16',
    contractId: contract.id,
    motif: 'Ajout d’une action mobilité (permis de conduire)',
    pap: modifiedPap(contract, [row('I.2', '2026-03-01', '2026-06-30')]),
    signatures: { referent: '2026-02-16', beneficiaire: '2026-02-16' },
  });

  it('an avenant changing the duration is refused at sending; nothing written', async () => {
    f = await h.ok('fiches.create', { ...base(), contrat: { start: '2026-01-15', end: '2026-10-14' } }, s.refA);
    expect(f.missingFields).toEqual({ contrat: 'L’avenant ne modifie pas la durée initialement prévue dans le contrat (du 15/01/2026 au 14/07/2026).' });
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-16' }, 'RULE', s.refA);
      expect(e.fieldErrors).toEqual({ contrat: 'L’avenant ne modifie pas la durée initialement prévue dans le contrat (du 15/01/2026 au 14/07/2026).' });
    });
  });

  it('the modified PAP is checked at its rows, the bénéficiaire’s signature is required', async () => {
    const { personId: _p, ...form } = base();
    const late = await h.ok(
      'fiches.update',
      { ...form, ficheId: f.id, version: f.version, pap: modifiedPap(contract, [row('I.2', '2026-03-01', '2026-09-30')]), signatures: { referent: '2026-02-16' } },
      s.refA,
    );
    expect(late.missingFields).toEqual({
      'pap.actions.2.end': 'Ligne 3 : l’échéance (30/09/2026) dépasse la fin du contrat (14/07/2026).',
      'signatures.beneficiaire': 'Signature du bénéficiaire obligatoire',
    });
    await expectNothingWritten(h, () => h.err('fiches.send', { ficheId: late.id, version: late.version, date: '2026-02-16' }, 'RULE', s.refA));
    f = await h.ok('fiches.update', { ...form, ficheId: late.id, version: late.version }, s.refA);
    expect(f.missing).toEqual([]);
    expect(f.fiche.pap?.actions.map((a) => a.actionCode)).toEqual(['A.1.1', 'D.3', 'I.2']);
  });

  it('sent and accepted: the contract gets PAP version 2; version 1 stays readable', async () => {
    f = await h.ok('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-16' }, s.refA);
    f = await h.ok('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-17', decision: 'acceptee', texte: 'Avenant accepté' }, s.corr);
    // The new PAP version comes with the Président's accord (fiches-president.test.ts).
    f = await h.ok('fiches.presidentDecision', { ficheId: f.id, version: f.version, decision: 'accord', date: '2026-02-17', signatoryName: 'Cora Correspondante', signatoryFunction: 'Chef du SLAI' }, s.corr);
    expect(f.avenantPapVersion).toBe(2);
    const c = await h.ok('contracts.get', { contractId: contract.id }, s.refA);
    expect(c.pap.version).toBe(2);
    expect(c.pap.actions.map((a) => a.actionCode)).toEqual(['A.1.1', 'D.3', 'I.2']);
    expect(c.papVersions.map((v) => [v.version, v.origin, v.ficheId, v.date, v.motif])).toEqual([
      [1, 'initial', null, null, null],
      [2, 'avenant', f.id, '2026-02-16', 'Ajout d’une action mobilité (permis de conduire)'],
    ]);
    expect(c).toMatchObject({ start: contract.start, end: contract.end, durationMonths: 6, status: 'valide' });
    const v1 = await h.ok('contracts.papVersion', { contractId: contract.id, papVersion: 1 }, s.sec);
    expect(v1.actions.map((a) => [a.actionCode, a.services])).toEqual([
      ['A.1.1', ['CAF']],
      ['D.3', []],
    ]);
    await h.err('contracts.papVersion', { contractId: contract.id, papVersion: 3 }, 'NOT_FOUND', s.refA);
    // Still read-only outside the bilan columns.
    await expectNothingWritten(h, async () => {
      const e = await h.err(
        'contracts.update',
        {
          contractId: c.id,
          version: c.version,
          type: 'CERS',
          start: c.start,
          durationMonths: 6,
          objectifs: 'Changé',
          resultatsAttendus: c.resultatsAttendus,
          pap: modifiedPap(c, []),
          referent: c.referent,
          cerp: null,
          suiviEmploi: [],
        },
        'RULE',
        s.refA,
      );
      expect(e.fieldErrors).toHaveProperty('objectifs');
    });
    // The bilan columns of the new version are open.
    const bilan = await h.ok(
      'contracts.saveBilan',
      { contractId: c.id, version: c.version, pap: { actions: [{ resultat: 'atteint', bilan: 'Dossier FSL déposé' }, {}, {}] } },
      s.refA,
    );
    expect(bilan.pap.actions[0]).toMatchObject({ resultat: 'atteint', bilan: 'Dossier FSL déposé' });
    expect((await h.ok('contracts.papVersion', { contractId: c.id, papVersion: 1 }, s.refA)).actions[0]!.resultat).toBeNull();
  });

  it('an avenant on a contract that is not in progress is refused at sending', async () => {
    const draft = await h.ok('contracts.create', cersInput(w.dA.person.id, [row('A.1.1', '2026-08-01', '2026-12-31')], { start: '2026-08-01' }), s.refA);
    const fiche = await h.ok('fiches.create', { ...base(), contractId: draft.id, pap: { actions: [row('A.1.1', '2026-08-01', '2026-12-31')] } }, s.refA);
    expect(fiche.missingFields.contractId).toMatch(/contrat en cours de validité/);
    await expectNothingWritten(h, () => h.err('fiches.send', { ficheId: fiche.id, version: fiche.version, date: '2026-02-16' }, 'RULE', s.refA));
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.create', { ...base(), contractId: 99999 }, 'VALIDATION', s.refA);
      expect(e.fieldErrors).toEqual({ contractId: 'Ce contrat n’est pas un contrat de ce bénéficiaire.' });
    });
  });
});
