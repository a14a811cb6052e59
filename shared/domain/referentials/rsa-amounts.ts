/**
 * Montant forfaitaire du RSA (domain-notes §4): dated base amounts for one person, the household
 * coefficient of CASF art. R262-1 and the majoration for an isolated parent or pregnant woman (R262-1-1 of
 * the former RSA majoré).
 *
 * The base table is a dated parameter an administrator extends: the amount in force on a date is the latest
 * entry whose date of effect is on or before it. Missing years are entered, never guessed or indexed.
 * Money is computed in integer cents and rounded to the cent (half away from zero).
 */
import { formatISO, isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import type { RsaBaseAmount, Versioned } from './types';
import { deepFreeze } from './util';

export const RSA_BASE_AMOUNTS: Versioned<RsaBaseAmount[]> = deepFreeze({
  version: 1,
  validFrom: '2009-06-01',
  data: [
    { from: '2009-06-01', amount: 454.63 },
    { from: '2010-01-01', amount: 460.09 },
    { from: '2011-01-01', amount: 466.99 },
    { from: '2012-01-01', amount: 474.93 },
    { from: '2025-04-01', amount: 646.52 },
    { from: '2026-04-01', amount: 651.69 },
  ],
});

/** Majoration (isolated parent or pregnant woman alone): 128.412 % of the base plus 42.804 % per child. */
export const RSA_MAJORATION = deepFreeze({ basePercent: 128.412, perChildPercent: 42.804 });

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date invalide : le format AAAA-MM-JJ est attendu.')
  .refine(
    (s) => isValid(parseISO(s)) && formatISO(parseISO(s), { representation: 'date' }) === s,
    'Cette date n’existe pas.',
  );

/** 'YYYY-MM-DD' of a date given as such a string or as a Date (its local calendar day). */
function toIsoDay(date: string | Date): string {
  if (date instanceof Date) {
    if (!isValid(date)) throw new Error('Date invalide.');
    return formatISO(date, { representation: 'date' });
  }
  const parsed = isoDay.safeParse(date);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Date invalide.');
  return parsed.data;
}

function frenchDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const baseAmountSchema = z.object({
  from: isoDay,
  amount: z
    .number({ error: 'Le montant doit être un nombre.' })
    .positive('Le montant doit être positif.')
    .refine(
      (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
      'Le montant s’exprime en euros et centimes (deux décimales au plus).',
    ),
});

/**
 * Checks a base-amount table an administrator edited; returns the problems in French (empty: valid).
 * Each entry needs a real date and a positive amount with at most two decimals; dates must be distinct.
 */
export function baseAmountTableProblems(entries: readonly RsaBaseAmount[]): string[] {
  const problems: string[] = [];
  if (entries.length === 0) problems.push('La table des montants forfaitaires est vide.');
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const parsed = baseAmountSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`Ligne ${i + 1} : ${issue.message}`);
      return;
    }
    if (seen.has(entry.from)) problems.push(`Ligne ${i + 1} : un montant existe déjà au ${frenchDay(entry.from)}.`);
    seen.add(entry.from);
  });
  return problems;
}

/**
 * A new version of the table with one more dated amount (or the amount of an existing date replaced).
 * Throws a French error, and changes nothing, when the entry is invalid.
 */
export function withBaseAmount(
  table: Versioned<RsaBaseAmount[]>,
  entry: RsaBaseAmount,
  validFrom: string = entry.from,
): Versioned<RsaBaseAmount[]> {
  const data = [...table.data.filter((e) => e.from !== entry.from), { from: entry.from, amount: entry.amount }].sort(
    (a, b) => a.from.localeCompare(b.from),
  );
  const problems = baseAmountTableProblems(data);
  if (problems.length > 0) throw new Error(problems.join(' '));
  return deepFreeze({ version: table.version + 1, validFrom: toIsoDay(validFrom), data });
}

/**
 * The base amount (one person) in force on a date: the latest entry whose date of effect is ≤ the date.
 * Throws a French error for a date before the first entry or an invalid date.
 */
