/**
 * CERS: draft, PAP rules at the row, life cycle with every refused transition writing nothing, renewal with the
 * actions carried over, the 12-month term seizing the EP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../../shared/api/contracts';
import { cersInput, contractsWorld, everyTable, expectNothingWritten, ORIENTATION_A, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
  // The EDE made with the beneficiary before the first contract (required at signature).
  await recordEde(h, s.refA, w.dA.person.id, '2025-01-20', [3, 3, 4, 3, 3, 4, 3, 3]);
});
afterAll(async () => {
  await h?.dispose();
});

/** A CERS draft of dossier A made before the 12 months were reached (the cap refuses it later; then it is deleted). */
let stray: ContractView;

/** The form of a contract view (what the screen sends back to contracts.update). */
const formOf = (c: ContractView) => ({
  contractId: c.id,
  version: c.version,
  type: c.type,
  start: c.start,
  durationMonths: c.durationMonths,
  objectifs: c.objectifs,
  resultatsAttendus: c.resultatsAttendus,
  emploisRecherches: c.emploisRecherches,
  pap: {
    actions: c.pap.actions.map(({ actionLabel: _l, ...r }) => ({ ...r, bilan: r.bilan ?? undefined })),
  },
  referent: c.referent,
  remarquesBeneficiaire: c.remarquesBeneficiaire,
  cerp: null,
  suiviEmploi: [],
});

describe('prefill', () => {
  it('gives the état civil, the orientation with its deadline, the CERS durations and the EDE themes', async () => {
    const p = await h.ok('contracts.prefill', { personId: w.dA.person.id }, s.refA);
    expect(p.etatCivil).toMatchObject({ nomPatronymique: 'MARTIN', prenoms: 'Anne', cafNumber: w.dA.foyer.cafNumber, address: { city: 'Arras' } });
    expect(p.orientation).toMatchObject({ date: ORIENTATION_A, orientation: 'solidarite', sphere: 'solidarite', contractKind: 'CERS', deadline: '2025-03-10' });
    expect(p.type).toBe('CERS');
    expect(p.allowedDurations).toEqual([6]);
    expect(p.referentIdentity).toMatchObject({ id: w.staff.referentA.id, displayName: 'Rémi Référent' });
    expect(p.blockers).toEqual([]);
    const none = await h.ok('contracts.prefill', { personId: w.dNone.person.id }, s.refA);
    expect(none.orientation).toBeNull();
    expect(none.type).toBeNull();
    expect(none.blockers[0]).toMatch(/Aucune décision d’orientation/);
  });
});

