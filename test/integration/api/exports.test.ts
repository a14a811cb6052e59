/**
 * Exports through the API (issue 15, section 2): every list as CSV (BOM, `;`, parsed back by csv-parse to the list's
 * own rows) and XLSX (opened with exceljs: Date and number cells, bold header, autofilter, frozen first row); only
 * what the caller may see (the list's own scope and access); one journal line per export with the count and no
 * personal data; an invalid filter is refused before anything is written.
 */
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput } from '../../../shared/api/contract';
import { ECHEANCE_KIND_LABELS, SEVERITY_LABELS } from '../../../shared/domain/rules/echeancier';
import { personName } from '../../../shared/domain/format';
import { cersInput, row } from './contracts-fixtures';
import { allTablesState } from './interview-fixtures';
import { auditExports, deskWorld, expectedItemIds, mdsOf, type DeskWorld } from './desk-fixtures';
import { TODAY, withSql } from './ep-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: DeskWorld;
let mds: number;

beforeAll(async () => {
  h = await startHarness();
  w = await deskWorld(h);
  mds = await mdsOf(h, w.staff.correspondant.id);
}, 120_000);
afterAll(async () => {
  await h.dispose();
});

type Request = MethodInput<'exports.list'>;
const exportOf = (request: Request, session: string) => h.ok('exports.list', request, session);
const csvRows = (out: MethodOutput<'exports.list'>): string[][] => {
  const text = Buffer.from(out.base64, 'base64').toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
};
const workbookOf = async (out: MethodOutput<'exports.list'>): Promise<ExcelJS.Worksheet> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
};
const dmy = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const utcDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** The sheet's data rows, as exceljs reads them (index 0 = column A; an empty cell is undefined). */
const sheetRows = (sheet: ExcelJS.Worksheet): unknown[][] => {
  const width = sheet.getRow(1).cellCount;
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    const values = row.values as unknown[];
    if (n > 1) rows.push(Array.from({ length: width }, (_, i) => values[i + 1]));
  });
  return rows;
};

