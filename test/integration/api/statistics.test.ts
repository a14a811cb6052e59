/**
 * Statistics (issue 15 §3) on a dataset with known answers (statistics-fixtures.ts): each figure of 2025 equals the
 * value worked out by hand, small cells (fewer than 5 persons) read « < 5 » on the screen's tables, in the CSV and in
 * the printed report, and each role sees its own MDS only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/domain/csv';
import type { StatFigure, StatisticsFilter, StatTable } from '../../../shared/api/statistics';
import { withSql } from './ep-fixtures';
import { setupWithStaff, startHarness, type Harness, type Staff } from './harness';
import { seedStatistics, type StatisticsWorld } from './statistics-fixtures';

let h: Harness;
let staff: Staff;
let w: StatisticsWorld;
let corr2: string;
const YEAR: StatisticsFilter = { from: '2025-01-01', to: '2025-12-31' };

beforeAll(async () => {
  h = await startHarness();
  staff = await setupWithStaff(h);
  await h.ok('users.create', { login: 'cora2', displayName: 'Cora Deux', role: 'correspondant', structure: 'MDS du Ternois', password: 'corresp-deux-mot-de-passe' }, staff.admin.session);
  w = await withSql(h, (sqlite) => {
    const world = seedStatistics(sqlite, staff);
    sqlite.prepare("UPDATE users SET mds_id = ? WHERE login = 'cora2'").run(world.mds2);
    return world;
  });
  corr2 = (await h.ok('auth.login', { login: 'cora2', password: 'corresp-deux-mot-de-passe' })).session;
}, 60_000);
afterAll(async () => {
  await h?.dispose();
});

const figure = async (f: StatFigure, filter: StatisticsFilter = YEAR, session = staff.correspondant.session): Promise<StatTable> => {
  const { tables } = await h.ok('statistics.get', { filter, figures: [f] }, session);
  expect(tables).toHaveLength(1);
  return tables[0]!;
};
/** The table as { row key: cells }. */
const cells = (t: StatTable) => Object.fromEntries(t.rows.map((r) => [r.key, r.cells]));

describe('statistics: each figure on the known dataset (2025)', () => {
  it('active file on the period’s last day', async () => {
    expect(cells(await figure('file_active'))).toEqual({
      professionnelle_pole_emploi: [10],
      professionnelle_autre: [20],
      solidarite: [30],
      contrat: ['< 5'],
      total: [61],
    });
  });

  it('entries and exits per month', async () => {
    const t = cells(await figure('flux'));
    expect(Object.keys(t)).toHaveLength(13);
    expect(t['2025-01']).toEqual([10, 0]);
    expect(t['2025-02']).toEqual([30, 0]);
    expect(t['2025-03']).toEqual([20, 0]);
    expect(t['2025-06']).toEqual(['< 5', 0]);
    expect(t['2025-09']).toEqual([0, '< 5']);
    expect(t['2025-10']).toEqual(['< 5', 0]);
    expect(t['2025-12']).toEqual([0, 0]);
    expect(t.total).toEqual([64, '< 5']);
  });

  it('orientations by kind and EDE band', async () => {
    expect(cells(await figure('orientations'))).toEqual({
      professionnelle_pole_emploi: [0, 0, 0, 10, 10],
      professionnelle_autre: [0, 20, 0, 0, 20],
      solidarite: ['< 5', 0, 30, 0, 33],
      total: ['< 5', 20, 30, 10, 63],
    });
  });

  it('time from « RSA depuis le » to the first decision: median and 9th decile', async () => {
    expect(cells(await figure('delai_orientation'))).toEqual({
      professionnelle_pole_emploi: [10, 10, 10],
      professionnelle_autre: [20, 61, 61],
      solidarite: [33, 31, 31],
      total: [63, 31, 61],
    });
  });

  it('time from the decision to the signed contract, against the one- and two-month deadlines', async () => {
    expect(cells(await figure('delai_contrat'))).toEqual({
      professionnelle_pole_emploi: [10, null, null, null, null, null],
      professionnelle_autre: [20, 15, 15, 75, 17, 17],
      solidarite: [33, 25, 20, 60.6, 28, 73],
      total: [53, 40, 35, 66, 28, 73],
    });
  });

  it('contracts by state and by duration', async () => {
    const states = cells(await figure('contrats_etat'));
    expect(states).toMatchObject({ brouillon: [0, '< 5', '< 5'], en_cours: [16, 0, 16], echu: [20, 20, 40], signe: [0, 0, 0], total: [36, 21, 57] });
    expect(cells(await figure('contrats_duree'))).toEqual({ '3': [0, 16, 16], '6': [36, 5, 41], '9': [0, 0, 0], '12': [0, 0, 0], total: [36, 21, 57] });
  });

  it('renewal rate, and CERS reaching 12 months', async () => {
    expect(cells(await figure('contrats_renouvellement'))).toEqual({ CERS: [25, 10, 40], CERP: [20, 5, 25], total: [45, 15, 33.3] });
    expect(cells(await figure('cers_12_mois'))).toEqual({ cers: [0, 0] });
    expect(cells(await figure('cers_12_mois', { from: '2026-01-01', to: '2026-03-02' }))).toEqual({ cers: [10, 6] });
  });

  it('fiches de liaison by type and time to answer', async () => {
    expect(cells(await figure('fiches'))).toEqual({
      appui: [10, 10, 10, 30],
      reorientation: [6, '< 5', '< 5', '< 5'],
      suspension: [0, 0, null, null],
      actions_cg: [0, 0, null, null],
      avenant: [0, 0, null, null],
      total: [16, 14, 10, 30],
    });
  });

  it('EP: saisines, avis within one month, decisions; sanctions by step', async () => {
    expect(cells(await figure('ep_saisines'))).toEqual({
      fiche_reorientation: [8, 6, 5, 62.5, 5, 5],
      fiche_suspension: [10, 10, 10, 100, 10, 8],
      cers_12_mois: [0, 0, 0, null, 0, 0],
      total: [18, 16, 15, 83.3, 15, 13],
    });
    expect(cells(await figure('ep_sanctions'))).toEqual({
      reduction_initiale: [0, 0, 0, 0],
      reduction_moitie: [0, 0, '< 5', '< 5'],
      suspension_totale: [6, 0, 0, 6],
      radiation: [0, 0, 0, 0],
      total: [6, 0, '< 5', 8],
    });
  });

  it('EDE: paliers per item with the average curve; first and latest EDE of the same persons', async () => {
    const paliers = await figure('ede_paliers');
    expect(paliers.rows).toHaveLength(8);
    for (const r of paliers.rows) expect(r.cells, r.label).toEqual(['< 5', 0, 50, 0, 0, 0, 2.89]);
    const evolution = cells(await figure('ede_evolution'));
    expect(Object.keys(evolution)).toHaveLength(9);
    for (const [key, row] of Object.entries(evolution)) {
      expect(row, key).toEqual(key === 'total' ? [50, 51.2, 32, -19.2, 30, 20, 0] : [50, 3.6, 3, -0.6, 30, 20, 0]);
    }
  });
});

