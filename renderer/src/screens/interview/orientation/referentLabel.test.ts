import { describe, expect, it } from 'vitest';
import { referentLabel } from './OrientationDecisionPage';

describe('referentLabel', () => {
  it('names the account only when it differs from the référent', () => {
    expect(referentLabel({ name: 'Jérôme Dubois', user: { displayName: 'Jérôme Dubois' } })).toBe('Jérôme Dubois');
    expect(referentLabel({ name: 'Jérôme Dubois', user: { displayName: 'J. Dubois (MDS)' } })).toBe('Jérôme Dubois (compte J. Dubois (MDS))');
    expect(referentLabel({ name: 'Paul Conseiller', user: null })).toBe('Paul Conseiller');
  });
});
