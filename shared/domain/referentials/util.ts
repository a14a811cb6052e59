/** Small helpers shared by the referential modules (pure, no Node, no DOM). */

/**
 * Freezes a referential and everything inside it, so that no caller can change a published version by
 * accident (a change is a new version, made by an administrator). Returns the same value.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Text folded for searching: accents removed (NFD then combining marks dropped), lower case, typographic
 * apostrophes and dashes made plain, any run of non-alphanumeric characters turned into one space.
 * « Élevage d’animaux » → "elevage d animaux".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Collapses every run of whitespace into one space and trims (labels compared across PDF line breaks). */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
