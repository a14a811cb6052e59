/**
 * Versioned referentials of the domain: actions d'insertion A–J, ROME codes, Annexe 1 diploma levels, DSP
 * code lists, EDE grid, RSA amounts. A record stores the version it used (REFERENTIAL_VERSIONS).
 */
import { ACTIONS_REFERENTIAL } from './actions';
import { DIPLOMA_LEVELS_VERSION } from './diplomas';
import { DSP_REFERENTIAL } from './dsp';
import { DEFAULT_EDE_GRID } from './ede-grid';
import { ROME_REFERENTIAL } from './rome';
import { RSA_BASE_AMOUNTS } from './rsa-amounts';

export * from './types';
export * from './diplomas';
export * from './actions';
export * from './rome';
export * from './dsp';
export * from './ede-grid';
export * from './rsa-amounts';
export { foldForSearch, normalizeSpaces } from './util';

/** Current version of each referential, to store beside a record made with it. */
export const REFERENTIAL_VERSIONS = Object.freeze({
  actions: ACTIONS_REFERENTIAL.version,
  rome: ROME_REFERENTIAL.version,
  diplomas: DIPLOMA_LEVELS_VERSION,
  dsp: DSP_REFERENTIAL.version,
  edeGrid: DEFAULT_EDE_GRID.version,
  rsaAmounts: RSA_BASE_AMOUNTS.version,
});

export type ReferentialName = keyof typeof REFERENTIAL_VERSIONS;