describe('CSV', () => {
  it('the échéancier: BOM, `;`, French headers, dd/mm/yyyy, parsed back to the list’s rows in its order', async () => {
    const session = w.staff.correspondant.session;
    const params = { filter: { severities: ['en_retard' as const, 'urgent' as const] }, sort: 'person' as const, direction: 'desc' as const };
    const list = await h.ok('echeancier.list', { ...params, limit: 500 }, session);
    expect(list.total).toBeGreaterThan(5);
    const out = await exportOf({ list: 'echeancier', params, format: 'csv' }, session);
    expect(out).toMatchObject({ fileName: `echeancier-${TODAY}.csv`, mime: 'text/csv;charset=utf-8', rows: list.total });
    const [header, ...rows] = csvRows(out);
    expect(header).toEqual(['Date', 'Échéance', 'Gravité', 'Bénéficiaire', 'Référent', 'Détail', 'Règle']);
    expect(rows).toEqual(
      list.items.map((i) => [dmy(i.date), ECHEANCE_KIND_LABELS[i.kind], SEVERITY_LABELS[i.severity], i.personName, i.referent?.displayName ?? '', i.title, i.rule]),
    );
    // A title with `;` and quotes survives the trip.
    expect(rows.some((r) => r[5]!.includes(';') && r[5]!.includes('«'))).toBe(true);
  });

  it('a paged list is exported whole, past the largest page', async () => {
    const session = w.staff.correspondant.session;
    const total = (await h.ok('echeancier.list', { limit: 1 }, session)).total;
    // More items than one page of 500 in the actor's MDS.
    await withSql(h, (s) => {
      const p = s.prepare('SELECT p.id, p.referent_id, p.correspondant_id FROM persons p WHERE p.id = ?').get(w.reo.person.id) as {
        id: number;
        referent_id: number | null;
        correspondant_id: number | null;
      };
      const insert = s.prepare(
        `INSERT INTO due_items (person_id, mds_id, referent_user_id, correspondant_user_id, person_name, person_sort, kind, severity, date, title, rule)
         VALUES (?, ?, ?, ?, 'LEBRUN Lucie', 'LEBRUN LUCIE', 'rendez_vous', 'info', ?, ?, 'Règle')`,
      );
      for (let i = 0; i < 520; i += 1) insert.run(p.id, mds, p.referent_id, p.correspondant_id, '2026-05-01', `Rendez-vous n° ${i}`);
    });
    const out = await exportOf({ list: 'echeancier', params: {}, format: 'csv' }, session);
    expect(out.rows).toBe(total + 520);
    expect(csvRows(out)).toHaveLength(total + 520 + 1);
    await withSql(h, (s) => s.prepare("DELETE FROM due_items WHERE title LIKE 'Rendez-vous n° %'").run());
  });

  it('a work list: the rows of `worklists.list` with its query and sort', async () => {
    const session = w.staff.referentA.session;
    const params = { list: 'orientation_a_proposer', sort: 'person', direction: 'asc' } as const;
    const list = await h.ok('worklists.list', { ...params, limit: 500 }, session);
    const out = await exportOf({ list: 'liste_de_travail', params, format: 'csv' }, session);
    expect(out.fileName).toBe(`liste-orientation-a-proposer-${TODAY}.csv`);
    const [header, ...rows] = csvRows(out);
    expect(header).toEqual(['Bénéficiaire', 'N° CAF', 'Référent', 'Date', 'Jours', 'Détail']);
    expect(rows).toEqual(list.rows.map((r) => [r.personName, r.cafNumber, r.referent ?? 'Non désigné', dmy(r.date), r.days === null ? '' : String(r.days), r.detail]));
  });

  it('the EP queue and sessions, the contracts awaiting decision and the fiches inbox: the rows their screens show', async () => {
    const session = w.staff.correspondant.session;
    const queue = await h.ok('ep.queue', {}, session);
    expect(queue.length).toBeGreaterThan(0);
    const [qHeader, ...qRows] = csvRows(await exportOf({ list: 'ep_file', params: {}, format: 'csv' }, session));
    expect(qHeader).toEqual(['Saisine du', 'Échéance de l’avis', 'Jours restants', 'Délai', 'Bénéficiaire', 'N° CAF', 'Origine', 'Thème', 'Documents']);
    expect(qRows).toEqual(
      queue.map((q) => [dmy(q.date), dmy(q.avisDeadline), String(q.daysLeft), q.flagLabel, personName(q.person), q.person.cafNumber, q.originLabel, q.theme, String(q.documents.length)]),
    );

    await h.ok('ep.sessions.create', { date: '2026-03-20', place: 'Salle du conseil', startTime: '09:00' }, w.staff.secretaire.session);
    const sessions = await h.ok('ep.sessions.list', {}, session);
    expect(sessions.length).toBe(1);
    const [, ...sRows] = csvRows(await exportOf({ list: 'ep_seances', params: {}, format: 'csv' }, session));
    expect(sRows).toEqual(sessions.map((s) => [dmy(s.date), s.startTime, s.place, s.territory, s.statusLabel, String(s.cases)]));

    // A CERS (six months from 1 March) signed and transmitted to the SLAI.
    const refA = w.staff.referentA.session;
    const draft = await h.ok(
      'contracts.create',
      cersInput(w.reo.person.id, [row('A.1.1', '2026-03-01', '2026-06-30')], { start: '2026-03-01', referent: { lieuSuivi: 'MDS d’Arras', prochainsRendezVous: [] } }),
      refA,
    );
    const signed = await h.ok(
      'contracts.sign',
      { contractId: draft.id, version: draft.version, referent: { nom: 'Rémi Référent', date: '2026-02-10' }, beneficiaire: { nom: 'Lucie Lebrun', date: '2026-02-10' } },
      refA,
    );
    await h.ok('contracts.transmit', { contractId: signed.id, version: signed.version, date: '2026-02-11' }, refA);
    const contracts = await h.ok('contracts.awaitingDecision', {}, session);
    expect(contracts.length).toBe(1);
    const [cHeader, ...cRows] = csvRows(await exportOf({ list: 'contrats', params: {}, format: 'csv' }, session));
    expect(cHeader).toEqual(['Transmis le', 'Bénéficiaire', 'Contrat', 'Début', 'Fin', 'Durée (mois)', 'État', 'Référent']);
    expect(cRows).toEqual(contracts.map((c) => [dmy(c.transmittedOn), c.beneficiaire, c.type, dmy(c.start), dmy(c.end), String(c.durationMonths), c.statusLabel, c.referent]));
    expect(cRows[0]!.slice(0, 5)).toEqual(['11/02/2026', contracts[0]!.beneficiaire, 'CERS', '01/03/2026', '31/08/2026']);

    const inbox = await h.ok('fiches.inbox', {}, session);
    expect(inbox.length).toBeGreaterThan(0);
    const [, ...fRows] = csvRows(await exportOf({ list: 'fiches', params: {}, format: 'csv' }, session));
    expect(fRows).toEqual(
      inbox.map((f) => [dmy(f.date), dmy(f.sentOn), f.beneficiaire, f.typeLabel, f.referent ?? '', f.statusLabel, f.missing.join(' ; '), f.awaitingPresident ? 'Oui' : 'Non']),
    );
  });
});

