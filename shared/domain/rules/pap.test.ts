import { describe, expect, it } from 'vitest';
import { ACTIONS_REFERENTIAL } from '../referentials/actions';
import { actionsForPicker, validatePap, type PapContext } from './pap';
import { FIXTURE_ACTIONS, papRow } from './testing';

const cers: PapContext = { actions: FIXTURE_ACTIONS, contract: { type: 'CERS', start: '2026-02-01', end: '2026-07-31' } };
const cerp: PapContext = { actions: FIXTURE_ACTIONS, contract: { type: 'CERP', start: '2026-02-01', end: '2026-04-30' } };

const errorsOf = (r: ReturnType<typeof validatePap>) => (r.ok ? [] : r.errors);

describe('validatePap', () => {
  it('accepts a complete row of the right theme and sphere, résultat and bilan optional', () => {
    const r = validatePap({ actions: [papRow()] }, cers);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.pap.actions[0]).toMatchObject({ actionCode: 'A.1.1', origin: 'saisie', carriedOver: false });
  });

  it('refuses an empty PAP', () => {
    expect(errorsOf(validatePap({ actions: [] }, cers))).toEqual([{ path: 'actions', message: 'Le plan d’accompagnement compte au moins une action.' }]);
  });

  it('refuses missing engagements and a bad date with the row path', () => {
    const errors = errorsOf(validatePap({ actions: [papRow(), papRow({ engagementReferent: '', end: '2026-02-30' })] }, cers));
    expect(errors.map((e) => e.path).sort()).toEqual(['actions.1.end', 'actions.1.engagementReferent']);
    expect(errors.find((e) => e.path === 'actions.1.engagementReferent')?.message).toBe('Engagement du référent : ce champ est obligatoire');
  });

  it('refuses an action unknown to the referential, or of another theme', () => {
    const errors = errorsOf(validatePap({ actions: [papRow({ actionCode: 'Z.9' }), papRow({ theme: 'B', actionCode: 'A.1.1' })] }, cers));
    expect(errors).toEqual([
      { path: 'actions.0.actionCode', message: expect.stringMatching(/n’existe pas dans le référentiel/) },
      { path: 'actions.1.actionCode', message: expect.stringMatching(/n’appartient pas au thème B/) },
    ]);
  });

  it('refuses a heading that has sub-actions', () => {
    const errors = errorsOf(validatePap({ actions: [papRow({ actionCode: 'A.1' })] }, cers));
    expect(errors).toEqual([{ path: 'actions.0.actionCode', message: expect.stringMatching(/rubrique.*A\.1\.1/) }]);
  });

  it('an action ending after the contract is refused at its end date', () => {
    const errors = errorsOf(validatePap({ actions: [papRow(), papRow({ end: '2026-08-01' })] }, cers));
    expect(errors).toEqual([{ path: 'actions.1.end', message: 'Ligne 2 : l’échéance (01/08/2026) dépasse la fin du contrat (31/07/2026).' }]);
  });

  it('refuses an action starting before the contract, or ending before it starts', () => {
    const errors = errorsOf(validatePap({ actions: [papRow({ start: '2026-01-31' }), papRow({ start: '2026-03-10', end: '2026-03-09' })] }, cers));
    expect(errors.map((e) => e.path)).toEqual(['actions.0.start', 'actions.1.end']);
    expect(errors[1]?.message).toMatch(/précède le début/);
    // start = end is allowed (a one-day action)
    expect(validatePap({ actions: [papRow({ start: '2026-03-10', end: '2026-03-10' })] }, cers).ok).toBe(true);
  });

  it('carried-over rows keep their old dates', () => {
    const r = validatePap({ actions: [papRow({ start: '2025-08-01', end: '2026-01-31', carriedOver: true }), papRow()] }, cers);
    expect(r.ok).toBe(true);
  });

  it('refuses an action outside the contract’s sphere (CERS → solidarité, CERP → professionnelle)', () => {
    expect(errorsOf(validatePap({ actions: [papRow({ theme: 'H', actionCode: 'H.1.1' })] }, cers))).toEqual([
      { path: 'actions.0.actionCode', message: expect.stringMatching(/ne concerne pas la sphère solidarité \(CERS\)/) },
    ]);
    expect(errorsOf(validatePap({ actions: [papRow()] }, cerp))).toEqual([
      { path: 'actions.0.actionCode', message: expect.stringMatching(/sphère professionnelle \(CERP\)/) },
    ]);
    expect(validatePap({ actions: [papRow({ theme: 'H', actionCode: 'H.1.1' })] }, cerp).ok).toBe(true);
  });

  it('refuses restricted actions (H.3.x) typed by hand, accepts them from the Pôle Emploi exchange', () => {
    const typed = errorsOf(validatePap({ actions: [papRow({ theme: 'H', actionCode: 'H.3.1' }), papRow({ theme: 'H', actionCode: 'H.1.1' })] }, cerp));
    expect(typed).toEqual([{ path: 'actions.0.actionCode', message: expect.stringMatching(/réservée à l’échange informatique avec France Travail \(ex-Pôle Emploi\)/) }]);
    const exchanged = validatePap(
      { actions: [papRow({ theme: 'H', actionCode: 'H.3.1', origin: 'echange_pole_emploi' }), papRow({ theme: 'H', actionCode: 'H.1.1' })] },
      cerp,
    );
    expect(exchanged.ok).toBe(true);
  });

  it('flags G.4.5 as needing the Président’s derogation until it is obtained', () => {
    const r = validatePap({ actions: [papRow({ theme: 'G', actionCode: 'G.4.5' })] }, cers);
    expect(r.ok && r.flags).toEqual([{ path: 'actions.0.actionCode', kind: 'derogation_requise', message: expect.stringMatching(/dérogation du Président/) }]);
    const ok = validatePap({ actions: [papRow({ theme: 'G', actionCode: 'G.4.5', derogationObtained: true })] }, cers);
    expect(ok.ok && ok.flags).toEqual([]);
  });

  it('a PAP made only of « ne peut être la seule action » actions is refused, on the PAP and its rows', () => {
    const errors = errorsOf(validatePap({ actions: [papRow({ actionCode: 'A.2' }), papRow({ theme: 'G', actionCode: 'G.1' })] }, cers));
    expect(errors[0]).toEqual({ path: 'actions', message: expect.stringMatching(/uniquement d’actions.*ligne 1 \(A\.2\), ligne 2 \(G\.1\)/) });
    expect(errors.slice(1).map((e) => e.path)).toEqual(['actions.0.actionCode', 'actions.1.actionCode']);
    // With another action it is fine.
    expect(validatePap({ actions: [papRow({ actionCode: 'A.2' }), papRow()] }, cers).ok).toBe(true);
  });

  it('only warns for « dans certains cas » actions (B.1)', () => {
    const r = validatePap({ actions: [papRow({ theme: 'B', actionCode: 'B.1' }), papRow({ actionCode: 'A.2' })] }, cers);
    expect(r.ok).toBe(true);
    expect(r.ok && r.flags).toEqual([{ path: 'actions.0.actionCode', kind: 'seule_action_a_verifier', message: expect.stringMatching(/dans certains cas/) }]);
  });

  it('in the bilan phase, résultat and bilan are required on every row', () => {
    const errors = errorsOf(validatePap({ actions: [papRow({ resultat: 'atteint', bilan: 'Dossier FSL accepté' }), papRow({ bilan: '  ' })] }, { ...cers, phase: 'bilan' }));
    expect(errors.map((e) => e.path)).toEqual(['actions.1.resultat', 'actions.1.bilan']);
  });

  it('works with the real referential (A.1.1 solidarité; H.3.1 restricted; a PAP of only A.2 refused)', () => {
    const actions = ACTIONS_REFERENTIAL.data.actions;
    const ctx: PapContext = { actions, contract: { type: 'CERS', start: '2026-02-01', end: '2026-07-31' } };
    expect(validatePap({ actions: [papRow()] }, ctx).ok).toBe(true);
    const onlyA2 = validatePap({ actions: [papRow({ actionCode: 'A.2' })] }, ctx);
    expect(onlyA2.ok).toBe(false);
    const h31 = validatePap({ actions: [papRow({ theme: 'H', actionCode: 'H.3.1' })] }, { ...ctx, contract: { ...ctx.contract, type: 'CERP' } });
    expect(h31.ok).toBe(false);
    if (!h31.ok) expect(h31.errors.some((e) => /Pôle Emploi/.test(e.message))).toBe(true);
    const g45 = validatePap({ actions: [papRow({ theme: 'G', actionCode: 'G.4.5' })] }, ctx);
    expect(g45.ok && g45.flags.map((f) => f.kind)).toEqual(['derogation_requise']);
  });
});

describe('actionsForPicker', () => {
  it('lists the theme’s leaf actions of the sphere, headings and restricted ones left out', () => {
    expect(actionsForPicker(FIXTURE_ACTIONS, 'H', 'CERP').map((a) => a.code)).toEqual(['H.1.1']);
    expect(actionsForPicker(FIXTURE_ACTIONS, 'G', 'CERS').map((a) => a.code)).toEqual(['G.1', 'G.2.3', 'G.4.5']);
    expect(actionsForPicker(FIXTURE_ACTIONS, 'H', 'CERS')).toEqual([]);
  });
});
