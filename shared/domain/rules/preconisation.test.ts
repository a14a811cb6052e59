import { describe, expect, it } from 'vitest';
import { checkDecisionAgainstReference, decisionReference, divergesFrom, type EdeForDecision, type PreconisationForDecision } from './preconisation';

const edeMiddle: EdeForDecision = { date: '2026-01-10', total: 24, proposal: 'decision_ep_eo' };
const edePe: EdeForDecision = { date: '2026-01-10', total: 12, proposal: 'professionnelle_pole_emploi' };
const preco = (over: Partial<PreconisationForDecision> = {}): PreconisationForDecision => ({
  id: 7,
  date: '2026-01-20',
  team: 'EO de l’Arrageois',
  preconisation: 'professionnelle_autre',
  ...over,
});

describe('decision against the EO’s préconisation and the EDE', () => {
  it('an EDE between the thresholds without a préconisation: the EO must préconise first', () => {
    const ref = decisionReference({ date: '2026-02-01', ede: edeMiddle, preconisation: null });
    expect(ref.kind).toBe('eo_required');
    const checked = checkDecisionAgainstReference(ref, { orientation: 'solidarite', divergenceReason: 'peu importe' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors).toEqual([{ message: expect.stringMatching(/10\/01\/2026 \(24 points, entre les deux seuils\).*enregistrez d’abord sa préconisation/) as string }]);
    }
  });

  it('a préconisation older than the EDE does not count; one dated after the decision neither', () => {
    expect(decisionReference({ date: '2026-02-01', ede: edeMiddle, preconisation: preco({ date: '2026-01-05' }) }).kind).toBe('eo_required');
    expect(decisionReference({ date: '2026-01-15', ede: edeMiddle, preconisation: preco() }).kind).toBe('eo_required');
    expect(decisionReference({ date: '2026-01-20', ede: edeMiddle, preconisation: preco() }).kind).toBe('preconisation');
    // The same day as the EDE counts.
    expect(decisionReference({ date: '2026-02-01', ede: edeMiddle, preconisation: preco({ date: '2026-01-10' }) }).kind).toBe('preconisation');
  });

  it('following the préconisation: linked to it, no reason kept', () => {
    const ref = decisionReference({ date: '2026-02-01', ede: edeMiddle, preconisation: preco() });
    expect(ref.text).toBe('Préconisation de l’équipe d’orientation (EO de l’Arrageois) du 20/01/2026 : Orientation professionnelle autre que France Travail (ex-Pôle Emploi).');
    expect(checkDecisionAgainstReference(ref, { orientation: 'professionnelle_autre', divergenceReason: 'inutile' })).toEqual({
      ok: true,
      preconisationId: 7,
      divergenceReason: null,
    });
  });

  it('differing from the préconisation: a reason is required on divergenceReason, then kept trimmed', () => {
    const ref = decisionReference({ date: '2026-02-01', ede: edeMiddle, preconisation: preco() });
    expect(divergesFrom(ref, 'solidarite')).toBe(true);
    const missing = checkDecisionAgainstReference(ref, { orientation: 'solidarite', divergenceReason: '   ' });
    expect(missing).toEqual({
      ok: false,
      errors: [
        {
          path: 'divergenceReason',
          message:
            'La décision (Orientation solidarité) diffère de la préconisation de l’équipe d’orientation (Orientation professionnelle autre que France Travail (ex-Pôle Emploi)) : indiquez le motif de l’écart.',
        },
      ],
    });
    expect(checkDecisionAgainstReference(ref, { orientation: 'solidarite', divergenceReason: '  Logement à stabiliser ' })).toEqual({
      ok: true,
      preconisationId: 7,
      divergenceReason: 'Logement à stabiliser',
    });
  });

  it('without a préconisation, a clear EDE proposal is the reference', () => {
    const ref = decisionReference({ date: '2026-02-01', ede: edePe, preconisation: null });
    expect(ref).toMatchObject({ kind: 'ede', orientation: 'professionnelle_pole_emploi' });
    expect(checkDecisionAgainstReference(ref, { orientation: 'professionnelle_pole_emploi' })).toEqual({ ok: true, preconisationId: null, divergenceReason: null });
    const refused = checkDecisionAgainstReference(ref, { orientation: 'solidarite' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toMatch(/diffère de la proposition de l’échelle de distance à l’emploi \(Orientation professionnelle France Travail \(ex-Pôle Emploi\)\)/);
  });

  it('a préconisation prevails over the EDE’s clear proposal', () => {
    const ref = decisionReference({ date: '2026-02-01', ede: edePe, preconisation: preco({ preconisation: 'solidarite' }) });
    expect(checkDecisionAgainstReference(ref, { orientation: 'solidarite' })).toEqual({ ok: true, preconisationId: 7, divergenceReason: null });
    expect(checkDecisionAgainstReference(ref, { orientation: 'professionnelle_pole_emploi' }).ok).toBe(false);
  });

  it('with neither EDE nor préconisation, any decision goes without a reason', () => {
    const ref = decisionReference({ date: '2026-02-01', ede: null, preconisation: null });
    expect(ref.kind).toBe('none');
    expect(divergesFrom(ref, 'solidarite')).toBe(false);
    expect(checkDecisionAgainstReference(ref, { orientation: 'professionnelle_autre' })).toEqual({ ok: true, preconisationId: null, divergenceReason: null });
    // A préconisation without an EDE counts.
    expect(decisionReference({ date: '2026-02-01', ede: null, preconisation: preco() }).kind).toBe('preconisation');
  });
});
