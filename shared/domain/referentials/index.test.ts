import { describe, expect, it } from 'vitest';
import * as referentials from './index';

describe('index des référentiels', () => {
  it('ré-exporte chaque référentiel et donne sa version courante', () => {
    expect(referentials.REFERENTIAL_VERSIONS).toEqual({
      actions: referentials.ACTIONS_REFERENTIAL.version,
      rome: referentials.ROME_REFERENTIAL.version,
      diplomas: referentials.DIPLOMA_LEVELS_VERSION,
      dsp: referentials.DSP_REFERENTIAL.version,
      edeGrid: referentials.DEFAULT_EDE_GRID.version,
      rsaAmounts: referentials.RSA_BASE_AMOUNTS.version,
    });
    for (const version of Object.values(referentials.REFERENTIAL_VERSIONS)) {
      expect(Number.isInteger(version) && version >= 1).toBe(true);
    }
    expect(referentials.DIPLOMA_LEVELS).toHaveLength(7);
    expect(typeof referentials.findAction).toBe('function');
    expect(typeof referentials.searchRome).toBe('function');
    expect(typeof referentials.montantForfaitaire).toBe('function');
    expect(referentials.foldForSearch('Élevage d’Œufs')).toBe('elevage d oeufs');
    expect(Object.isFrozen(referentials.REFERENTIAL_VERSIONS)).toBe(true);
  });
});
