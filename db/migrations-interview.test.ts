/**
 * Migration of the first-interview capability (`migrationCase`): migrate to n−1, insert data, migrate to n, check
 * the data kept and the new tables' constraints.
 */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, insertUser, migrationCase, tableNames } from './testing';

describe('migrations of the first interview', () => {
  it('0003_interview adds the DSP, EDE, orientation, reference-data and droits-et-devoirs tables, keeping earlier data', () => {
    migrationCase(
      '0003_interview',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'cora', displayName: 'Cora', role: 'correspondant', mdsId });
        const { foyerId, personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        expect(tableNames(sqlite)).not.toContain('orientations');
        return { userId, foyerId, personId };
      },
      (sqlite, { userId, foyerId, personId }) => {
        expect(tableNames(sqlite)).toEqual(
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
        expect(sqlite.prepare('SELECT nom_patronymique AS nom FROM persons WHERE id = ?').get(personId)).toEqual({ nom: 'Martin' });

        // DSP: revisions numbered from 1, one number per person.
        const dsp = sqlite.prepare(
          "INSERT INTO dsp_revisions (person_id, number, content_json, referential_version, created_by) VALUES (?, ?, '{}', 1, ?)",
        );
        dsp.run(personId, 1, userId);
        expect(() => dsp.run(personId, 1, userId)).toThrow(/UNIQUE/);
        expect(() => dsp.run(personId, 0, userId)).toThrow(/CHECK/);
        expect(() => dsp.run(9999, 2, userId)).toThrow(/FOREIGN KEY/);

        // Orientations: one open period per person; a period never ends before it starts.
        const organismeId = Number(
          sqlite.prepare("INSERT INTO organismes_referents (name, type) VALUES ('MDS de Test', 'solidarite')").run().lastInsertRowid,
        );
        const orientation = sqlite.prepare(
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
        const referent = sqlite.prepare('INSERT INTO orientation_referents (organisme_id, name, user_id) VALUES (?, ?, ?)');
        referent.run(organismeId, 'Rémi', userId);
        expect(() => referent.run(organismeId, 'Autre', userId)).toThrow(/UNIQUE/);
        referent.run(organismeId, 'Sans compte', null);
        referent.run(organismeId, 'Sans compte non plus', null);

        // Droits et devoirs inputs: amounts in cents, never negative; one row per foyer / person.
        const resources = sqlite.prepare(
          'INSERT INTO foyer_resources (foyer_id, household_resources_cents, resources_date, updated_by) VALUES (?, ?, ?, ?)',
        );
        expect(() => resources.run(foyerId, -1, '2026-01-01', userId)).toThrow(/CHECK/);
        resources.run(foyerId, 40000, '2026-01-01', userId);
        expect(() => resources.run(foyerId, 100, '2026-01-02', userId)).toThrow(/UNIQUE|PRIMARY KEY/);
        const income = sqlite.prepare(
          'INSERT INTO person_incomes (person_id, has_professional_activity, monthly_income_cents, updated_by) VALUES (?, ?, ?, ?)',
        );
        income.run(personId, 1, 45000, userId);
        expect(() => income.run(personId, 0, 0, userId)).toThrow(/UNIQUE|PRIMARY KEY/);
        expect(sqlite.prepare('SELECT count(*) AS n FROM ede_assessments').get()).toEqual({ n: 0 });
      },
    );
  });
});