describe('XLSX', () => {
  it('real dates (dd/mm/yyyy) and numbers, a bold header row, an autofilter over it, the first row frozen, column widths', async () => {
    const session = w.staff.correspondant.session;
    const queue = await h.ok('ep.queue', {}, session);
    const out = await exportOf({ list: 'ep_file', params: {}, format: 'xlsx' }, session);
    expect(out).toMatchObject({ fileName: `ep-file-attente-${TODAY}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: queue.length });
    const sheet = await workbookOf(out);
    expect(sheet.name).toBe('File d’attente de l’EP');
    const header = sheet.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(['Saisine du', 'Échéance de l’avis', 'Jours restants', 'Délai', 'Bénéficiaire', 'N° CAF', 'Origine', 'Thème', 'Documents']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.autoFilter).toBe('A1:I1');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(5).width).toBeGreaterThanOrEqual(Math.max(...queue.map((q) => personName(q.person).length)));
    expect(sheet.getColumn(1).width).toBeLessThanOrEqual(60);

    const rows = sheetRows(sheet);
    expect(rows).toHaveLength(queue.length);
    queue.forEach((q, i) => {
      const row = rows[i]!;
      expect(row[0]).toBeInstanceOf(Date);
      expect(row[0]).toEqual(utcDay(q.date));
      expect(row[1]).toEqual(utcDay(q.avisDeadline));
      expect(typeof row[2]).toBe('number');
      expect(row[2]).toBe(q.daysLeft);
      expect(row[4]).toBe(personName(q.person));
      expect(row[8]).toBe(q.documents.length);
      expect(sheet.getRow(i + 2).getCell(1).numFmt).toBe('dd/mm/yyyy');
      expect(sheet.getRow(i + 2).getCell(1).type).toBe(ExcelJS.ValueType.Date);
      expect(sheet.getRow(i + 2).getCell(3).type).toBe(ExcelJS.ValueType.Number);
    });
  });

  it('the échéancier in XLSX holds the same rows as its CSV; an empty date stays an empty cell', async () => {
    const session = w.staff.referentA.session;
    const csv = csvRows(await exportOf({ list: 'echeancier', params: {}, format: 'csv' }, session)).slice(1);
    const sheet = await workbookOf(await exportOf({ list: 'echeancier', params: {}, format: 'xlsx' }, session));
    const rows = sheetRows(sheet);
    expect(rows.map((r) => [dmy((r[0] as Date).toISOString()), ...r.slice(1).map((c) => (c === undefined || c === null ? '' : String(c)))])).toEqual(csv);

    const fiches = await workbookOf(await exportOf({ list: 'fiches', params: {}, format: 'xlsx' }, w.staff.correspondant.session));
    const inbox = await h.ok('fiches.inbox', {}, w.staff.correspondant.session);
    inbox.forEach((f, i) => {
      const cell = fiches.getRow(i + 2).getCell(2);
      if (f.sentOn === null) expect(cell.type).toBe(ExcelJS.ValueType.Null);
      else expect(cell.value).toEqual(utcDay(f.sentOn));
    });
  });
});

describe('statistics tables', () => {
  it('a figure exports as the screen’s table: small cells stay « < 5 », numbers are numbers in XLSX', async () => {
    const session = w.staff.correspondant.session;
    for (const figure of ['orientations', 'file_active', 'delai_orientation'] as const) {
      const params = { figure, filter: { from: '2025-03-03', to: TODAY } };
      const [table] = (await h.ok('statistics.get', { filter: params.filter, figures: [figure] }, session)).tables;
      const cell = (c: number | string | null) => (c === null ? '' : typeof c === 'number' ? String(c).replace('.', ',') : c);
      const csv = csvRows(await exportOf({ list: 'statistiques', params, format: 'csv' }, session));
      expect(csv[0]).toEqual([table!.rowHeader, ...table!.columns.map((c) => c.label)]);
      expect(csv.slice(1)).toEqual(table!.rows.map((r) => [r.label, ...r.cells.map(cell)]));

      const out = await exportOf({ list: 'statistiques', params, format: 'xlsx' }, session);
      expect(out.fileName).toBe(`statistiques-${figure.replaceAll('_', '-')}-${TODAY}.xlsx`);
      const sheet = await workbookOf(out);
      expect(sheetRows(sheet)).toEqual(table!.rows.map((r) => [r.label, ...r.cells.map((c) => (c === null ? undefined : c))]));
    }
    // The small dataset: some counts are hidden, and no count between 1 and 4 leaks as a number.
    const [orientations] = (await h.ok('statistics.get', { filter: { from: '2025-03-03', to: TODAY }, figures: ['orientations'] }, session)).tables;
    const flat = orientations!.rows.flatMap((r) => r.cells);
    expect(flat).toContain('< 5');
    const csv = csvRows(await exportOf({ list: 'statistiques', params: { figure: 'orientations', filter: { from: '2025-03-03', to: TODAY } }, format: 'csv' }, session));
    const countColumns = orientations!.columns.flatMap((c, i) => (c.kind === 'count' ? [i + 1] : []));
    for (const row of csv.slice(1)) for (const i of countColumns) expect(row[i] === '< 5' || row[i] === '' || row[i] === '0' || Number(row[i]) >= 5, `${row[0]} : ${row[i]}`).toBe(true);
  });

  it('a référent may not export statistics; another MDS is refused; nothing written', async () => {
    const before = await allTablesState(h);
    await h.err('exports.list', { list: 'statistiques', params: { figure: 'flux' }, format: 'csv' }, 'FORBIDDEN', w.staff.referentA.session);
    await h.err('exports.list', { list: 'statistiques', params: { figure: 'flux', filter: { mdsId: w.other.mdsId } }, format: 'xlsx' }, 'FORBIDDEN', w.staff.correspondant.session);
    await h.err('exports.list', { list: 'statistiques', params: { figure: 'inconnue' } as never, format: 'csv' }, 'VALIDATION', w.staff.correspondant.session);
    expect(await allTablesState(h)).toEqual(before);
  });
});

describe('only what the caller may see', () => {
  it('a référent’s export holds only their own dossiers', async () => {
    for (const who of [w.staff.referentA, w.staff.referentB]) {
      const expected = await expectedItemIds(h, { mdsId: mds, referentId: who.id });
      const out = await exportOf({ list: 'echeancier', params: {}, format: 'csv' }, who.session);
      expect(out.rows).toBe(expected.length);
      expect(out.rows).toBeGreaterThan(0);
      const me = (await h.ok('auth.me', {}, who.session)).displayName;
      expect(new Set(csvRows(out).slice(1).map((r) => r[4]))).toEqual(new Set([me]));
    }
    const b = csvRows(await exportOf({ list: 'echeancier', params: {}, format: 'csv' }, w.staff.referentB.session));
    expect(b.flat().join(' ')).not.toContain('LEBRUN');
    // The search box: the same query, a référent gets only their dossiers.
    const all = await exportOf({ list: 'recherche', params: { query: 'LEBRUN', limit: 100 }, format: 'csv' }, w.staff.correspondant.session);
    expect(all.rows).toBe(1);
    expect(csvRows(all)[1]![0]).toBe('LEBRUN Lucie');
    expect((await exportOf({ list: 'recherche', params: { query: 'LEBRUN', limit: 100 }, format: 'csv' }, w.staff.referentB.session)).rows).toBe(0);
  });

  it('another MDS’s export never holds this MDS’s dossiers', async () => {
    const out = await exportOf({ list: 'echeancier', params: {}, format: 'xlsx' }, w.other.session);
    expect(out.rows).toBe((await expectedItemIds(h, { mdsId: w.other.mdsId })).length);
    const rows = sheetRows(await workbookOf(out));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => String(r[3]).startsWith('AILLEURS'))).toBe(true);
    expect((await exportOf({ list: 'ep_file', params: {}, format: 'csv' }, w.other.session)).rows).toBe(0);
  });

  it('a list whose method the role may not call is refused, and nothing is written', async () => {
    const before = await allTablesState(h);
    await h.err('exports.list', { list: 'ep_file', params: {}, format: 'csv' }, 'FORBIDDEN', w.staff.referentA.session);
    await h.err('exports.list', { list: 'contrats', params: {}, format: 'xlsx' }, 'FORBIDDEN', w.staff.secretaire.session);
    await h.err('exports.list', { list: 'fiches', params: {}, format: 'csv' }, 'FORBIDDEN', w.staff.referentB.session);
    expect(await allTablesState(h)).toEqual(before);
  });
});

describe('journal', () => {
  it('one line per export: who, which list, the filter, the format, how many rows — not the text typed in the search box', async () => {
    const before = await auditExports(h);
    const out = await exportOf({ list: 'recherche', params: { query: 'Lebrun Lucie', limit: 50 }, format: 'xlsx' }, w.staff.correspondant.session);
    const wl = await exportOf({ list: 'liste_de_travail', params: { list: 'dsp_manquante' }, format: 'csv' }, w.staff.referentA.session);
    const after = await auditExports(h);
    expect(after).toHaveLength(before.length + 2);
    const [search, worklist] = after.slice(-2);
    expect(search).toMatchObject({ user_login: 'cora', entity_id: out.fileName });
    expect(JSON.parse(search!.after_json)).toEqual({ list: 'recherche', format: 'xlsx', filter: { query: '(12 caractères)', limit: 50 }, rows: out.rows });
    expect(search!.after_json).not.toMatch(/lebrun|lucie/i);
    expect(worklist).toMatchObject({ user_login: 'remi', entity_id: wl.fileName });
    expect(JSON.parse(worklist!.after_json)).toEqual({
      list: 'liste_de_travail',
      format: 'csv',
      filter: { list: 'dsp_manquante', sort: 'date', direction: 'asc', offset: 0, limit: 50 },
      rows: wl.rows,
    });
  });
});

describe('invalid params', () => {
  it('VALIDATION, and nothing is written', async () => {
    const session = w.staff.correspondant.session;
    const before = await allTablesState(h);
    const bad: unknown[] = [
      { list: 'echeancier', params: { filter: { from: '2026-04-01', to: '2026-03-01' } }, format: 'csv' },
      { list: 'echeancier', params: { filter: {}, extra: 1 }, format: 'xlsx' },
      { list: 'liste_de_travail', params: { list: 'inconnue' }, format: 'csv' },
      { list: 'recherche', params: { query: 'x'.repeat(101) }, format: 'csv' },
      { list: 'ep_file', params: { tout: true }, format: 'csv' },
      { list: 'ep_file', params: {}, format: 'pdf' },
      { list: 'inconnue', params: {}, format: 'csv' },
      { list: 'fiches', params: {}, format: 'csv', extra: 1 },
    ];
    for (const input of bad) {
      const error = await h.err('exports.list', input as Request, 'VALIDATION', session);
      expect(error.message).toBeTruthy();
    }
    expect(await allTablesState(h)).toEqual(before);
  });
});
