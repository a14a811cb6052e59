/**
 * 0010: rendez-vous, the precomputed échéancier (due_items) and the triggers that mark a changed dossier dirty.
 * Existing rows are kept; an upgraded database has no due item until its first daily refresh (due_items_day null).
 */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, migrationCase, tableNames } from './testing';

describe('migration of the desk', () => {
  it('0010_desk_appointments_due_items adds the tables, keeps the dossiers, and its triggers mark changed dossiers', () => {
    migrationCase(
      '0010_desk_appointments_due_items',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const { personId, foyerId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        expect(tableNames(sqlite)).not.toContain('due_items');
        return { personId, foyerId };
      },
      (sqlite, { personId, foyerId }) => {
        expect(tableNames(sqlite)).toEqual(expect.arrayContaining(['appointments', 'due_items', 'due_dirty', 'desk_state', 'desk_visits']));
        expect(sqlite.prepare('SELECT nom_patronymique FROM persons WHERE id = ?').get(personId)).toEqual({ nom_patronymique: 'Martin' });
        expect(sqlite.prepare('SELECT count(*) AS n FROM due_items').get()).toEqual({ n: 0 });
        expect(sqlite.prepare("SELECT value FROM desk_state WHERE key = 'due_items_day'").get()).toBeUndefined();
        expect(sqlite.prepare('SELECT count(*) AS n FROM due_dirty').get()).toEqual({ n: 0 });
        sqlite.prepare("UPDATE foyers SET rsa_depuis = '2026-01-01' WHERE id = ?").run(foyerId);
        expect(sqlite.prepare('SELECT person_id FROM due_dirty').all()).toEqual([{ person_id: personId }]);
        sqlite.prepare('DELETE FROM due_dirty').run();
        sqlite.prepare("INSERT INTO appointments (person_id, date, time, place, object, with_convocation) VALUES (?, '2026-02-01', '09:00', 'MDS', 'Bilan', 0)").run(personId);
        expect(sqlite.prepare('SELECT person_id FROM due_dirty').all()).toEqual([{ person_id: personId }]);
      },
    );
  });
});
