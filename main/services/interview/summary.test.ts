import { describe, expect, it } from 'vitest';
import { edeForContract } from './summary';

const contract = (id: number, start: string, end: string, status = 'en_cours', type: 'CERS' | 'CERP' = 'CERS') => ({ id, type, start, end, status });

describe('EDE and the current contract (« à chaque renouvellement de contrat »)', () => {
  it('no contract: nothing to say', () => {
    expect(edeForContract([], null)).toEqual({ currentContract: null, outdated: false, reason: null });
  });

  it('a contract without any EDE: outdated, said so', () => {
    const r = edeForContract([contract(1, '2026-01-05', '2026-07-04')], null);
    expect(r.outdated).toBe(true);
    expect(r.reason).toMatch(/Aucune EDE/);
    expect(r.currentContract).toEqual({ id: 1, type: 'CERS', start: '2026-01-05', end: '2026-07-04' });
  });

  it('a first contract may rely on the EDE of the orientation, even older than its start', () => {
    expect(edeForContract([contract(1, '2026-01-05', '2026-07-04')], '2025-11-20').outdated).toBe(false);
  });

  it('a renewal needs an EDE made since the previous contract started', () => {
    const chain = [contract(1, '2026-01-05', '2026-07-04', 'echu'), contract(2, '2026-07-05', '2027-01-04', 'brouillon')];
    const old = edeForContract(chain, '2025-11-20');
    expect(old.outdated).toBe(true);
    expect(old.reason).toBe(
      'La dernière EDE (20/11/2025) est antérieure au contrat précédent (05/01/2026) : une EDE est demandée à chaque renouvellement de contrat.',
    );
    expect(old.currentContract?.id).toBe(2);
    expect(edeForContract(chain, '2026-06-20').outdated).toBe(false);
    expect(edeForContract(chain, '2026-01-05').outdated).toBe(false);
  });

  it('the EDE that prepared the previous contract (up to its signature) does not prepare the renewal, as at signature', () => {
    const chain = [{ ...contract(1, '2026-01-05', '2026-07-04', 'echu'), signedOn: '2026-01-10' }, contract(2, '2026-07-05', '2027-01-04', 'brouillon')];
    const r = edeForContract(chain, '2026-01-08');
    expect(r.outdated).toBe(true);
    expect(r.reason).toBe(
      'La dernière EDE (08/01/2026) est celle de la signature du contrat précédent (10/01/2026) : une nouvelle EDE est demandée à chaque renouvellement de contrat.',
    );
    expect(edeForContract(chain, '2026-01-11').outdated).toBe(false);
  });

  it('ignores rejected contracts', () => {
    const chain = [contract(1, '2026-01-05', '2026-07-04', 'rejete'), contract(2, '2026-02-01', '2026-07-31', 'valide')];
    expect(edeForContract(chain, '2025-11-20')).toMatchObject({ outdated: false, currentContract: { id: 2 } });
  });
});
