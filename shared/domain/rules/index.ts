/** Business rules of the référent's handbook (pure: no I/O, no clock; "today" is always a parameter). */
export * from './result';
export * from './dates';
export * from './droits-devoirs';
export * from './ede';
export * from './orientation';
export * from './pap';
export * from './suivi-emploi';
export * from './contracts';
export * from './fiche-liaison';
export * from './ep';
export * from './sanctions';
export * from './revenus';
export * from './echeancier';
export * from './dsp-diff';
export * from './dsp-elements';
export * from './preconisation';
