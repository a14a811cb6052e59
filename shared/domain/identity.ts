/**
 * Is this line (or this dossier) the same person as that one? Issue 15 « Matching and duplicates »: without a
 * shared number (CAF, identifiant France Travail), two identities are compared by name and birth date, without
 * accents, case, hyphens, apostrophes, spaces or particles — « FÉRAUD-LÉCUYER » ~ « Feraud Lecuyer »,
 * « de La Fontaine » ~ « LA FONTAINE ». A match is only a *possible* duplicate: a person confirms or refuses it.
 * Pure functions, no DOM, no Node.
 */

/**
 * Particles of family names, removed wherever they stand as a word of their own (« DE LA FONTAINE » → FONTAINE,
 * « D’ARTOIS » → ARTOIS, « VAN DER BERG » → BERG). A name made only of particles (« LE », a Vietnamese name) is
 * kept whole.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de', 'du', 'des', 'd', 'le', 'la', 'les', 'l',
  'van', 'von', 'der', 'den', 'ter', 'ten', 'zu',
  'di', 'da', 'del', 'della', 'dei', 'degli', 'dos', 'das', 'do',
]);

/** Abbreviations written out, so that « ST-JEAN » ~ « SAINT JEAN ». */
const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

/**
 * The words of a text without accents or case: ligatures written out (œ → oe), every run of characters that
 * are not letters or digits (hyphens, apostrophes ’ ', spaces, dots) is a separator.
 */
export function nameWords(s: string | null | undefined): string[] {
  if (!s) return [];
  let folded = s.toLowerCase();
  // Accents and ligatures only where there is a character outside ASCII (most names have none: the pass over an
  // MDS's 75,000 persons stays fast).
  if (/[^ -~]/.test(folded)) {
    folded = folded.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
  }
  return folded
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map((w) => ABBREVIATIONS[w] ?? w);
}

/** Names repeat across an MDS's persons: each text is folded once (caches bounded, emptied when full). */
const CACHE_SIZE = 50_000;
const names = new Map<string, string>();
const firstNames = new Map<string, string>();
function remembered(cache: Map<string, string>, text: string | null | undefined, compute: (text: string) => string): string {
  if (!text) return '';
  let value = cache.get(text);
  if (value === undefined) {
    value = compute(text);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(text, value);
  }
  return value;
}

/**
 * A family name as compared: no accents, no case, particles removed, words glued together (so that
 * « FÉRAUD-LÉCUYER », « Feraud Lecuyer » and « FERAUDLECUYER » all read `feraudlecuyer`). Empty when empty.
 */
export function normalizeName(s: string | null | undefined): string {
  return remembered(names, s, (text) => {
    const words = nameWords(text);
    const kept = words.filter((w) => !NAME_PARTICLES.has(w));
    return (kept.length > 0 ? kept : words).join('');
  });
}

/**
 * The first first name as compared: the first word of the prénoms, without accents or case — « Anne-Marie
 * Louise », « ANNE MARIE » and « Anne » all give `anne` (a compound first name is often written without its
 * hyphen). No particle is removed from a first name.
 */
export function firstPrenom(prenoms: string | null | undefined): string {
  return remembered(firstNames, prenoms, (text) => nameWords(text)[0] ?? '');
}

/**
 * The key two identities share when they may be the same person: `nom|prénom|YYYY-MM-DD`, or null when the
 * name, the first name or the birth date is missing (such an identity never matches).
 */
export function identityKey(nom: string | null | undefined, prenoms: string | null | undefined, dateNaissance: string | null | undefined): string | null {
  const n = normalizeName(nom);
  const p = firstPrenom(prenoms);
  const d = (dateNaissance ?? '').trim();
  if (n === '' || p === '' || d === '') return null;
  return `${n}|${p}|${d}`;
}

/** An identity as both a dossier and an import line have it (a line has one name: pass it as `nomPatronymique`). */
export interface IdentityParts {
  nomPatronymique: string | null | undefined;
  nomUsage?: string | null | undefined;
  prenoms: string | null | undefined;
  dateNaissance: string | null | undefined;
}

/** The keys of an identity: one per name it is known by (birth name, usage name), without repeats. */
export function identityKeys(p: IdentityParts): string[] {
  const keys = [identityKey(p.nomPatronymique, p.prenoms, p.dateNaissance), identityKey(p.nomUsage, p.prenoms, p.dateNaissance)];
  return [...new Set(keys.filter((k): k is string => k !== null))];
}

/**
 * Possibly the same person: the same birth date, the same first first name, and a name in common — the birth
 * name or the usage name of one equal to the birth name or the usage name of the other (a woman known under
 * her married name by the CAF and under her birth name by France Travail).
 */
export function sameIdentity(a: IdentityParts, b: IdentityParts): boolean {
  const keysOfB = new Set(identityKeys(b));
  return identityKeys(a).some((k) => keysOfB.has(k));
}
