import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { allTablesState, GRID, interviewWorld, ITEM_KEYS, paliers, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let s: string; // référent A
let personId: number;

// Default points per palier: 1, 2, 4, 8, 14, 20.
const L17 = [1, 1, 1, 1, 1, 3, 3, 3]; // 5 × 1 + 3 × 4 = 17
const L18 = [1, 1, 1, 1, 1, 1, 3, 4]; // 6 × 1 + 4 + 8 = 18

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  s = w.staff.referentA.session;
  personId = w.dA.person.id;
});
afterAll(async () => {
  await h?.dispose();
});

describe('EDE', () => {
  it('gives the current grid: 8 items of 6 paliers, with points, colours and thresholds', async () => {
    const grid = await h.ok('ede.grid', {}, w.staff.secretaire.session);
    expect(grid.version).toBe(GRID.version);
    expect(grid.items.map((i) => i.key)).toEqual(ITEM_KEYS);
    expect(grid.items.every((i) => i.paliers.length === 6)).toBe(true);
    expect(grid.items[0]!.paliers.map((p) => p.points)).toEqual([1, 2, 4, 8, 14, 20]);
    expect(grid.thresholds).toEqual({ professionnelleBelow: 18, solidariteAbove: 35 });
  });

  it('before any assessment, the dossier shows the EDE as missing', async () => {
    const summary = await h.ok('interview.summary', { personId }, s);
    expect(summary.ede).toBeNull();
    expect(summary.edeCount).toBe(0);
  });

  it('17 points propose Pôle Emploi; exactly 18 points propose the EP/EO decision', async () => {
    const e17 = await h.ok('ede.create', { personId, date: '2026-01-10', gridVersion: 1, paliers: paliers(L17) }, s);
    expect(e17).toMatchObject({ total: 17, proposal: 'professionnelle_pole_emploi', gridVersion: 1, date: '2026-01-10' });
    expect(e17.reason).toMatch(/inférieur à 18/);
    const e18 = await h.ok(
      'ede.create',
      { personId, date: '2026-02-10', gridVersion: 1, paliers: paliers(L18), comments: { mobilite: 'Pas de permis, bus le matin seulement' } },
      s,
    );
    expect(e18).toMatchObject({ total: 18, proposal: 'decision_ep_eo', createdBy: { displayName: 'Rémi Référent' } });
    expect(e18.reason).toMatch(/entre 18 et 35 inclus/);
    // Answers, points, colours and comments are stored and read back.
    const read = await h.ok('ede.get', { edeId: e18.id }, w.staff.correspondant.session);
    expect(read.items.map((i) => i.palier)).toEqual(L18);
    expect(read.items.map((i) => i.points)).toEqual([1, 1, 1, 1, 1, 1, 4, 8]);
    expect(read.items.find((i) => i.key === 'mobilite')).toMatchObject({ colour: 'rose', comment: 'Pas de permis, bus le matin seulement' });
    expect(read.items.find((i) => i.key === 'logement')?.comment).toBeNull();
    expect(read.flags).toEqual({ vert: ['projet_emploi'], rose: ['mobilite'], bleu: [] });
    expect(read.themes).toEqual(['G', 'H', 'I']);

    const audit = (await allTablesState(h)).audit_log as { entity: string; entity_id: string; after_json: string }[];
    const entry = audit.find((e) => e.entity === 'ede_assessment' && e.entity_id === String(e18.id));
    expect(JSON.parse(entry!.after_json)).toMatchObject({ total: 18, proposal: 'decision_ep_eo', gridVersion: 1, paliers: paliers(L18) });
  });

  it('lists the assessments newest first and compares any two, per item and in total', async () => {
    const list = await h.ok('ede.list', { personId }, w.staff.secretaire.session);
    expect(list.map((e) => [e.date, e.total])).toEqual([
      ['2026-02-10', 18],
      ['2026-01-10', 17],
    ]);
    const [newer, older] = list as [(typeof list)[0], (typeof list)[0]];
    const { comparison } = await h.ok('ede.compare', { fromEdeId: older.id, toEdeId: newer.id }, s);
    expect(comparison).toMatchObject({ totalBefore: 17, totalAfter: 18, totalDelta: 1, trend: 'degradation', sameGridVersion: true });
    expect(comparison.proposalBefore).toBe('professionnelle_pole_emploi');
    expect(comparison.proposalAfter).toBe('decision_ep_eo');
    expect(comparison.items.map((i) => [i.key, i.pointsDelta])).toEqual([
      ['logement', 0],
      ['sante', 0],
      ['famille', 0],
      ['budget', 0],
      ['vie_sociale', 0],
      ['competences', -3],
      ['projet_emploi', 0],
      ['mobilite', 4],
    ]);
    expect(comparison.items.find((i) => i.key === 'competences')).toMatchObject({ palierBefore: 3, palierAfter: 1, trend: 'amelioration' });

    const summary = await h.ok('interview.summary', { personId }, s);
    expect(summary.ede).toMatchObject({ id: newer.id, date: '2026-02-10', total: 18, proposal: 'decision_ep_eo' });
    expect(summary.edeCount).toBe(2);
  });

  it('refuses a missing item, a palier out of range, a stale grid version: VALIDATION, nothing written', async () => {
    const before = await allTablesState(h);
    const { sante: _omitted, ...sevenItems } = paliers(L17);
    const missing = await h.err('ede.create', { personId, date: '2026-03-01', gridVersion: 1, paliers: sevenItems }, 'VALIDATION', s);
    expect(missing.message).toBe('Les 8 items sont obligatoires ; il manque l’item 2 « Santé ».');
    expect(missing.fieldErrors).toMatchObject({ 'paliers.sante': 'Item 2 « Santé » : choisissez un palier.' });

    for (const level of [0, 7, 2.5]) {
      const out = await h.err('ede.create', { personId, date: '2026-03-01', gridVersion: 1, paliers: { ...paliers(L17), logement: level } }, 'VALIDATION', s);
      expect(Object.keys(out.fieldErrors ?? {})).toEqual(['paliers.logement']);
    }

    const stale = await h.err('ede.create', { personId, date: '2026-03-01', gridVersion: 2, paliers: paliers(L17) }, 'VALIDATION', s);
    expect(stale.fieldErrors).toEqual({
      gridVersion: 'Cette échelle a été remplie avec la version 2 de la grille, mais la grille fournie est la version 1.',
    });

    const unknown = await h.err('ede.create', { personId, date: '2026-03-01', gridVersion: 1, paliers: { ...paliers(L17), transport: 2 } }, 'VALIDATION', s);
    expect(unknown.fieldErrors).toEqual({ 'paliers.transport': 'Item « transport » inconnu de la grille (version 1).' });
    const comment = await h.err(
      'ede.create',
      { personId, date: '2026-03-01', gridVersion: 1, paliers: paliers(L17), comments: { transport: 'x' } },
      'VALIDATION',
      s,
    );
    expect(comment.fieldErrors).toEqual({ 'comments.transport': 'Commentaire d’un item inconnu de la grille : « transport ».' });
    const future = await h.err('ede.create', { personId, date: '2026-03-03', gridVersion: 1, paliers: paliers(L17) }, 'VALIDATION', s);
    expect(future.fieldErrors).toEqual({ date: 'La date de l’échelle (03/03/2026) ne peut pas être postérieure à aujourd’hui (02/03/2026).' });

    expect(await allTablesState(h)).toEqual(before);
  });

  it('compares only assessments of the same person', async () => {
    const theirs = await h.ok('ede.create', { personId: w.dB.person.id, date: '2026-03-02', gridVersion: 1, paliers: paliers(L17) }, w.staff.referentB.session);
    const mine = (await h.ok('ede.list', { personId }, s))[0]!;
    await h.err('ede.compare', { fromEdeId: mine.id, toEdeId: theirs.id }, 'VALIDATION', w.staff.correspondant.session);
  });
});
