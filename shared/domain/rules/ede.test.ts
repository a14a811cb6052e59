import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EDE_GRID } from '../referentials/ede-grid';
import { compareEde, EDE_PROPOSAL_RANK, proposeFromTotal, scoreEde, type EdeAnswers, type EdeScore } from './ede';
import { FIXTURE_GRID, FIXTURE_POINTS, GRID_KEYS } from './testing';

const answers = (levels: number[], version = FIXTURE_GRID.version): EdeAnswers => ({
  gridVersion: version,
  paliers: Object.fromEntries(GRID_KEYS.map((k, i) => [k, levels[i]!])),
});
const score = (levels: number[]): EdeScore => {
  const r = scoreEde(FIXTURE_GRID, answers(levels));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};
describe('EDE scoring', () => {
  it('total is the sum of the points of the chosen paliers', () => {
    const s = score([1, 2, 3, 4, 5, 6, 1, 1]);
    expect(s.total).toBe(1 + 2 + 4 + 8 + 14 + 20 + 1 + 1);
    expect(s.items.map((i) => i.points)).toEqual([1, 2, 4, 8, 14, 20, 1, 1]);
  });

  it('17 points → Pôle Emploi; 18 → EP/EO; 35 → EP/EO; 36 → solidarité', () => {
    // 17 = 1+1+1+1+1+2+2+8 ; 18 = 1+1+1+1+2+2+2+8 ; 35 = 1+1+1+2+2+4+4+20 ; 36 = 1+1+2+2+2+4+4+20
    const s17 = score([1, 1, 1, 1, 1, 2, 2, 4]);
    const s18 = score([1, 1, 1, 1, 2, 2, 2, 4]);
    const s35 = score([1, 1, 1, 2, 2, 3, 3, 6]);
    const s36 = score([1, 1, 2, 2, 2, 3, 3, 6]);
    expect([s17.total, s18.total, s35.total, s36.total]).toEqual([17, 18, 35, 36]);
    expect(s17.proposal).toBe('professionnelle_pole_emploi');
    expect(s18.proposal).toBe('decision_ep_eo');
    expect(s35.proposal).toBe('decision_ep_eo');
    expect(s36.proposal).toBe('solidarite');
    expect(s17.reason).toMatch(/inférieur à 18.*Pôle Emploi/);
    expect(s18.reason).toMatch(/entre 18 et 35 inclus/);
    expect(s36.reason).toMatch(/supérieur à 35.*solidarité/);
  });

  it('flags colours per item and lists the PAP themes of the coloured items, once, in A–J order', () => {
    const s = score([3, 1, 4, 2, 5, 1, 6, 3]);
    expect(s.flags).toEqual({ vert: ['logement', 'mobilite'], rose: ['famille'], bleu: ['isolement', 'projet'] });
    expect(s.themes).toEqual(['A', 'C', 'E', 'G', 'H', 'I']);
    expect(s.reason).toMatch(/2 items en bleu/);
    expect(score([1, 2, 1, 2, 1, 2, 1, 2]).themes).toEqual([]);
  });

  it('requires all 8 items and names the missing ones', () => {
    const partial: EdeAnswers = { gridVersion: 3, paliers: { logement: 1, sante: 2, famille: 1, budget: 1, isolement: 1, competences: 1 } };
    const r = scoreEde(FIXTURE_GRID, partial);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ path: 'paliers.projet', message: 'Item 7 « Projet » : choisissez un palier.' });
    expect(r.errors).toContainEqual({ path: 'paliers.mobilite', message: 'Item 8 « Mobilite » : choisissez un palier.' });
    expect(r.errors.find((e) => e.path === undefined)?.message).toMatch(/il manque les items 7 « Projet », 8 « Mobilite »/);
  });

  it('refuses a palier outside 1..6, a non-integer palier and an unknown item', () => {
    const bad = answers([0, 7, 1, 1, 1, 1, 1, 1]);
    const r = scoreEde(FIXTURE_GRID, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['paliers.logement', 'paliers.sante']);
    const r2 = scoreEde(FIXTURE_GRID, { ...answers([1, 1, 1, 1, 1, 1, 1, 1]), paliers: { ...answers([1, 1, 1, 1, 1, 1, 1, 1]).paliers, loisirs: 2 } });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.errors[0]).toEqual({ path: 'paliers.loisirs', message: expect.stringMatching(/inconnu/) });
    const r3 = scoreEde(FIXTURE_GRID, answers([1.5, 1, 1, 1, 1, 1, 1, 1]));
    expect(r3.ok).toBe(false);
  });

  it('refuses answers made with another grid version', () => {
    const r = scoreEde(FIXTURE_GRID, answers([1, 1, 1, 1, 1, 1, 1, 1], 2));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'gridVersion', message: expect.stringMatching(/version 2 .* version 3/) }]);
  });

  it('scores with the default grid of the referential', () => {
    const keys = DEFAULT_EDE_GRID.data.items.map((i) => i.key);
    const all1 = scoreEde(DEFAULT_EDE_GRID, { gridVersion: DEFAULT_EDE_GRID.version, paliers: Object.fromEntries(keys.map((k) => [k, 1])) });
    expect(all1.ok && all1.total).toBe(8);
    expect(all1.ok && all1.proposal).toBe('professionnelle_pole_emploi');
    const all6 = scoreEde(DEFAULT_EDE_GRID, { gridVersion: DEFAULT_EDE_GRID.version, paliers: Object.fromEntries(keys.map((k) => [k, 6])) });
    expect(all6.ok && all6.proposal).toBe('solidarite');
    expect(all6.ok && all6.themes).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
  });

  const levelsArb = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 8, maxLength: 8 });

  it('property: total = sum of the points of the chosen paliers', () => {
    fc.assert(
      fc.property(levelsArb, (levels) => score(levels).total === levels.reduce((s, l) => s + FIXTURE_POINTS[l - 1]!, 0)),
    );
  });

  it('property: the proposal is monotonic in the total', () => {
    fc.assert(
      fc.property(levelsArb, levelsArb, (a, b) => {
        const x = score(a);
        const y = score(b);
        if (x.total <= y.total) return EDE_PROPOSAL_RANK[x.proposal] <= EDE_PROPOSAL_RANK[y.proposal];
        return EDE_PROPOSAL_RANK[x.proposal] >= EDE_PROPOSAL_RANK[y.proposal];
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (t1, t2) => {
        const th = FIXTURE_GRID.data.thresholds;
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        return EDE_PROPOSAL_RANK[proposeFromTotal(lo, th).proposal] <= EDE_PROPOSAL_RANK[proposeFromTotal(hi, th).proposal];
      }),
    );
  });
});