describe('CERS draft', () => {
  it('no orientation decision: no contract, nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.create', cersInput(w.dNone.person.id, [row('A.1.1', '2025-02-01', '2025-05-31')]), 'RULE', s.refA);
      expect(e.message).toMatch(/Aucune décision d’orientation/);
    });
  });

  it('a contract starting before its orientation decision is refused at its start, nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err(
        'contracts.create',
        cersInput(w.dA.person.id, [row('A.1.1', '2025-01-05', '2025-05-31')], { start: '2025-01-05' }),
        'RULE',
        s.refA,
      );
      expect(e.fieldErrors?.start).toMatch(/ne peut pas commencer \(05\/01\/2025\) avant la décision d’orientation \(10\/01\/2025\)/);
    });
  });

  it('refuses a CERP after a solidarité orientation and a duration the rules do not allow', async () => {
    await expectNothingWritten(h, async () => {
      const duration = await h.err('contracts.create', cersInput(w.dA.person.id, [row('A.1.1', '2025-02-01', '2025-05-31')], { durationMonths: 12 }), 'VALIDATION', s.refA);
      expect(duration.fieldErrors?.durationMonths).toMatch(/CERS est conclu pour une durée de 6 mois/);
    });
  });

  it('a PAP made only of « ne peut être la seule action » actions is refused, on the PAP and at each row', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err(
        'contracts.create',
        cersInput(w.dA.person.id, [row('A.2', '2025-02-01', '2025-04-30'), row('G.1', '2025-02-01', '2025-07-31')]),
        'RULE',
        s.refA,
      );
      expect(e.fieldErrors?.['pap.actions']).toMatch(/ne peut pas se composer uniquement d’actions/);
      expect(e.fieldErrors?.['pap.actions.0.actionCode']).toMatch(/Ligne 1 : cette action ne peut être la seule action/);
      expect(e.fieldErrors?.['pap.actions.1.actionCode']).toMatch(/Ligne 2/);
    });
  });

  it('an action ending after the contract is refused at the row’s end; unknown services at the row’s services', async () => {
    await expectNothingWritten(h, async () => {
      const late = await h.err(
        'contracts.create',
        cersInput(w.dA.person.id, [row('A.1.1', '2025-02-01', '2025-05-31'), row('D.3', '2025-03-01', '2025-09-30')]),
        'RULE',
        s.refA,
      );
      expect(late.fieldErrors).toEqual({ 'pap.actions.1.end': 'Ligne 2 : l’échéance (30/09/2025) dépasse la fin du contrat (31/07/2025).' });
      const services = await h.err(
        'contracts.create',
        cersInput(w.dA.person.id, [row('A.1.1', '2025-02-01', '2025-05-31', { services: ['CAF', 'Pôle Emploi'] })]),
        'VALIDATION',
        s.refA,
      );
      expect(services.fieldErrors?.['pap.actions.0.services.1']).toMatch(/« Pôle Emploi » ne figure pas parmi les services/);
      const restricted = await h.err('contracts.create', cersInput(w.dA.person.id, [row('H.1.3', '2025-02-01', '2025-05-31')]), 'RULE', s.refA);
      expect(restricted.fieldErrors?.['pap.actions.0.actionCode']).toMatch(/ne concerne pas la sphère solidarité/);
    });
  });
});

