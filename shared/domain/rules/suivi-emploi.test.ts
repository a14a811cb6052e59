import { describe, expect, it } from 'vitest';
import { ROME_REFERENTIAL } from '../referentials/rome';
import { suggestRaisonnable, validateSuiviEmploi, type SuiviEmploiLineInput } from './suivi-emploi';

const line = (over: Partial<SuiviEmploiLineInput> = {}): SuiviEmploiLineInput => ({
  date: '2026-03-02',
  offre: 'Agent d’entretien, 24 h, Lens',
  raisonnable: true,
  domaine: 'K',
  moyens: 'Candidature accompagnée, CV mis à jour',
  resultat: 'atteint',
  ...over,
});

describe('fiche de suivi emploi', () => {
  it('accepts an offer whose résultat is atteint without motif', () => {
    expect(validateSuiviEmploi({ offres: [line()] }).ok).toBe(true);
  });

  it('requires the motif unless the résultat is atteint', () => {
    for (const resultat of ['partiellement_atteint', 'non_atteint'] as const) {
      const r = validateSuiviEmploi({ offres: [line(), line({ resultat })] });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toEqual([{ path: 'offres.1.motif', message: expect.stringMatching(/indiquez le motif/) }]);
    }
    expect(validateSuiviEmploi({ offres: [line({ resultat: 'non_atteint', motif: 'Pas de réponse du recruteur' })] }).ok).toBe(true);
  });

  it('requires the offer, whether it is raisonnable, the domain, the means and the résultat', () => {
    const r = validateSuiviEmploi({ offres: [{ offre: '', domaine: '', moyens: '' } as unknown as SuiviEmploiLineInput] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['offres.0.domaine', 'offres.0.moyens', 'offres.0.offre', 'offres.0.raisonnable', 'offres.0.resultat']);
  });

  it('checks the domain against the ROME domains and the date against the contract when given', () => {
    const domains = ROME_REFERENTIAL.data.domains;
    expect(validateSuiviEmploi({ offres: [line()] }, { romeDomains: domains }).ok).toBe(true);
    const r = validateSuiviEmploi({ offres: [line({ domaine: 'Z' })] }, { romeDomains: domains, contract: { start: '2026-04-01', end: '2026-06-30' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['offres.0.domaine', 'offres.0.date']);
  });

  it('requires the bilan-commentaires in the bilan phase', () => {
    const r = validateSuiviEmploi({ offres: [line()] }, { phase: 'bilan' });
    expect(r.ok).toBe(false);
    expect(validateSuiviEmploi({ offres: [line({ bilan: 'Embauché en CDD' })] }, { phase: 'bilan' }).ok).toBe(true);
  });
});

describe('suggestRaisonnable (matches what the contract defined)', () => {
  const targets = { metiersRecherches: [{ romeCode: 'K2204', domaine: 'K' }, { romeCode: null, domaine: 'N' }] };
  it('matches the ROME code, or else the domain', () => {
    expect(suggestRaisonnable({ romeCode: 'K2204', domaine: 'K' }, targets)).toBe(true);
    expect(suggestRaisonnable({ romeCode: 'N1103', domaine: 'N' }, targets)).toBe(true);
    expect(suggestRaisonnable({ romeCode: 'K1302', domaine: 'K' }, targets)).toBe(false);
    expect(suggestRaisonnable({ domaine: 'D' }, targets)).toBe(false);
    expect(suggestRaisonnable({ domaine: 'k' }, { metiersRecherches: [{ domaine: 'K' }] })).toBe(true);
  });
});