describe('statistics: filters and scope', () => {
  it('by référent and by organisme', async () => {
    expect(cells(await figure('file_active', { ...YEAR, referentId: staff.referentA.id }))).toEqual({
      professionnelle_pole_emploi: [0],
      professionnelle_autre: [20],
      solidarite: [30],
      contrat: [0],
      total: [50],
    });
    expect(cells(await figure('file_active', { ...YEAR, organismeId: w.plie })).total).toEqual([20]);
  });

  it('each MDS sees its own; secretaries and administrators read; référents and other MDS are refused', async () => {
    expect(cells(await figure('file_active', YEAR, corr2))).toMatchObject({ solidarite: [10], total: [10] });
    expect(cells(await figure('file_active', YEAR, staff.secretaire.session)).total).toEqual([61]);
    expect(cells(await figure('file_active', YEAR, staff.admin.session)).total).toEqual([61]);
    await h.err('statistics.get', { filter: YEAR }, 'FORBIDDEN', staff.referentA.session);
    await h.err('statistics.get', { filter: { ...YEAR, mdsId: w.mds2 } }, 'FORBIDDEN', staff.correspondant.session);
    await h.err('statistics.get', { filter: { ...YEAR, referentId: staff.correspondant.id } }, 'VALIDATION', staff.correspondant.session);
    await h.err('statistics.report', { filter: YEAR }, 'FORBIDDEN', staff.referentA.session);
    const options = await h.ok('statistics.options', {}, staff.correspondant.session);
    expect(options.referents.map((r) => r.id).sort()).toEqual([staff.referentA.id, staff.referentB.id].sort());
    expect(options.organismes.map((o) => o.name)).toContain('PLIE de l’Arrageois');
  });

  it('defaults to the last twelve months and the actor’s MDS', async () => {
    const { scope } = await h.ok('statistics.get', { figures: ['file_active'] }, staff.correspondant.session);
    expect(scope).toMatchObject({ from: '2025-03-03', to: '2026-03-02', mds: { name: 'MDS de l’Arrageois' }, organisme: null, referent: null });
  });
});

describe('statistics: small cells hidden in the export and on paper', () => {
  it('the CSV export of a table (exports.list) writes « < 5 »', async () => {
    const file = await h.ok('exports.list', { list: 'statistiques', params: { figure: 'file_active', filter: YEAR }, format: 'csv' }, staff.correspondant.session);
    const rows = parseCsv(Buffer.from(file.base64, 'base64').toString('utf8'));
    expect(rows[0]).toEqual(['Orientation en cours', 'Personnes']);
    expect(rows.find((r) => r[0] === 'Sans orientation en cours (contrat en cours)')).toEqual(['Sans orientation en cours (contrat en cours)', '< 5']);
    expect(rows.find((r) => r[0] === 'Total')).toEqual(['Total', '61']);
  });

  it('the « rapport d’activité » prints every figure with « < 5 » and is journaled', async () => {
    const pdf = await h.ok('statistics.report', { filter: YEAR }, staff.correspondant.session);
    expect(pdf.pageCount).toBeGreaterThan(1);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parcours-stat-'));
    try {
      const file = path.join(dir, 'rapport.pdf');
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/RAPPORT D’ACTIVITÉ/);
      expect(text).toMatch(/File active au 31\/12\/2025/);
      expect(text).toMatch(/Sans orientation en cours \(contrat en cours\)\s+<\s?5/);
      expect(text).toMatch(/Suspension totale du RSA\s+6\s+0\s+0\s+6/);
      expect(text).toMatch(/Réduction de la moitié du montant forfaitaire\s+0\s+0\s+<\s?5\s+<\s?5/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const journal = await withSql(h, (sqlite) => sqlite.prepare("SELECT after_json FROM audit_log WHERE entity = 'export' ORDER BY id DESC LIMIT 1").get() as { after_json: string });
    expect(JSON.parse(journal.after_json)).toMatchObject({ list: 'statistiques', format: 'pdf', rows: 14 });
  });
});
