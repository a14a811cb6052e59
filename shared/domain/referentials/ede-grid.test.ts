import { describe, expect, it } from 'vitest';
import { DEFAULT_EDE_GRID, EDE_COLOUR_LABELS, edeGridProblems, edeTotalRange, findEdeItem } from './ede-grid';
import type { EdeGrid } from './types';

const grid = DEFAULT_EDE_GRID.data;

/** A mutable deep copy of the default grid, for the editing tests. */
const copy = (): EdeGrid => structuredClone(grid) as EdeGrid;

describe('grille EDE par défaut', () => {
  it('compte 8 items de 6 paliers, un item par thème du PAP', () => {
    expect(DEFAULT_EDE_GRID.version).toBe(1);
    expect(grid.items).toHaveLength(8);
    expect(grid.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(grid.items.map((i) => i.themes)).toEqual([['A'], ['B'], ['C'], ['D'], ['E'], ['F'], ['G', 'H'], ['I']]);
    expect(new Set(grid.items.map((i) => i.key)).size).toBe(8);
    expect(grid.items.map((i) => i.label)).toEqual([
      'Logement',
      'Santé',
      'Contraintes familiales, garde d’enfants',
      'Budget et situation financière',
      'Vie sociale, isolement',
      'Savoirs de base, compétences, formation',
      'Projet professionnel et recherche d’emploi',
      'Mobilité',
    ]);
    for (const it of grid.items) expect(it.paliers.map((p) => p.level)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('donne les points 1, 2, 4, 8, 14, 20, croissants, à chaque item', () => {
    for (const it of grid.items) {
      const points = it.paliers.map((p) => p.points);
      expect(points, it.key).toEqual([1, 2, 4, 8, 14, 20]);
      for (let i = 1; i < points.length; i += 1) expect(points[i]).toBeGreaterThan(points[i - 1] as number);
    }
    expect(edeTotalRange()).toEqual({ min: 8, max: 160 });
  });

  it('colore les paliers : 1–2 aucune, 3 vert, 4 rose, 5–6 bleu', () => {
    for (const it of grid.items) {
      expect(it.paliers.map((p) => p.colour), it.key).toEqual(['aucune', 'aucune', 'vert', 'rose', 'bleu', 'bleu']);
    }
    expect(Object.keys(EDE_COLOUR_LABELS).sort()).toEqual(['aucune', 'bleu', 'rose', 'vert']);
    expect(EDE_COLOUR_LABELS.bleu).toMatch(/sphère solidarité est à prioriser/);
    expect(EDE_COLOUR_LABELS.vert).toMatch(/vigilance/);
  });

  it('a une description propre à chaque item et à chaque palier', () => {
    const all = grid.items.flatMap((i) => i.paliers.map((p) => p.description));
    expect(all).toHaveLength(48);
    expect(new Set(all).size).toBe(48);
    for (const d of all) expect(d.trim().length).toBeGreaterThan(20);
    expect(findEdeItem('logement')?.paliers[5]?.description).toMatch(/Sans logement/);
    expect(findEdeItem(8)?.key).toBe('mobilite');
    expect(findEdeItem('inconnu')).toBeUndefined();
  });

  it('fixe les seuils 18 et 35', () => {
    expect(grid.thresholds).toEqual({ professionnelleBelow: 18, solidariteAbove: 35 });
  });

  it('est figée : une modification passe par une nouvelle version', () => {
    expect(Object.isFrozen(grid.items[0]?.paliers[0])).toBe(true);
    expect(() => {
      (grid.items[0]?.paliers[0] as { points: number }).points = 99;
    }).toThrow();
  });
});

describe('edeGridProblems (grille modifiée par un administrateur)', () => {
  it('accepte la grille par défaut', () => {
    expect(edeGridProblems(grid)).toEqual([]);
  });

  it('refuse des points décroissants, un palier manquant, une description vide, des seuils inversés', () => {
    const g = copy();
    (g.items[1]?.paliers[3] as { points: number }).points = 1;
    expect(edeGridProblems(g)).toEqual(['L’item « Santé » : le palier 4 ne peut pas valoir moins de points que le palier 3.']);

    const h = copy();
    h.items[0]?.paliers.pop();
    expect(edeGridProblems(h)).toEqual(['L’item « Logement » doit compter 6 paliers (il en compte 5).']);

    const d = copy();
    (d.items[7]?.paliers[0] as { description: string }).description = '  ';
    expect(edeGridProblems(d)).toEqual(['L’item « Mobilité » : le palier 1 n’a pas de description.']);

    const t = copy();
    t.thresholds = { professionnelleBelow: 40, solidariteAbove: 35 };
    expect(edeGridProblems(t)).toHaveLength(1);

    const n = copy();
    n.items.pop();
    expect(edeGridProblems(n)).toContain('La grille doit compter 8 items (elle en compte 7).');
  });
});
