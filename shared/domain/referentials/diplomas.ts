/**
 * Annexe 1 – Niveaux diplômes (livret du référent). Used by the dossier, the DSP mapping and the CER.
 * Codes are stable identifiers; labels are the handbook's words.
 */
export const DIPLOMA_LEVELS_VERSION = 1;

export const DIPLOMA_LEVELS = [
  { code: 'I', label: 'Niveau I : enseignement supérieur' },
  { code: 'II', label: 'Niveau II : BAC +3 / +4' },
  { code: 'III', label: 'Niveau III : BAC +2' },
  { code: 'IV', label: 'Niveau IV : BAC ou équivalent' },
  { code: 'V', label: 'Niveau V : CAP/BEP' },
  { code: 'FORMATION_COURTE', label: 'Formation courte max 1 mois' },
  { code: 'AUCUNE', label: 'Pas de formation / Pas de diplôme' },
] as const;

export type DiplomaLevelCode = (typeof DIPLOMA_LEVELS)[number]['code'];
export const DIPLOMA_LEVEL_CODES = DIPLOMA_LEVELS.map((l) => l.code) as [DiplomaLevelCode, ...DiplomaLevelCode[]];
