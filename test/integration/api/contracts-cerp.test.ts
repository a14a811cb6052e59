/**
 * CERP: the professional parts, two métiers recherchés checked against the ROME referential, the fiche de suivi
 * emploi, the durations, the renewal carrying the suivi lines; the ROME picker; access per role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../../shared/api/contracts';
import { cerpInput, cersInput, contractsWorld, expectNothingWritten, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
});
afterAll(async () => {
  await h?.dispose();
});

describe('rome.search and the PAP picker', () => {
  it('finds ROME codes by words or by code, with their domain', async () => {
    const hits = await h.ok('rome.search', { query: 'magasinage', limit: 5 }, s.refB);
    expect(hits[0]).toEqual({ code: 'N1103', label: 'Magasinage et préparation de commandes', domaine: { letter: 'N', label: expect.stringMatching(/TRANSPORT/i) } });
    const byCode = await h.ok('rome.search', { query: 'd150', limit: 50 }, s.sec);
    expect(byCode.length).toBeGreaterThan(1);
    expect(byCode.every((x) => x.code.startsWith('D150'))).toBe(true);
  });

  it('lists the actions of a theme for the sphere, without headings or H.3.x', async () => {
    const pro = await h.ok('contracts.papActions', { type: 'CERP', theme: 'H' }, s.refB);
    expect(pro.map((a) => a.code)).toEqual(['H.1.1', 'H.1.2', 'H.1.3', 'H.2.1', 'H.2.2']);
    const sol = await h.ok('contracts.papActions', { type: 'CERS', theme: 'A' }, s.refA);
    expect(sol.find((a) => a.code === 'A.2')).toMatchObject({ notAlone: true });
    expect(sol.find((a) => a.code === 'A.1.1')?.services).toContain('CAF');
  });
});

describe('CERP', () => {
  let c: ContractView;

  it('the prefill proposes the CERP after a professional orientation, with its durations', async () => {
    const p = await h.ok('contracts.prefill', { personId: w.dB.person.id }, s.refB);
    expect(p).toMatchObject({ type: 'CERP', allowedDurations: [3, 6, 9, 12], orientation: { contractKind: 'CERP', deadline: '2025-07-02' } });
    expect(p.cerp?.situationEmploi.inscriptions.poleEmploi).toBe(false);
  });

  it('refuses an unknown ROME code at the métier, a third métier, and a 4-month duration; nothing written', async () => {
    const base = cerpInput(w.dB.person.id);
    await expectNothingWritten(h, async () => {
      const unknown = await h.err(
        'contracts.create',
        { ...base, cerp: { ...base.cerp!, metiers: [base.cerp!.metiers![0]!, { romeCode: 'N9999' }] } },
        'VALIDATION',
        s.refB,
      );
      expect(unknown.fieldErrors).toEqual({ 'cerp.metiers.1.romeCode': 'Ce code ROME n’existe pas dans le référentiel ROME' });
      const shape = await h.err('contracts.create', { ...base, cerp: { ...base.cerp!, metiers: [{ romeCode: 'XX12' }] } }, 'VALIDATION', s.refB);
      expect(shape.fieldErrors?.['cerp.metiers.0.romeCode']).toMatch(/Code ROME invalide/);
      const three = await h.err(
        'contracts.create',
        { ...base, cerp: { ...base.cerp!, metiers: [{ romeCode: 'N1103' }, { romeCode: 'D1507' }, { romeCode: 'N1101' }] } },
        'VALIDATION',
        s.refB,
      );
      expect(three.fieldErrors?.['cerp.metiers']).toBe('Deux métiers recherchés au plus');
      const duration = await h.err('contracts.create', { ...base, durationMonths: 4 }, 'VALIDATION', s.refB);
      expect(duration.fieldErrors?.durationMonths).toBe('Le CERP est conclu pour une durée de 3, 6, 9 ou 12 mois.');
      const noParts = await h.err('contracts.create', { ...base, cerp: null }, 'VALIDATION', s.refB);
      expect(noParts.fieldErrors?.cerp).toMatch(/Le CERP comprend la situation professionnelle/);
      const cers = await h.err('contracts.create', { ...cersInput(w.dB.person.id, [row('D.3', '2025-07-01', '2025-10-31')], { start: '2025-07-01' }) }, 'RULE', s.refB);
      expect(cers.fieldErrors?.type).toBe('Un CERS suit une orientation solidarité.');
    });
  });

  it('a fiche de suivi emploi line « non atteint » without its motif is refused at the line', async () => {
    const base = cerpInput(w.dB.person.id);
    await expectNothingWritten(h, async () => {
      const e = await h.err(
        'contracts.create',
        {
          ...base,
          suiviEmploi: [
            ...base.suiviEmploi!,
            { date: '2025-08-01', offre: 'Cariste – Transports Dupont', raisonnable: true, domaine: 'N', moyens: 'Offre Pôle Emploi', resultat: 'non_atteint' },
          ],
        },
        'VALIDATION',
        s.refB,
      );
      expect(e.fieldErrors).toEqual({ 'suiviEmploi.1.motif': 'Résultat « non atteint » : indiquez le motif' });
      const outside = await h.err(
        'contracts.create',
        { ...base, suiviEmploi: [{ date: '2026-01-10', offre: 'Cariste', raisonnable: false, domaine: 'N', moyens: 'Offre', resultat: 'atteint' }] },
        'RULE',
        s.refB,
      );
      expect(outside.fieldErrors?.['suiviEmploi.0.date']).toMatch(/hors de la durée du contrat/);
    });
  });

  it('saves the CERP with its two métiers (label and domain from the referential) and the suivi line', async () => {
    const base = cerpInput(w.dB.person.id);
    c = await h.ok(
      'contracts.create',
      {
        ...base,
        suiviEmploi: [
          ...base.suiviEmploi!,
          { date: '2025-08-01', offre: 'Cariste', raisonnable: true, domaine: 'N', moyens: 'Offre Pôle Emploi', resultat: 'non_atteint', motif: 'N’a pas postulé' },
        ],
      },
      s.refB,
    );
    expect(c).toMatchObject({ type: 'CERP', start: '2025-06-15', end: '2025-12-14', status: 'brouillon' });
    expect(c.cerp?.metiers.map((m) => [m.romeCode, m.romeLabel, m.domaine.letter])).toEqual([
      ['N1103', 'Magasinage et préparation de commandes', 'N'],
      ['D1507', 'Mise en rayon libre-service', 'D'],
    ]);
    expect(c.cerp?.situationProfessionnelle).toMatchObject({ rqth: false, niveauFormation: 'V', permisConduire: true });
    expect(c.cerp?.situationEmploi.inscriptions).toEqual({ poleEmploi: true, plie: true, maisonEmploi: false, ett: true });
    expect(c.suiviEmploi.map((l) => l.resultat)).toEqual(['atteint', 'non_atteint']);
    expect(c.referentials).toEqual({ actions: 1, rome: 1, diplomas: 1 });
  });

  it('signed, validated, started; the suivi emploi stays open; renewal carries the suivi lines over', async () => {
    // The EDE made with the beneficiary before the contract (required at signature).
    await recordEde(h, s.refB, w.dB.person.id, '2025-06-05', [2, 2, 2, 2, 2, 2, 2, 2]);
    c = await h.ok(
      'contracts.sign',
      { contractId: c.id, version: c.version, referent: { nom: 'Berthe Référente', date: '2025-06-13' }, beneficiaire: { nom: 'Bruno Bernard', date: '2025-06-13' } },
      s.refB,
    );
    c = await h.ok('contracts.transmit', { contractId: c.id, version: c.version, date: '2025-06-13' }, s.refB);
    c = await h.ok('contracts.validate', { contractId: c.id, version: c.version, date: '2025-06-14' }, s.corr);
    c = await h.ok('contracts.start', { contractId: c.id, version: c.version, date: '2025-06-15' }, s.refB);
    const lines = c.suiviEmploi.map((l) => ({ ...l, bilan: 'Suivi fait' }));
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.renew', { contractId: c.id, version: c.version, durationMonths: 3, newActions: [] }, 'RULE', s.refB);
      expect(e.fieldErrors?.['previous.suiviEmploi.0.bilan']).toMatch(/fiche de suivi emploi : remplissez le bilan-commentaires/);
    });
    c = await h.ok(
      'contracts.saveBilan',
      {
        contractId: c.id,
        version: c.version,
        pap: { actions: [{ resultat: 'atteint', bilan: 'CV refait' }, { resultat: 'partiellement_atteint', bilan: 'Deux entretiens' }] },
        suiviEmploi: [...lines, { date: '2025-09-01', offre: 'Préparateur – Arras Log', raisonnable: true, domaine: 'N', moyens: 'Réseau', resultat: 'partiellement_atteint', motif: 'Recrutement en cours', bilan: 'À suivre' }],
      },
      s.refB,
    );
    expect(c.suiviEmploi).toHaveLength(3);
    const renewal = await h.ok(
      'contracts.renew',
      { contractId: c.id, version: c.version, durationMonths: 3, newActions: [row('H.2.1', '2025-12-15', '2026-03-14')] },
      s.refB,
    );
    expect(renewal).toMatchObject({ type: 'CERP', start: '2025-12-15', end: '2026-03-14', durationMonths: 3 });
    expect(renewal.suiviEmploi.map((l) => l.offre)).toEqual(c.suiviEmploi.map((l) => l.offre));
    expect(renewal.cerp?.metiers.map((m) => m.romeCode)).toEqual(['N1103', 'D1507']);
    expect(renewal.pap.actions.map((a) => [a.actionCode, a.carriedOver])).toEqual([
      ['H.1.1', true],
      ['G.3.1', true],
      ['H.2.1', false],
    ]);
    // The carried-over suivi lines, dated in the previous period, don't stop the renewal's signature (after a new EDE).
    await recordEde(h, s.refB, w.dB.person.id, '2025-12-01', [2, 2, 2, 2, 2, 2, 2, 2]);
    const signed = await h.ok(
      'contracts.sign',
      { contractId: renewal.id, version: renewal.version, referent: { nom: 'Berthe Référente', date: '2025-12-10' }, beneficiaire: { nom: 'Bruno Bernard', date: '2025-12-10' } },
      s.refB,
    );
    expect(signed.status).toBe('signe');
  });
});

describe('access per role', () => {
  it('a référent cannot read or touch another référent’s contract; nothing written', async () => {
    const list = await h.ok('contracts.listForDossier', { personId: w.dB.person.id }, s.refB);
    const theirs = await h.ok('contracts.get', { contractId: list[0]!.id }, s.refB);
    await expectNothingWritten(h, async () => {
      const read = await h.err('contracts.get', { contractId: theirs.id }, 'FORBIDDEN', s.refA);
      expect(read.message).toMatch(/pas le référent nommé/);
      await h.err('contracts.listForDossier', { personId: w.dB.person.id }, 'FORBIDDEN', s.refA);
      await h.err('contracts.prefill', { personId: w.dB.person.id }, 'FORBIDDEN', s.refA);
      await h.err('contracts.create', cerpInput(w.dB.person.id, { start: '2026-01-05' }), 'FORBIDDEN', s.refA);
      await h.err(
        'contracts.saveBilan',
        { contractId: theirs.id, version: theirs.version, pap: { actions: theirs.pap.actions.map(() => ({ resultat: 'atteint', bilan: 'x' })) } },
        'FORBIDDEN',
        s.refA,
      );
      await h.err('contracts.renew', { contractId: theirs.id, version: theirs.version, durationMonths: 3, newActions: [] }, 'FORBIDDEN', s.refA);
      await h.err('contracts.papVersion', { contractId: theirs.id, papVersion: 1 }, 'FORBIDDEN', s.refA);
      await h.err('epSaisines.forDossier', { personId: w.dB.person.id }, 'FORBIDDEN', s.refA);
    });
  });

  it('the EP secretary reads contracts but writes none', async () => {
    const list = await h.ok('contracts.listForDossier', { personId: w.dB.person.id }, s.sec);
    expect(list.length).toBe(2);
    const c = await h.ok('contracts.get', { contractId: list[1]!.id }, s.sec);
    expect(c.allowedActions).toEqual([]);
    await expectNothingWritten(h, async () => {
      await h.err('contracts.create', cerpInput(w.dB.person.id, { start: '2026-06-01' }), 'FORBIDDEN', s.sec);
      await h.err('contracts.deleteDraft', { contractId: c.id, version: c.version }, 'FORBIDDEN', s.sec);
      await h.err(
        'contracts.sign',
        { contractId: c.id, version: c.version, referent: { nom: 'x', date: '2025-12-01' }, beneficiaire: { nom: 'y', date: '2025-12-01' } },
        'FORBIDDEN',
        s.sec,
      );
      await h.err('contracts.validate', { contractId: c.id, version: c.version, date: '2025-12-01' }, 'FORBIDDEN', s.sec);
    });
  });
});