describe('compareEde', () => {
  it('gives per-item and total deltas (fewer points: amélioration)', () => {
    const before = score([5, 1, 4, 1, 1, 1, 3, 1]);
    const after = score([3, 1, 4, 2, 1, 1, 3, 1]);
    const c = compareEde(before, after);
    expect(c.totalBefore).toBe(before.total);
    expect(c.totalDelta).toBe(after.total - before.total);
    expect(c.totalDelta).toBe(-10 + 1);
    expect(c.trend).toBe('amelioration');
    expect(c.items.find((i) => i.key === 'logement')).toMatchObject({ palierBefore: 5, palierAfter: 3, pointsDelta: -10, palierDelta: -2, trend: 'amelioration' });
    expect(c.items.find((i) => i.key === 'budget')).toMatchObject({ pointsDelta: 1, trend: 'degradation' });
    expect(c.items.find((i) => i.key === 'famille')).toMatchObject({ pointsDelta: 0, trend: 'stable' });
    expect(c.sameGridVersion).toBe(true);
  });

  it('keeps items present on one side only, with null deltas', () => {
    const before = score([1, 1, 1, 1, 1, 1, 1, 1]);
    const other: EdeScore = { ...before, gridVersion: 4, items: [...before.items.slice(1), { ...before.items[0]!, key: 'nouveau', label: 'Nouveau' }] };
    const c = compareEde(before, other);
    expect(c.sameGridVersion).toBe(false);
    expect(c.items.find((i) => i.key === 'logement')).toMatchObject({ palierAfter: null, pointsDelta: null, trend: null });
    expect(c.items.find((i) => i.key === 'nouveau')).toMatchObject({ palierBefore: null, palierAfter: 1 });
  });
});
