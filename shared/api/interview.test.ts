import { describe, expect, it } from 'vitest';
import { DEFAULT_EDE_GRID } from '../domain/referentials/ede-grid';
import { ORIENTATIONS } from '../domain/rules/orientation';
import {
  droitsDevoirsSaveInputSchema,
  edeCreateInputSchema,
  edeFormSchema,
  interviewMethods,
  ORGANISME_TYPE_FOR_ORIENTATION,
  ORGANISME_TYPES,
  orientationDecideInputSchema,
} from './interview';

const grid = { version: DEFAULT_EDE_GRID.version, items: DEFAULT_EDE_GRID.data.items };
const allPaliers = Object.fromEntries(grid.items.map((i) => [i.key, 1]));
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('EDE form schema', () => {
  it('requires a palier for every item of the grid, naming the item', () => {
    const { sante: _s, ...withoutSante } = allPaliers;
    const r = edeFormSchema(grid).safeParse({ date: '2026-03-02', gridVersion: grid.version, paliers: withoutSante });
    expect(messages(r)).toEqual({ 'paliers.sante': 'Item 2 « Santé » : choisissez un palier' });
  });

  it('refuses a palier outside 1..6 and a form built on another grid version', () => {
    const r = edeFormSchema(grid).safeParse({ date: '2026-03-02', gridVersion: grid.version + 1, paliers: { ...allPaliers, logement: 7 } });
    expect(messages(r)).toEqual({
      gridVersion: 'La grille a changé : rechargez le formulaire.',
      'paliers.logement': 'Le palier va de 1 à 6',
    });
  });

  it('its output is what ede.create takes (with the personId)', () => {
    const form = edeFormSchema(grid).parse({ date: '2026-03-02', gridVersion: grid.version, paliers: allPaliers, comments: { logement: ' Chez sa sœur ' } });
    const input = edeCreateInputSchema.parse({ personId: 1, ...form });
    expect(input.comments).toEqual({ logement: 'Chez sa sœur' });
    expect(edeCreateInputSchema.safeParse({ personId: 1, ...form, paliers: { ...allPaliers, mobilite: 0 } }).success).toBe(false);
  });
});

describe('orientation decision and droits et devoirs inputs', () => {
  it('every orientation maps to an organisme type', () => {
    expect(ORIENTATIONS.map((o) => ORGANISME_TYPE_FOR_ORIENTATION[o]).sort()).toEqual([...ORGANISME_TYPES].sort());
  });

  it('the decision names the organisme, the correspondent and a motif, in French', () => {
    const r = orientationDecideInputSchema.safeParse({ personId: 1, date: '2026-02-30', orientation: 'autre', motif: ' ' });
    expect(messages(r)).toEqual({
      date: 'Cette date n’existe pas',
      orientation: 'Choisissez l’orientation',
      organismeReferentId: 'Choisissez l’organisme référent',
      correspondantId: 'Choisissez le correspondant',
      motif: 'Motif de la décision : ce champ est obligatoire',
    });
  });

  it('amounts are euros with two decimals at most; no income without activity; each person once', () => {
    const r = droitsDevoirsSaveInputSchema.safeParse({
      personId: 1,
      householdResources: 10.005,
      resourcesDate: '2026-03-01',
      persons: [
        { personId: 1, hasProfessionalActivity: true, monthlyProfessionalIncome: 120 },
        { personId: 2, hasProfessionalActivity: true, monthlyProfessionalIncome: -1 },
      ],
    });
    expect(messages(r)).toEqual({
      householdResources: 'Ressources mensuelles du foyer : deux décimales au plus',
      'persons.1.monthlyProfessionalIncome': 'Revenus professionnels nets mensuels : le montant ne peut pas être négatif',
    });
    const twice = droitsDevoirsSaveInputSchema.safeParse({
      personId: 1,
      householdResources: 400,
      resourcesDate: '2026-03-01',
      persons: [
        { personId: 1, hasProfessionalActivity: false, monthlyProfessionalIncome: 120 },
        { personId: 1, hasProfessionalActivity: true, monthlyProfessionalIncome: 0 },
      ],
    });
    expect(messages(twice)).toEqual({
      persons: 'Une personne figure deux fois',
      'persons.0.monthlyProfessionalIncome': 'Sans activité professionnelle, les revenus professionnels sont de 0 €',
    });
  });

  it('method names are namespaced and writes are flagged', () => {
    for (const [name, m] of Object.entries(interviewMethods)) {
      expect(name).toMatch(/^(dsp|ede|orientation|droitsDevoirs|organismes|referents|interview)\.([a-z][A-Za-z]+\.)?[a-z][A-Za-z]+$/);
      expect(m.writes, name).toBe(/\.(save|create|decide|update|remove|record)$/.test(name));
    }
  });
});
