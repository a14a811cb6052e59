import { describe, expect, it } from 'vitest';
import { deskLinkPath } from './deskLinks';
import { askableFilter, dossierSectionPath, echeancierPath, parseEcheancierSearch } from './echeancierQuery';

const parse = (path: string) => parseEcheancierSearch(new URLSearchParams(path.split('?')[1] ?? ''));

describe('the échéancier’s address', () => {
  it('carries a whole filter there and back, in readable words', () => {
    const filter = {
      kinds: ['contrat_a_signer' as const, 'rendez_vous' as const],
      severities: ['en_retard' as const, 'urgent' as const],
      referentId: 3,
      from: '2026-12-01',
      to: '2026-12-31',
      personId: 12,
    };
    const path = echeancierPath(filter);
    expect(path).toBe('/echeancier?types=contrat_a_signer,rendez_vous&gravite=en_retard,urgent&referent=3&du=2026-12-01&au=2026-12-31&personne=12');
    expect(parse(path)).toEqual(filter);
    expect(echeancierPath({})).toBe('/echeancier');
    expect(echeancierPath({ kinds: [], severities: [] })).toBe('/echeancier');
  });

  it('keeps what it understands of a damaged address', () => {
    expect(parse('/echeancier?types=inconnu,avis_ep,avis_ep&gravite=grave&referent=abc&du=2026-02-30&au=2026-12-31&personne=0')).toEqual({
      kinds: ['avis_ep'],
      to: '2026-12-31',
    });
  });

  it('asks main without an end before the start (still being typed)', () => {
    expect(askableFilter({ from: '2026-12-10', to: '2026-12-01', severities: ['urgent'] })).toEqual({ from: '2026-12-10', severities: ['urgent'] });
    expect(askableFilter({ from: '2026-12-01', to: '2026-12-01' })).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('is where a desk link to the échéancier goes; a dossier link opens its section', () => {
    expect(deskLinkPath({ to: 'echeancier', filter: { severities: ['en_retard'], referentId: 2 } })).toBe('/echeancier?gravite=en_retard&referent=2');
    expect(deskLinkPath({ to: 'dossier', personId: 7, section: 'rendez-vous' })).toBe('/beneficiaires/7?section=rendez-vous');
    expect(deskLinkPath({ to: 'dossier', personId: 7 })).toBe('/beneficiaires/7');
    expect(dossierSectionPath(7, 'ep')).toBe('/beneficiaires/7?section=ep');
  });
});