export function baseAmountAt(date: string | Date, table: Versioned<RsaBaseAmount[]> = RSA_BASE_AMOUNTS): number {
  const day = toIsoDay(date);
  let inForce: RsaBaseAmount | undefined;
  for (const entry of table.data) {
    if (entry.from <= day && (!inForce || entry.from > inForce.from)) inForce = entry;
  }
  if (!inForce) {
    const first = table.data.reduce<string | undefined>((min, e) => (!min || e.from < min ? e.from : min), undefined);
    throw new Error(
      first
        ? `Aucun montant forfaitaire du RSA n’est connu au ${frenchDay(day)} : le premier montant de la table s’applique à partir du ${frenchDay(first)}.`
        : 'La table des montants forfaitaires du RSA est vide.',
    );
  }
  return inForce.amount;
}

export interface Household {
  /** The beneficiary lives as a couple (spouse, partner or PACS). */
  couple: boolean;
  /** Children and dependants under 25 in the household (the spouse is not one of them). */
  dependants: number;
}

const householdSchema = z.object({
  couple: z.boolean({ error: 'Indiquez si le bénéficiaire vit en couple.' }),
  dependants: z
    .number({ error: 'Le nombre d’enfants ou personnes à charge doit être un nombre.' })
    .int('Le nombre d’enfants ou personnes à charge doit être un nombre entier.')
    .min(0, 'Le nombre d’enfants ou personnes à charge ne peut pas être négatif.')
    .max(30, 'Le nombre d’enfants ou personnes à charge ne peut pas dépasser 30.'),
});

function parseHousehold(household: Household): Household {
  const parsed = householdSchema.safeParse(household);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'Composition du foyer invalide.');
  return parsed.data;
}

/** Household coefficient in tenths (exact integers): 10 = 1.0. */
function coefficientTenths({ couple, dependants }: Household): number {
  let tenths = 10;
  if (couple) tenths += 5; // the spouse: +50 %
  for (let rank = 1; rank <= dependants; rank += 1) {
    if (rank >= 3) tenths += 4; // third child or dependant and beyond (the spouse not counted): +40 %
    else if (rank === 1 && !couple) tenths += 5; // second person of the household: +50 %
    else tenths += 3; // any further person: +30 %
  }
  return tenths;
}

/**
 * Household coefficient of CASF R262-1: 1 for one person; +50 % for the second person (the spouse, or the
 * first child of a person alone); +30 % for each further person; but from the third child or dependant
 * under 25 (the spouse not counted) +40 % instead of +30 %.
 * Alone 1; couple or alone + 1 child 1.5; couple + 1 or alone + 2 1.8; couple + 2 2.1; alone + 3 2.2;
 * couple + 3 2.5.
 */
export function householdCoefficient(household: Household): number {
  return coefficientTenths(parseHousehold(household)) / 10;
}

/** Montant forfaitaire of a household on a date, in euros rounded to the cent. */
export function montantForfaitaire(
  date: string | Date,
  household: Household,
  table: Versioned<RsaBaseAmount[]> = RSA_BASE_AMOUNTS,
): number {
  const tenths = coefficientTenths(parseHousehold(household));
  const baseCents = Math.round(baseAmountAt(date, table) * 100);
  return Math.round((baseCents * tenths) / 10) / 100;
}

/**
 * Montant forfaitaire majoré of an isolated parent or a pregnant woman alone, in euros rounded to the cent:
 * 128.412 % of the base plus 42.804 % per child (0 children: pregnant woman alone).
 */
export function montantForfaitaireMajore(
  date: string | Date,
  household: { children: number },
  table: Versioned<RsaBaseAmount[]> = RSA_BASE_AMOUNTS,
): number {
  const { dependants: children } = parseHousehold({ couple: false, dependants: household.children });
  // Percentages in thousandths of a percent (integers): 128.412 % → 128412.
  const rate = Math.round(RSA_MAJORATION.basePercent * 1000) + children * Math.round(RSA_MAJORATION.perChildPercent * 1000);
  const baseCents = Math.round(baseAmountAt(date, table) * 100);
  return Math.round((baseCents * rate) / 100_000) / 100;
}
