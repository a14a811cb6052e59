/**
 * Migration of the first-interview capability: migrate to n−1, insert data, migrate to n, check the data kept and
 * the new tables' constraints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate, schemaVersion } from './migrate';
import type { TestDatabase } from './testing';
import { insertDossier, insertMds, insertUser, openTestDatabase, removeTempDir } from './testing';

const opened: TestDatabase[] = [];
afterEach(() => {
  while (opened.length) {
    const t = opened.pop()!;
    t.close();
    removeTempDir(t.dir);
  }
});

const tableNames = (t: TestDatabase) =>
  (t.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations of the first interview', () => {
  it('0003_interview adds the DSP, EDE, orientation, reference-data and droits-et-devoirs tables, keeping earlier data', () => {
    const n = knownMigrations().findIndex((m) => m.tag === '0003_interview');
    expect(n).toBeGreaterThan(0);
    const t = openTestDatabase({ upTo: n });
    opened.push(t);
    const mdsId = insertMds(t.sqlite);
    const userId = insertUser(t.sqlite, { login: 'cora', displayName: 'Cora', role: 'correspondant', mdsId });
    const { foyerId, personId } = insertDossier(t.sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
    expect(tableNames(t)).not.toContain('orientations');

    expect(migrate(t.sqlite, { upTo: n + 1 }).applied).toEqual([{ idx: n, tag: '0003_interview' }]);
    expect(schemaVersion(t.sqlite)).toBe(n + 1);
    expect(tableNames(t)).toEqual(
      expect.arrayContaining([
        'dsp_revisions',
        'ede_assessments',
        'organismes_referents',
        'orientation_referents',
        'orientations',
        'foyer_resources',
        'person_incomes',
      ]),
    );
    // Earlier data is untouched.
    expect(t.sqlite.prepare('SELECT nom_patronymique AS nom FROM persons WHERE id = ?').get(personId)).toEqual({ nom: 'Martin' });

    // DSP: revisions numbered from 1, one number per person.
    const dsp = t.sqlite.prepare(
      "INSERT INTO dsp_revisions (person_id, number, content_json, referential_version, created_by) VALUES (?, ?, '{}', 1, ?)",
    );
    dsp.run(personId, 1, userId);
    expect(() => dsp.run(personId, 1, userId)).toThrow(/UNIQUE/);
    expect(() => dsp.run(personId, 0, userId)).toThrow(/CHECK/);
    expect(() => dsp.run(9999, 2, userId)).toThrow(/FOREIGN KEY/);

    // Orientations: one open period per person; a period never ends before it starts.
    const organismeId = Number(
      t.sqlite.prepare("INSERT INTO organismes_referents (name, type) VALUES ('MDS de Test', 'solidarite')").run().lastInsertRowid,
    );
    const orientation = t.sqlite.prepare(
      `INSERT INTO orientations (person_id, decision_date, orientation, start_date, end_date, organisme_id, organisme_name,
         organisme_type, correspondant_id, correspondant_name, motif, created_by)
       VALUES (?, ?, 'solidarite', ?, ?, ?, 'MDS de Test', 'solidarite', ?, 'Cora', 'Première orientation', ?)`,
    );
    orientation.run(personId, '2026-01-05', '2026-01-05', null, organismeId, userId, userId);
    expect(() => orientation.run(personId, '2026-02-01', '2026-02-01', null, organismeId, userId, userId)).toThrow(/UNIQUE/);
    orientation.run(personId, '2025-06-01', '2025-06-01', '2026-01-04', organismeId, userId, userId);
    expect(() => orientation.run(personId, '2025-03-01', '2025-03-01', '2025-02-01', organismeId, userId, userId)).toThrow(/CHECK/);
    expect(() => orientation.run(personId, '2025-01-01', '2025-01-01', '2025-01-31', 4242, userId, userId)).toThrow(/FOREIGN KEY/);

    // Référents: an account is linked to one référent at most.
    const referent = t.sqlite.prepare('INSERT INTO orientation_referents (organisme_id, name, user_id) VALUES (?, ?, ?)');
    referent.run(organismeId, 'Rémi', userId);
    expect(() => referent.run(organismeId, 'Autre', userId)).toThrow(/UNIQUE/);
    referent.run(organismeId, 'Sans compte', null);
    referent.run(organismeId, 'Sans compte non plus', null);

    // Droits et devoirs inputs: amounts in cents, never negative; one row per foyer / person.
    const resources = t.sqlite.prepare(
      'INSERT INTO foyer_resources (foyer_id, household_resources_cents, resources_date, updated_by) VALUES (?, ?, ?, ?)',
    );
    expect(() => resources.run(foyerId, -1, '2026-01-01', userId)).toThrow(/CHECK/);
    resources.run(foyerId, 40000, '2026-01-01', userId);
    expect(() => resources.run(foyerId, 100, '2026-01-02', userId)).toThrow(/UNIQUE|PRIMARY KEY/);
    const income = t.sqlite.prepare(
      'INSERT INTO person_incomes (person_id, has_professional_activity, monthly_income_cents, updated_by) VALUES (?, ?, ?, ?)',
    );
    income.run(personId, 1, 45000, userId);
    expect(() => income.run(personId, 0, 0, userId)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM ede_assessments').get()).toEqual({ n: 0 });
  });
});
