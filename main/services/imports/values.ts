/**
 * The values of an import line, as read: dates (dd/mm/yyyy, or yyyy-mm-dd as a spreadsheet may give them; a date
 * that does not exist, like 31/02/2026, is refused), sexes, family situations, names compared without accents.
 */
import { formatDate } from '../../../shared/domain/format';
import { nameWords } from '../../../shared/domain/identity';

/** The line's values: field key → text as read (absent or '' when empty). */
export type LineValues = Readonly<Record<string, string | undefined>>;

export const text = (v: LineValues, key: string): string => (v[key] ?? '').trim();

const exists = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

/** A date of a line → 'YYYY-MM-DD', or null when it is not a date that exists. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let y: number, m: number, d: number;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (y < 1900 || y > 2100 || !exists(y, m, d)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A key for comparing words without accents, case or punctuation (« Saint-Omer » = « ST OMER »). */
export const wordsKey = (s: string): string => nameWords(s).join(' ');

/** Errors of one line, collected, then given as one reason. */
export class LineErrors {
  readonly messages: string[] = [];
  add(message: string): void {
    this.messages.push(message);
  }
  get any(): boolean {
    return this.messages.length > 0;
  }
  get reason(): string {
    return this.messages.join(' ; ');
  }
  /** A required text: the value, or an error « <label> manquant ». */
  required(v: LineValues, key: string, label: string): string {
    const value = text(v, key);
    if (value === '') this.add(`${label} manquant`);
    return value;
  }
  /** A required date: 'YYYY-MM-DD', or an error naming the wrong value. */
  date(v: LineValues, key: string, label: string, required = true): string | null {
    const value = text(v, key);
    if (value === '') {
      if (required) this.add(`${label} manquante`);
      return null;
    }
    const iso = parseDate(value);
    if (!iso) this.add(`${label} invalide : « ${value} » (jj/mm/aaaa, date existante)`);
    return iso;
  }
}

const SEXES: Readonly<Record<string, 'F' | 'M'>> = {
  f: 'F', femme: 'F', feminin: 'F', mme: 'F', madame: 'F', '2': 'F',
  m: 'M', h: 'M', homme: 'M', masculin: 'M', monsieur: 'M', mr: 'M', '1': 'M',
};

export function parseSexe(s: string): 'F' | 'M' | null {
  return SEXES[wordsKey(s)] ?? null;
}

type Situation = 'celibataire' | 'marie' | 'pacse' | 'concubinage' | 'divorce' | 'separe' | 'veuf';
const SITUATIONS: Readonly<Record<string, Situation>> = {
  celibataire: 'celibataire', cel: 'celibataire', isole: 'celibataire', isolee: 'celibataire',
  marie: 'marie', mariee: 'marie', 'marie e': 'marie', mar: 'marie',
  pacse: 'pacse', pacsee: 'pacse', 'pacse e': 'pacse', pac: 'pacse',
  concubinage: 'concubinage', 'en concubinage': 'concubinage', 'vie maritale': 'concubinage', vim: 'concubinage', concubin: 'concubinage',
  divorce: 'divorce', divorcee: 'divorce', 'divorce e': 'divorce', div: 'divorce',
  separe: 'separe', separee: 'separe', 'separe e': 'separe', sep: 'separe',
  veuf: 'veuf', veuve: 'veuf', 'veuf veuve': 'veuf', veu: 'veuf',
};

export function parseSituation(s: string): Situation | null {
  return SITUATIONS[wordsKey(s)] ?? null;
}

/** « le 01/03/2026 » for reasons. */
export const on = (iso: string | null | undefined): string => formatDate(iso ?? null);
