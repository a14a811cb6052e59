/**
 * Small fixtures for the rules' unit tests (a handful of actions, an 8-item grid). Not used by the app.
 */
import type { ActionDef, EdeColour, EdeGrid, EdeItem, ThemeCode, Versioned } from '../referentials/types';
import type { PapActionInput } from './pap';

const action = (code: string, theme: ThemeCode, spheres: ActionDef['spheres'], extra: Partial<ActionDef> = {}): ActionDef => ({
  code,
  label: `Action ${code}`,
  theme,
  parent: code.split('.').length > 2 ? code.split('.').slice(0, 2).join('.') : null,
  spheres,
  notAlone: false,
  services: [],
  definition: '',
  notes: [],
  ...extra,
});

export const FIXTURE_ACTIONS: ActionDef[] = [
  action('A.1', 'A', ['solidarite']),
  action('A.1.1', 'A', ['solidarite']),
  action('A.2', 'A', ['solidarite', 'professionnelle'], { notAlone: true }),
  action('B.1', 'B', ['solidarite', 'professionnelle'], { notAloneWarning: true }),
  action('B.2', 'B', ['solidarite']),
  action('G.1', 'G', ['solidarite', 'professionnelle'], { notAlone: true }),
  action('G.2', 'G', ['solidarite', 'professionnelle']),
  action('G.2.3', 'G', ['solidarite', 'professionnelle']),
  action('G.4', 'G', ['solidarite', 'professionnelle']),
  action('G.4.5', 'G', ['solidarite', 'professionnelle'], { requiresDerogation: true }),
  action('H.1', 'H', ['professionnelle']),
  action('H.1.1', 'H', ['professionnelle']),
  action('H.3', 'H', ['professionnelle'], { restricted: true }),
  action('H.3.1', 'H', ['professionnelle'], { restricted: true }),
];

export const FIXTURE_POINTS = [1, 2, 4, 8, 14, 20] as const;
const COLOURS: EdeColour[] = ['aucune', 'aucune', 'vert', 'rose', 'bleu', 'bleu'];
const ITEMS: [string, ThemeCode[]][] = [
  ['logement', ['A']],
  ['sante', ['B']],
  ['famille', ['C']],
  ['budget', ['D']],
  ['isolement', ['E']],
  ['competences', ['F']],
  ['projet', ['G', 'H']],
  ['mobilite', ['I']],
];

export const FIXTURE_GRID: Versioned<EdeGrid> = {
  version: 3,
  validFrom: '2020-01-01',
  data: {
    items: ITEMS.map(
      ([key, themes], i): EdeItem => ({
        number: i + 1,
        key,
        label: key[0]!.toUpperCase() + key.slice(1),
        themes,
        paliers: FIXTURE_POINTS.map((points, l) => ({ level: (l + 1) as 1 | 2 | 3 | 4 | 5 | 6, description: `palier ${l + 1}`, points, colour: COLOURS[l]! })),
      }),
    ),
    thresholds: { professionnelleBelow: 18, solidariteAbove: 35 },
  },
};
export const GRID_KEYS = ITEMS.map(([k]) => k);

/** A valid PAP row (override what the test is about). */
export const papRow = (over: Partial<PapActionInput> = {}): PapActionInput => ({
  theme: 'A',
  actionCode: 'A.1.1',
  start: '2026-02-01',
  end: '2026-04-30',
  engagementReferent: 'Accompagner la demande FSL',
  engagementBeneficiaire: 'Fournir les justificatifs',
  ...over,
});