describe('CERS life cycle', () => {
  let c: ContractView;

  it('the fixed PAP is saved as a draft, with the end date, the état civil and the referential versions', async () => {
    c = await h.ok(
      'contracts.create',
      cersInput(w.dA.person.id, [
        row('A.2', '2025-02-01', '2025-04-30'),
        row('G.1', '2025-02-01', '2025-07-31'),
        row('a.1.1', '2025-02-15', '2025-06-30', { services: ['CAF', 'Bailleurs'] }),
      ]),
      s.refA,
    );
    expect(c).toMatchObject({ type: 'CERS', status: 'brouillon', start: '2025-02-01', end: '2025-07-31', readOnly: false, renewalOfId: null });
    expect(c.orientation).toMatchObject({ date: ORIENTATION_A, orientation: 'solidarite' });
    expect(c.pap.version).toBe(1);
    expect(c.pap.actions.map((a) => a.actionCode)).toEqual(['A.2', 'G.1', 'A.1.1']);
    expect(c.pap.actions[2]).toMatchObject({ services: ['CAF', 'Bailleurs'], actionLabel: 'Accompagnement Logement dans le cadre du FSL' });
    expect(c.referentials.actions).toBe(1);
    expect(c.etatCivil.nomPatronymique).toBe('MARTIN');
    expect(c.allowedActions).toEqual(['modifier', 'supprimer', 'signer']);
  });

  it('refuses validating, transmitting or starting an unsigned contract; nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const v = await h.err('contracts.validate', { contractId: c.id, version: c.version, date: '2025-02-05' }, 'RULE', s.corr);
      expect(v.message).toBe('Un contrat non signé ne peut pas être validé : faites-le signer par le bénéficiaire et le référent, puis transmettez-le au SLAI.');
      expect(v.fieldErrors).toEqual({ status: v.message });
      await h.err('contracts.transmit', { contractId: c.id, version: c.version, date: '2025-02-05' }, 'RULE', s.refA);
      await h.err('contracts.start', { contractId: c.id, version: c.version, date: '2025-02-05' }, 'RULE', s.refA);
      await h.err('contracts.terminate', { contractId: c.id, version: c.version, date: '2025-08-05' }, 'RULE', s.refA);
      await h.err('contracts.reject', { contractId: c.id, version: c.version, date: '2025-02-05', motif: 'x' }, 'RULE', s.corr);
    });
  });

  it('a draft changes freely; a stale version is a CONFLICT', async () => {
    const edited = await h.ok('contracts.update', { ...formOf(c), objectifs: 'Stabiliser le logement' }, s.refA);
    expect(edited.objectifs).toBe('Stabiliser le logement');
    expect(edited.version).toBe(c.version + 1);
    await expectNothingWritten(h, () => h.err('contracts.update', { ...formOf(c), objectifs: 'Ancienne version' }, 'CONFLICT', s.refA));
    c = edited;
  });

  it('signing needs both names and is refused in the future; then the contract is signed and read-only', async () => {
    await expectNothingWritten(h, async () => {
      const missing = await h.err(
        'contracts.sign',
        { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2025-01-31' }, beneficiaire: { nom: '', date: '2025-01-31' } },
        'VALIDATION',
        s.refA,
      );
      expect(Object.keys(missing.fieldErrors ?? {})).toEqual(['beneficiaire.nom']);
      const future = await h.err(
        'contracts.sign',
        { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2026-04-01' }, beneficiaire: { nom: 'Anne Martin', date: '2025-01-31' } },
        'RULE',
        s.refA,
      );
      expect(future.fieldErrors?.['referent.date']).toMatch(/ne peut pas être postérieure à aujourd’hui/);
      const beforeOrientation = await h.err(
        'contracts.sign',
        { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2025-01-05' }, beneficiaire: { nom: 'Anne Martin', date: '2025-01-04' } },
        'RULE',
        s.refA,
      );
      expect(beforeOrientation.fieldErrors?.['referent.date']).toMatch(/ne peut pas être signé avant la décision d’orientation/);
    });
    c = await h.ok(
      'contracts.sign',
      { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2025-01-31' }, beneficiaire: { nom: 'Anne Martin', date: '2025-01-30' } },
      s.refA,
    );
    expect(c).toMatchObject({ status: 'signe', signedOn: '2025-01-31', readOnly: true });
    expect(c.signatures).toEqual({ referent: { nom: 'Rémi Référent', date: '2025-01-31' }, beneficiaire: { nom: 'Anne Martin', date: '2025-01-30' } });
  });

  it('editing a signed contract is a RULE error at the field or row, nothing written; signing again is refused', async () => {
    await expectNothingWritten(h, async () => {
      const text = await h.err('contracts.update', { ...formOf(c), objectifs: 'Autre objectif' }, 'RULE', s.refA);
      expect(text.fieldErrors).toEqual({ objectifs: 'Contrat signé : il ne se modifie que par un avenant (fiche de liaison).' });
      const rowChange = formOf(c);
      rowChange.pap.actions[2] = { ...rowChange.pap.actions[2]!, end: '2025-07-15' };
      const pap = await h.err('contracts.update', rowChange, 'RULE', s.refA);
      expect(pap.fieldErrors?.['pap.actions.2']).toMatch(/Ligne 3 : seuls le résultat et le bilan se remplissent sur un contrat signé/);
      const added = formOf(c);
      added.pap.actions.push(row('D.3', '2025-03-01', '2025-05-31') as never);
      const more = await h.err('contracts.update', added, 'RULE', s.refA);
      expect(more.fieldErrors?.['pap.actions']).toMatch(/ne se modifie que par un avenant/);
      const duration = await h.err('contracts.update', { ...formOf(c), start: '2025-03-01' }, 'RULE', s.refA);
      expect(Object.keys(duration.fieldErrors ?? {})).toEqual(['start']);
      const again = await h.err(
        'contracts.sign',
        { contractId: c.id, version: c.version, referent: { nom: 'R', date: '2025-02-01' }, beneficiaire: { nom: 'A', date: '2025-02-01' } },
        'RULE',
        s.refA,
      );
      expect(again.message).toMatch(/déjà signé/);
    });
    // Only the bilan columns changed: accepted, through the same method.
    const bilanOnly = formOf(c);
    bilanOnly.pap.actions[1] = { ...bilanOnly.pap.actions[1]!, resultat: 'partiellement_atteint', bilan: 'En cours' };
    c = await h.ok('contracts.update', bilanOnly, s.refA);
    expect(c.pap.actions[1]).toMatchObject({ resultat: 'partiellement_atteint', bilan: 'En cours' });
    expect(c.status).toBe('signe');
  });

  it('transmitted to the SLAI; the référent cannot decide; a rejection without motif is refused', async () => {
    c = await h.ok('contracts.transmit', { contractId: c.id, version: c.version, date: '2025-02-01' }, s.refA);
    expect(c).toMatchObject({ status: 'transmis_slai', transmittedOn: '2025-02-01', allowedActions: ['bilan'] });
    const inbox = await h.ok('contracts.awaitingDecision', {}, s.corr);
    expect(inbox.map((x) => x.id)).toEqual([c.id]);
    expect(inbox[0]).toMatchObject({ beneficiaire: 'MARTIN Anne', referent: 'Rémi Référent' });
    await expectNothingWritten(h, async () => {
      await h.err('contracts.validate', { contractId: c.id, version: c.version, date: '2025-02-03' }, 'FORBIDDEN', s.refA);
      await h.err('contracts.awaitingDecision', {}, 'FORBIDDEN', s.refA);
      const noMotif = await h.err('contracts.reject', { contractId: c.id, version: c.version, date: '2025-02-03', motif: '  ' }, 'RULE', s.corr);
      expect(noMotif.fieldErrors).toEqual({ motif: 'Indiquez le motif du rejet.' });
      const early = await h.err('contracts.validate', { contractId: c.id, version: c.version, date: '2025-01-31' }, 'RULE', s.corr);
      expect(early.fieldErrors?.date).toMatch(/ne peut pas précéder la transmission/);
    });
  });

  it('validated by the correspondent for the Président, then started', async () => {
    c = await h.ok('contracts.validate', { contractId: c.id, version: c.version, date: '2025-02-03' }, s.corr);
    expect(c.decision).toEqual({ sens: 'valide', date: '2025-02-03', motif: null, par: 'Cora Correspondante' });
    await expectNothingWritten(h, () => h.err('contracts.reject', { contractId: c.id, version: c.version, date: '2025-02-04', motif: 'Trop tard' }, 'RULE', s.corr));
    c = await h.ok('contracts.start', { contractId: c.id, version: c.version, date: '2025-02-03' }, s.refA);
    expect(c).toMatchObject({ status: 'en_cours', startedOn: '2025-02-03' });
    expect(c.allowedActions).toEqual(['bilan', 'avenant', 'renouveler', 'echoir']);
  });

  let renewal: ContractView;

  it('renewal waits for the bilan of every previous action (at the previous rows), nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.renew', { contractId: c.id, version: c.version, durationMonths: 6, newActions: [row('D.3', '2025-08-01', '2025-12-31')] }, 'RULE', s.refA);
      expect(e.fieldErrors?.['previous.pap.actions.0.resultat']).toBe('Ligne 1 du PAP : indiquez le résultat.');
      expect(e.fieldErrors?.['previous.pap.actions.2.bilan']).toBe('Ligne 3 du PAP : remplissez le bilan-commentaires.');
    });
  });

  it('the bilan columns stay open on a signed contract', async () => {
    c = await h.ok(
      'contracts.saveBilan',
      {
        contractId: c.id,
        version: c.version,
        pap: {
          actions: [
            { resultat: 'atteint', bilan: 'Démarches faites' },
            { resultat: 'partiellement_atteint', bilan: 'Projet à préciser' },
            { resultat: 'non_atteint', bilan: 'Pas de logement trouvé' },
          ],
        },
      },
      s.refA,
    );
    expect(c.pap.actions.map((a) => a.resultat)).toEqual(['atteint', 'partiellement_atteint', 'non_atteint']);
    expect(c.status).toBe('en_cours');
    await expectNothingWritten(h, async () => {
      const count = await h.err('contracts.saveBilan', { contractId: c.id, version: c.version, pap: { actions: [{ resultat: 'atteint' }] } }, 'VALIDATION', s.refA);
      expect(count.fieldErrors?.['pap.actions']).toMatch(/porte sur les 3 actions/);
      const suivi = await h.err(
        'contracts.saveBilan',
        { contractId: c.id, version: c.version, pap: { actions: c.pap.actions.map((a) => ({ resultat: a.resultat, bilan: a.bilan })) }, suiviEmploi: [{ offre: 'x', raisonnable: true, domaine: 'N', moyens: 'x', resultat: 'atteint' }] },
        'RULE',
        s.refA,
      );
      expect(suivi.fieldErrors?.suiviEmploi).toMatch(/ne concerne que le CERP/);
    });
  });

  it('renews: a new draft carrying the previous actions with their bilan, plus the new ones', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err(
        'contracts.renew',
        { contractId: c.id, version: c.version, durationMonths: 6, newActions: [row('D.3', '2025-08-01', '2026-03-31')] },
        'RULE',
        s.refA,
      );
      expect(e.fieldErrors?.['newActions.0.end']).toMatch(/dépasse la fin du contrat \(31\/01\/2026\)/);
    });
    renewal = await h.ok(
      'contracts.renew',
      { contractId: c.id, version: c.version, durationMonths: 6, newActions: [row('D.3', '2025-08-01', '2025-12-31')] },
      s.refA,
    );
    expect(renewal).toMatchObject({ status: 'brouillon', type: 'CERS', start: '2025-08-01', end: '2026-01-31', renewalOfId: c.id });
    expect(renewal.pap.actions.map((a) => [a.actionCode, a.carriedOver, a.resultat, a.bilan])).toEqual([
      ['A.2', true, 'atteint', 'Démarches faites'],
      ['G.1', true, 'partiellement_atteint', 'Projet à préciser'],
      ['A.1.1', true, 'non_atteint', 'Pas de logement trouvé'],
      ['D.3', false, null, null],
    ]);
    expect(renewal.objectifs).toBe('Stabiliser le logement');
    const previous = await h.ok('contracts.get', { contractId: c.id }, s.refA);
    expect(previous.renewedById).toBe(renewal.id);
    await expectNothingWritten(h, () =>
      h.err('contracts.renew', { contractId: c.id, version: previous.version, durationMonths: 6, newActions: [] }, 'RULE', s.refA),
    );
    c = previous;
  });

  it('at term the contract becomes échu (not before its end)', async () => {
    await expectNothingWritten(h, async () => {
      const early = await h.err('contracts.terminate', { contractId: c.id, version: c.version, date: '2025-07-31' }, 'RULE', s.refA);
      expect(early.fieldErrors?.date).toMatch(/court jusqu’au 31\/07\/2025 inclus/);
    });
    c = await h.ok('contracts.terminate', { contractId: c.id, version: c.version, date: '2025-08-01', bilanGeneral: 'Premier semestre positif' }, s.refA);
    expect(c).toMatchObject({ status: 'echu', endedOn: '2025-08-01', bilanGeneral: 'Premier semestre positif', epSaisineId: null });
  });

  it('a second CERS draft made while only 6 months are signed is accepted (6 + 6 months)', async () => {
    stray = await h.ok(
      'contracts.create',
      cersInput(w.dA.person.id, [row('A.1.1', '2026-02-15', '2026-05-31'), row('G.4.5', '2026-03-01', '2026-06-30')], { start: '2026-02-15' }),
      s.refA,
    );
    expect(stray).toMatchObject({ status: 'brouillon', type: 'CERS', orientation: { date: ORIENTATION_A } });
  });

  it('the renewal reaching 12 months of solidarité: terminating it seizes the EP; a third CERS is refused', async () => {
    // A new EDE at the renewal (required at signature).
    await recordEde(h, s.refA, w.dA.person.id, '2025-07-15', [3, 3, 3, 3, 3, 3, 3, 3]);
    let r: ContractView = await h.ok(
      'contracts.sign',
      { contractId: renewal.id, version: renewal.version, referent: { nom: 'Rémi Référent', date: '2025-07-28' }, beneficiaire: { nom: 'Anne Martin', date: '2025-07-28' } },
      s.refA,
    );
    r = await h.ok('contracts.transmit', { contractId: r.id, version: r.version, date: '2025-07-29' }, s.refA);
    r = await h.ok('contracts.validate', { contractId: r.id, version: r.version, date: '2025-07-30' }, s.corr);
    r = await h.ok('contracts.start', { contractId: r.id, version: r.version, date: '2025-08-01' }, s.refA);
    const outcomes = await h.ok('contracts.outcomes', { contractId: r.id }, s.refA);
    expect(outcomes.solidarityMonths).toBe(12);
    expect(outcomes.outcomes.map((o) => [o.kind, o.handbookCase])).toEqual([['saisine_ep', 3]]);
    expect(outcomes.outcomes[0]!.blockers.map((b) => b.path)).toContain('pap.actions.3.resultat');
    await expectNothingWritten(h, async () => {
      const third = await h.err('contracts.renew', { contractId: r.id, version: r.version, durationMonths: 6, newActions: [] }, 'RULE', s.refA);
      expect(third.message).toMatch(/n’est renouvelable qu’une fois/);
      const noBilan = await h.err('contracts.terminate', { contractId: r.id, version: r.version, date: '2026-02-02' }, 'RULE', s.refA);
      expect(noBilan.fieldErrors?.['pap.actions.3.resultat']).toBe('Ligne 4 du PAP : indiquez le résultat.');
    });
    r = await h.ok(
      'contracts.saveBilan',
      { contractId: r.id, version: r.version, pap: { actions: r.pap.actions.map((a) => ({ resultat: a.resultat ?? 'atteint', bilan: a.bilan ?? 'Budget rééquilibré' })) } },
      s.refA,
    );
    r = await h.ok('contracts.terminate', { contractId: r.id, version: r.version, date: '2026-02-02' }, s.refA);
    expect(r.status).toBe('echu');
    expect(r.epSaisineId).not.toBeNull();
    const saisines = await h.ok('epSaisines.forDossier', { personId: w.dA.person.id }, s.sec);
    expect(saisines).toEqual([
      expect.objectContaining({
        id: r.epSaisineId,
        origin: 'cers_12_mois',
        date: '2026-02-02',
        avisDeadline: '2026-03-02',
        status: 'en_attente',
        contractId: r.id,
        papId: r.pap.id,
        ficheId: null,
      }),
    ]);
    expect(saisines[0]!.theme).toMatch(/12 mois/);
  });

  it('the 12-month cap holds on create, update and sign too: no third CERS under the same orientation, nothing written', async () => {
    const cap = /déjà 12 mois de CERS sous cette décision d’orientation : un CERS de plus dépasserait 12 mois/;
    await expectNothingWritten(h, async () => {
      const created = await h.err('contracts.create', cersInput(w.dA.person.id, [row('D.3', '2026-03-01', '2026-06-30')], { start: '2026-03-01' }), 'RULE', s.refA);
      expect(created.fieldErrors?.type ?? created.message).toMatch(cap);
      const updated = await h.err('contracts.update', { ...formOf(stray), objectifs: 'Autre objectif' }, 'RULE', s.refA);
      expect(updated.fieldErrors?.type ?? updated.message).toMatch(cap);
      const signed = await h.err(
        'contracts.sign',
        { contractId: stray.id, version: stray.version, referent: { nom: 'Rémi Référent', date: '2026-02-02' }, beneficiaire: { nom: 'Anne Martin', date: '2026-02-02' } },
        'RULE',
        s.refA,
      );
      expect(signed.fieldErrors?.type ?? signed.message).toMatch(cap);
    });
    expect(await h.ok('contracts.get', { contractId: stray.id }, s.refA)).toMatchObject({ status: 'brouillon', version: stray.version, signedOn: null });
  });
});

