/**
 * Imports (issue 15 §1): the golden files — every kind of bad line, in UTF-8 (`;`) and Windows-1252 (`,`, quoted) —
 * give the expected verdict and reason on each line; the CAF list creates dossiers the way dossiers.create does;
 * the same file twice changes nothing; the rejected lines come back as a CSV; a batch is undone as a whole, or
 * refused when one of its dossiers was touched since; per-role access.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/domain/csv';
import { FT_IDENTIFIER } from '../../../shared/api/imports';
import { withSql } from './ep-fixtures';
import { storedState, type Harness } from './harness';
import { allRows, expected, fixture, previewInput, useImportWorld, type ImportWorld } from './imports-fixtures';

const world = useImportWorld();
let h: Harness;
let w: ImportWorld;
let corr: string;
beforeAll(() => ({ h, w, corr } = world));

const dossierTables = async () => {
  const { tables } = await storedState(h);
  return { foyers: tables.foyers, persons: tables.persons, children: tables.children, ft_events: tables.ft_events, due_items: tables.due_items };
};

describe('the CAF golden file', () => {
  const golden = expected('caf-golden.expected.json');

  it.each([
    ['caf-golden.csv', 'utf-8', ';'],
    ['caf-golden-windows-1252.csv', 'windows-1252', ','],
  ] as const)('%s: encoding, delimiter, and each line’s verdict and reason (header = line 1)', async (file, encoding, delimiter) => {
    const before = await dossierTables();
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', fixture(file), file), corr);
    expect(preview).toMatchObject({ format: 'csv', encoding, delimiter, missingFields: [], alreadyImported: null });
    expect(preview.headers[2]).toBe('Prénoms');
    expect(preview.mapping).toMatchObject({ numeroAllocataire: 'N° allocataire', conjointSexe: 'Sexe du conjoint', rsaDepuis: 'RSA depuis le' });
    const rows = await allRows(h, preview.batchId!, corr);
    expect(rows.map((r) => String(r.line))).toEqual(Object.keys(golden));
    for (const row of rows) {
      const [verdict, reason] = golden[String(row.line)]!;
      expect(row.verdict, `ligne ${row.line} : ${row.reason}`).toBe(verdict);
      if (reason === null) expect(row.reason, `ligne ${row.line}`).toBeNull();
      else expect(row.reason, `ligne ${row.line}`).toContain(reason);
    }
    expect(rows.find((r) => r.line === 8)?.candidatePersonId).toBe(w.persons.feraud);
    expect(rows.find((r) => r.line === 3)?.values).toMatchObject({ adresse: '5, place d’Armes', conjointPrenoms: 'Chloé' });
    expect(preview.counts).toEqual({ lines: 17, nouveau: 3, mise_a_jour: 1, doublon_possible: 1, rejete: 11, inchange: 1 });
    expect(preview.rows).toHaveLength(17);
    // A preview writes no dossier.
    expect(await dossierTables()).toEqual(before);
  });

  let batchId: number;
  it('applied: new foyers and persons as dossiers.create makes them, the foyer updated, the duplicate not created', async () => {
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', fixture('caf-golden.csv'), 'caf-golden.csv'), corr);
    batchId = preview.batchId!;
    const batch = await h.ok('imports.apply', { batchId }, corr);
    expect(batch).toMatchObject({ status: 'termine', counts: preview.counts, user: 'Cora Correspondante' });
    expect(await h.ok('imports.progress', { batchId }, corr)).toMatchObject({ state: 'termine', done: 17, total: 17 });

    const hits = await h.ok('dossiers.search', { query: 'dupre helene' }, corr);
    expect(hits).toHaveLength(1);
    const dupre = await h.ok('dossiers.get', { personId: hits[0]!.personId }, corr);
    expect(dupre.foyer).toMatchObject({ cafNumber: '4000001', rsaDepuis: '2026-02-01', situationFamiliale: 'celibataire' });
    expect(dupre.foyer.enfants).toEqual([
      { prenom: 'Léa', dateNaissance: '2015-03-12' },
      { prenom: 'Tom', dateNaissance: '2018-02-01' },
    ]);
    expect(dupre.person).toMatchObject({ nomPatronymique: 'DUPRÉ', prenoms: 'Hélène', sexe: 'F', dateNaissance: '1990-05-03' });
    const martin = (await h.ok('dossiers.search', { query: 'martin jerome' }, corr))[0]!;
    const foyerMartin = await withSql(h, (s) => s.prepare('SELECT p.role_in_foyer, p.prenoms FROM persons p JOIN foyers f ON f.id = p.foyer_id WHERE f.caf_number = ? ORDER BY p.id').all('4000002'));
    expect(foyerMartin).toEqual([
      { role_in_foyer: 'allocataire', prenoms: 'Jérôme' },
      { role_in_foyer: 'conjoint', prenoms: 'Chloé' },
    ]);
    expect(martin.personId).toBeGreaterThan(0);
    // Achicourt, found by its INSEE code.
    const evrard = (await h.ok('dossiers.search', { query: 'evrard' }, corr))[0]!;
    expect((await h.ok('dossiers.get', { personId: evrard.personId }, corr)).foyer.address).toMatchObject({ postalCode: '62217' });
    // The first échéance of a new dossier: the orientation to make.
    const due = await withSql(h, (s) => s.prepare(`SELECT kind FROM due_items WHERE person_id = ?`).all(dupre.person.id));
    expect(due).toEqual([{ kind: 'orientation_a_faire' }]);
    // In the journal, like a dossier created by hand.
    const created = (entity: string, id: number) =>
      withSql(h, (s) => JSON.parse((s.prepare(`SELECT after_json FROM audit_log WHERE entity = ? AND entity_id = ? AND action = 'create'`).get(entity, String(id)) as { after_json: string }).after_json) as Record<string, unknown>);
    const imported = await created('person', dupre.person.id);
    const byHand = await created('person', w.persons.feraud);
    expect(Object.keys(imported).sort()).toEqual(Object.keys(byHand).sort());
    expect(imported).toMatchObject({ nomPatronymique: 'DUPRÉ', referentId: null, peNumber: null });
    const foyerImported = await created('foyer', dupre.foyer.id);
    expect(foyerImported).toEqual({
      cafNumber: '4000001',
      rsaDepuis: '2026-02-01',
      situationFamiliale: 'celibataire',
      address: { line1: '12 rue des Écoles', line2: null, postalCode: '62000', city: 'ARRAS' },
      enfants: [
        { prenom: 'Léa', dateNaissance: '2015-03-12' },
        { prenom: 'Tom', dateNaissance: '2018-02-01' },
      ],
      mdsId: foyerImported.mdsId,
    });
    const foyerByHand = await withSql(h, (s) => s.prepare('SELECT foyer_id FROM persons WHERE id = ?').get(w.persons.feraud) as { foyer_id: number });
    expect(Object.keys(foyerImported).sort()).toEqual(Object.keys(await created('foyer', foyerByHand.foyer_id)).sort());
    // The foyer 1000002 moved; the possible duplicate was not created.
    const durand = await h.ok('dossiers.get', { personId: w.persons.durand2 }, corr);
    expect(durand.foyer).toMatchObject({ situationFamiliale: 'pacse', address: { line1: '14, avenue Foch', city: 'ARRAS' } });
    expect(durand.foyer.enfants).toEqual([{ prenom: 'Léo', dateNaissance: '2019-06-15' }]);
    expect(await h.ok('dossiers.search', { query: '4000006' }, corr)).toEqual([]);
    const batches = await h.ok('imports.batches', {}, corr);
    expect(batches[0]).toMatchObject({ id: batchId, status: 'termine', fileName: 'caf-golden.csv' });
  });

  it('the same file again changes nothing: every line « inchangé »', async () => {
    const before = await dossierTables();
    const again = await h.ok('imports.preview', previewInput('caf_nouveaux', fixture('caf-golden.csv'), 'encore.csv'), corr);
    expect(again.alreadyImported).toMatchObject({ batchId });
    expect(again.counts).toEqual({ lines: 17, nouveau: 0, mise_a_jour: 0, doublon_possible: 0, rejete: 0, inchange: 17 });
    expect(again.rows.every((r) => r.verdict === 'inchange' && r.reason?.startsWith('Fichier déjà importé'))).toBe(true);
    const applied = await h.ok('imports.apply', { batchId: again.batchId! }, corr);
    expect(applied.counts.inchange).toBe(17);
    expect(await dossierTables()).toEqual(before);
    // Applied twice: refused.
    await h.err('imports.apply', { batchId: again.batchId! }, 'RULE', corr);
    await h.ok('imports.undo', { batchId: again.batchId! }, corr);
  });

  it('the rejected lines come back as a CSV for Excel with « Motif du rejet »', async () => {
    const file = await h.ok('imports.rejectedFile', { batchId }, corr);
    expect(file.csv.startsWith('\uFEFF')).toBe(true);
    expect(file.fileName).toMatch(/^caf-golden-rejets-2026-03-02\.csv$/);
    const [header, ...lines] = parseCsv(file.csv);
    expect(header![0]).toBe('Ligne');
    expect(header!.at(-1)).toBe('Motif du rejet');
    expect(file.count).toBe(11);
    expect(lines.map((l) => l[0])).toEqual(['4', '5', '6', '7', '11', '12', '13', '14', '15', '17', '18']);
    expect(lines[0]!.at(-1)).toContain('31/02/1980');
    expect(lines[0]![header!.indexOf('Nom')]).toBe('LEFÈVRE');
  });

  it('undo: every dossier created goes, the updated foyer comes back; a second undo is refused', async () => {
    await h.ok('imports.undo', { batchId }, corr);
    expect(await h.ok('dossiers.search', { query: 'dupre helene' }, corr)).toEqual([]);
    const count = await withSql(h, (s) => s.prepare(`SELECT count(*) AS n FROM foyers WHERE caf_number IN ('4000001', '4000002', '4000009')`).get());
    expect(count).toEqual({ n: 0 });
    const durand = await h.ok('dossiers.get', { personId: w.persons.durand2 }, corr);
    expect(durand.foyer).toMatchObject({ situationFamiliale: 'celibataire', address: { line1: '3 rue des Lilas', city: 'Arras' } });
    expect((await h.ok('imports.batches', {}, corr)).find((b) => b.id === batchId)).toMatchObject({ status: 'annule', undoneBy: 'Cora Correspondante' });
    await h.err('imports.undo', { batchId }, 'RULE', corr);
  });

  it('undo refused, with the line, when a dossier of the batch was changed since', async () => {
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', fixture('caf-golden.csv'), 'caf-golden.csv'), corr);
    expect(preview.alreadyImported).toBeNull();
    await h.ok('imports.apply', { batchId: preview.batchId! }, corr);
    const hit = (await h.ok('dossiers.search', { query: 'evrard noe' }, corr))[0]!;
    const d = await h.ok('dossiers.get', { personId: hit.personId }, corr);
    const { id: _id, foyerId: _f, roleInFoyer: _r, referent: _re, correspondant: _c, ...person } = d.person;
    await h.ok(
      'dossiers.update',
      {
        personId: d.person.id,
        version: d.version,
        foyer: { cafNumber: d.foyer.cafNumber, rsaDepuis: d.foyer.rsaDepuis, situationFamiliale: d.foyer.situationFamiliale, address: d.foyer.address, enfants: d.foyer.enfants },
        person: { ...person, telephone: '0321000001', referentId: w.staff.referentA.id },
      },
      corr,
    );
    const before = await dossierTables();
    const error = await h.err('imports.undo', { batchId: preview.batchId! }, 'RULE', corr);
    expect(error.message).toContain('ligne 16');
    expect(await dossierTables()).toEqual(before);
  });
});

describe('an XLSX file', () => {
  it('reads the first sheet, real dates included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Liste');
    sheet.addRow(['N° allocataire', 'Nom', 'Prénoms', 'Date de naissance', 'Sexe', 'Adresse', 'Code postal', 'Commune', 'Situation familiale', 'RSA depuis le']);
    sheet.addRow(['6000001', 'XAVIER', 'Lou', new Date(Date.UTC(1991, 2, 4)), 'F', '1 rue Large', '62000', 'Arras', 'Célibataire', new Date(Date.UTC(2026, 1, 1))]);
    sheet.addRow([6000002, 'YVES', 'Max', '30/02/1990', 'M', '2 rue Large', 62000, 'Arras', 'Célibataire', '01/02/2026']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await h.ok('imports.preview', previewInput('caf_nouveaux', bytes, 'liste.xlsx'), corr);
    expect(preview).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null });
    expect(preview.rows.map((r) => [r.line, r.verdict])).toEqual([
      [2, 'nouveau'],
      [3, 'rejete'],
    ]);
    expect(preview.rows[0]!.values.dateNaissance).toBe('04/03/1991');
    expect(preview.rows[1]!.reason).toContain('30/02/1990');
  });
});

describe('the column mapping', () => {
  it('a missing required column: nothing stored, the fields named; the mapping chosen is saved for the source', async () => {
    const file = 'Numéro;Nom;Prénoms\r\n4000001;DUPRÉ;Hélène\r\n';
    const preview = await h.ok('imports.preview', { ...previewInput('caf_nouveaux', file), source: 'CAF test' }, corr);
    expect(preview.batchId).toBeNull();
    expect(preview.missingFields).toEqual(expect.arrayContaining(['N° allocataire', 'Date de naissance', 'RSA depuis le']));
    const mapping = { ...preview.mapping, numeroAllocataire: 'Numéro' };
    const second = await h.ok('imports.preview', { ...previewInput('caf_nouveaux', file), source: 'CAF test', mapping }, corr);
    expect(second.mapping.numeroAllocataire).toBe('Numéro');
    const sources = await h.ok('imports.sources', { kind: 'caf_nouveaux' }, corr);
    expect(sources.find((s) => s.source === 'CAF test')?.mapping.numeroAllocataire).toBe('Numéro');
  });
});

describe('France Travail', () => {
  const golden = expected('ft-radiations.expected.json');

  it('the identifiant: 7 digits, 1 character, 3 digits; the dossier accepts it', async () => {
    for (const ok of ['1234567A123', '12345678123', '0000000Z000']) expect(FT_IDENTIFIER.test(ok), ok).toBe(true);
    for (const bad of ['1234567A12', '1234567AB23', '7654321B', '123456A1234', '1234567a123', '1234567A1234']) expect(FT_IDENTIFIER.test(bad), bad).toBe(false);
    const d = await h.ok('dossiers.get', { personId: w.persons.durand2 }, corr);
    expect(d.person.peNumber).toBe('1234567A123');
  });

  it.each(['ft-radiations.csv', 'ft-radiations-windows-1252.csv'])('%s: each line’s verdict and reason', async (file) => {
    const preview = await h.ok('imports.preview', previewInput('ft_radiations', fixture(file), file), corr);
    const rows = await allRows(h, preview.batchId!, corr);
    expect(rows.map((r) => String(r.line))).toEqual(Object.keys(golden));
    for (const row of rows) {
      const [verdict, reason] = golden[String(row.line)]!;
      expect(row.verdict, `ligne ${row.line} : ${row.reason}`).toBe(verdict);
      expect(row.reason, `ligne ${row.line}`).toContain(reason);
    }
  });

  it('a radiation: status and history, the identifiant recorded, an urgent item on the référent’s desk; an inscription ends it', async () => {
    const preview = await h.ok('imports.preview', previewInput('ft_radiations', fixture('ft-radiations.csv'), 'rad.csv'), corr);
    const batch = await h.ok('imports.apply', { batchId: preview.batchId! }, corr);
    expect(batch.counts).toMatchObject({ mise_a_jour: 2, rejete: 5 });
    const state = await withSql(h, (s) =>
      s.prepare('SELECT id, pe_number, ft_status, ft_status_date FROM persons WHERE id IN (?, ?) ORDER BY id').all(w.persons.durand2, w.persons.fontaine),
    );
    expect(state).toEqual([
      { id: w.persons.durand2, pe_number: '1234567A123', ft_status: 'radiation', ft_status_date: '2026-02-15' },
      { id: w.persons.fontaine, pe_number: '4567890E456', ft_status: 'radiation', ft_status_date: '2026-02-20' },
    ]);
    const events = await withSql(h, (s) => s.prepare('SELECT event, date, code, motif FROM ft_events WHERE person_id = ?').all(w.persons.fontaine));
    expect(events).toEqual([{ event: 'radiation', date: '2026-02-20', code: 'RAD3', motif: 'Insuffisance de recherche' }]);

    const refA = w.staff.referentA.session;
    const items = await h.ok('echeancier.list', { filter: { kinds: ['radiation_france_travail'] } }, refA);
    expect(items.items.map((i) => [i.personId, i.severity, i.section])).toEqual([
      [w.persons.durand2, 'urgent', 'fiches'],
      [w.persons.fontaine, 'urgent', 'fiches'],
    ]);
    expect(items.items[0]!.title).toBe('Radié(e) de France Travail le 15/02/2026 (Défaut d’actualisation) : demande de réorientation à faire');
    // On « Mon activité », the row opens the demande de réorientation, motif chosen.
    const desk = await h.ok('desk.mine', {}, refA);
    const links = desk.sections.flatMap((section) => section.rows.map((r) => r.link));
    expect(links).toContainEqual({ to: 'newFiche', personId: w.persons.durand2, type: 'reorientation', motif: 'radiation_pole_emploi' });
    // Re-imported: nothing changes.
    const again = await h.ok('imports.preview', previewInput('ft_radiations', fixture('ft-radiations.csv'), 'rad.csv'), corr);
    expect(again.alreadyImported).not.toBeNull();

    // A later inscription: no more radiation item.
    const inscription = 'Identifiant France Travail;Nom;Prénom;Date de naissance;Date;Code;Motif;Commune\r\n4567890E456;LA FONTAINE;Jean;05/05/1975;01/03/2026;INS;;Arras\r\n';
    const ins = await h.ok('imports.preview', previewInput('ft_inscriptions', inscription), corr);
    await h.ok('imports.apply', { batchId: ins.batchId! }, corr);
    const after = await h.ok('echeancier.list', { filter: { kinds: ['radiation_france_travail'] } }, refA);
    expect(after.items.map((i) => i.personId)).toEqual([w.persons.durand2]);
    // The inscription undone: the radiation item is back.
    await h.ok('imports.undo', { batchId: ins.batchId! }, corr);
    const back = await h.ok('echeancier.list', { filter: { kinds: ['radiation_france_travail'] } }, refA);
    expect(back.items.map((i) => i.personId)).toEqual([w.persons.durand2, w.persons.fontaine]);
  });
});

describe('access', () => {
  it('référent and secrétaire EP: no imports; communes are the administrateur’s', async () => {
    const input = previewInput('caf_nouveaux', fixture('caf-golden.csv'));
    await h.err('imports.preview', input, 'FORBIDDEN', w.staff.referentA.session);
    await h.err('imports.batches', {}, 'FORBIDDEN', w.staff.referentA.session);
    await h.err('imports.preview', input, 'FORBIDDEN', w.staff.secretaire.session);
    await h.err('communes.save', { inseeCode: '62002', postalCode: '62000', name: 'X' }, 'FORBIDDEN', corr);
    const admin = await h.ok('imports.preview', input, w.staff.admin.session);
    expect(admin.batchId).not.toBeNull();
  });

  it('another MDS never sees nor touches the batches; its lines of our communes are rejected', async () => {
    const ours = (await h.ok('imports.batches', {}, corr))[0]!;
    expect(await h.ok('imports.batches', {}, w.other.session)).toEqual([]);
    await h.err('imports.rows', { batchId: ours.id }, 'NOT_FOUND', w.other.session);
    await h.err('imports.apply', { batchId: ours.id }, 'NOT_FOUND', w.other.session);
    await h.err('imports.undo', { batchId: ours.id }, 'NOT_FOUND', w.other.session);
    await h.err('imports.rejectedFile', { batchId: ours.id }, 'NOT_FOUND', w.other.session);
    const theirs = await h.ok('imports.preview', previewInput('caf_nouveaux', fixture('caf-golden.csv')), w.other.session);
    const rows = await allRows(h, theirs.batchId!, w.other.session);
    expect(rows.find((r) => r.line === 2)?.reason).toContain('Commune d’une autre MDS');
    expect(rows.find((r) => r.line === 12)?.verdict).toBe('nouveau');
    // A France Travail line of a person of our MDS is unknown there.
    const ft = await h.ok('imports.preview', previewInput('ft_radiations', fixture('ft-radiations.csv')), w.other.session);
    expect((await allRows(h, ft.batchId!, w.other.session)).find((r) => r.line === 2)?.reason).toContain('Personne inconnue');
  });
});

describe('communes', () => {
  it('listed for the MDS; imported from a simple CSV with the bad lines named', async () => {
    const admin = w.staff.admin.session;
    const result = await h.ok('communes.import', { contentBase64: fixture('communes.csv').toString('base64') }, admin);
    expect(result).toMatchObject({ added: 0, updated: 2 });
    expect(result.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(result.rejected[0]!.reason).toContain('code INSEE');
    const list = await h.ok('communes.list', {}, corr);
    expect(list.map((c) => c.name)).toEqual(['ACHICOURT', 'ARRAS']);
    await h.err('communes.save', { inseeCode: '62765', postalCode: '62500', name: 'Saint-Omer' }, 'CONFLICT', admin);
    const added = await h.ok('communes.save', { inseeCode: '62215', postalCode: '62223', name: 'Anzin-Saint-Aubin' }, admin);
    await h.ok('communes.remove', { id: added.id }, admin);
    await h.err('communes.remove', { id: added.id }, 'NOT_FOUND', admin);
  });
});