describe('drafts and the journal', () => {
  it('a draft is deleted; a signed contract is not', async () => {
    // Past 12 months of CERS no new CERS is created under this orientation: the draft is the one made in time.
    const draft = stray;
    // G.4.5 is saved but flagged: the Président's derogation is needed.
    expect(draft.pap.flags).toEqual([expect.objectContaining({ path: 'pap.actions.1.actionCode', kind: 'derogation_requise' })]);
    await h.ok('contracts.deleteDraft', { contractId: draft.id, version: draft.version }, s.refA);
    await h.err('contracts.get', { contractId: draft.id }, 'NOT_FOUND', s.refA);
    const list = await h.ok('contracts.listForDossier', { personId: w.dA.person.id }, s.refA);
    expect(list.map((x) => x.status)).toEqual(['echu', 'echu']);
    await expectNothingWritten(h, () => h.err('contracts.deleteDraft', { contractId: list[0]!.id, version: 99 }, 'CONFLICT', s.refA));
    const signed = await h.ok('contracts.get', { contractId: list[0]!.id }, s.refA);
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.deleteDraft', { contractId: signed.id, version: signed.version }, 'RULE', s.refA);
      expect(e.message).toMatch(/Seul un brouillon se supprime/);
    });
  });

  it('every write is journaled with its author, before and after', async () => {
    const list = await h.ok('contracts.listForDossier', { personId: w.dA.person.id }, s.refA);
    const { audit_log } = await everyTable(h);
    const entries = audit_log as { entity: string; entity_id: string; action: string; user_login: string; before_json: string | null; after_json: string | null }[];
    const first = entries.filter((e) => e.entity === 'contract' && e.entity_id === String(list[0]!.id));
    expect(first.map((e) => e.action)).toEqual(['create', ...Array<string>(first.length - 1).fill('update')]);
    expect(first.length).toBeGreaterThanOrEqual(9);
    expect(new Set(first.map((e) => e.user_login))).toEqual(new Set(['remi', 'cora']));
    expect(first.slice(1).every((e) => e.before_json !== null && e.after_json !== null)).toBe(true);
    const validation = first.find((e) => e.user_login === 'cora')!;
    expect(JSON.parse(validation.before_json!)).toMatchObject({ status: 'transmis_slai' });
    expect(JSON.parse(validation.after_json!)).toMatchObject({ status: 'valide', decidedOn: '2025-02-03' });
    const deleted = entries.filter((e) => e.entity === 'contract' && e.action === 'delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.after_json).toBeNull();
    expect(entries.filter((e) => e.entity === 'ep_saisine' && e.action === 'create')).toHaveLength(1);
  });

  it('a signed contract overlapping a new one is refused at its start', async () => {
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.create', cersInput(w.dA.person.id, [row('A.1.1', '2025-06-01', '2025-09-30')], { start: '2025-06-01' }), 'RULE', s.refA);
      expect(e.fieldErrors?.start).toMatch(/chevaucherait le CERS du 01\/02\/2025 au 31\/07\/2025/);
    });
  });
});
