/**
 * 0009: the équipe d'orientation's préconisations, the reason a decision departs from them, the Président's part of
 * the fiche de liaison, an administrator's EDE waiver at signature, a cancelled EP session and a sanction recomputed
 * at signature. Every new column is nullable: existing rows are kept as they were.
 */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, insertUser, migrationCase, tableNames } from './testing';
import type { Sqlite } from './open';

const columns = (sqlite: Sqlite, table: string) => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration of the orientation team, the Président’s part and the EP cancellations', () => {
  it('0009_eo_preconisation_president_part_cancel_waiver adds préconisations and nullable columns, keeping existing rows', () => {
    migrationCase(
      '0009_eo_preconisation_president_part_cancel_waiver',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'sam', displayName: 'Sam', role: 'secretaire_ep', mdsId });
        const { personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        const epId = Number(sqlite.prepare("INSERT INTO eps (territory, name) VALUES ('Territoire Test', 'EP')").run().lastInsertRowid);
        const sessionId = Number(
          sqlite
            .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '09:00', 2, 30, ?)")
            .run(epId, userId).lastInsertRowid,
        );
        expect(tableNames(sqlite)).not.toContain('orientation_preconisations');
        expect(columns(sqlite, 'ep_sessions')).not.toContain('cancelled_on');
        return { userId, personId, sessionId };
      },
      (sqlite, { userId, personId, sessionId }) => {
        expect(tableNames(sqlite)).toContain('orientation_preconisations');
        expect(sqlite.prepare('SELECT status, cancelled_on, cancel_reason FROM ep_sessions WHERE id = ?').get(sessionId)).toEqual({
          status: 'creee',
          cancelled_on: null,
          cancel_reason: null,
        });
        expect(columns(sqlite, 'orientations')).toEqual(expect.arrayContaining(['preconisation_id', 'divergence_reason']));
        expect(columns(sqlite, 'contracts')).toEqual(expect.arrayContaining(['ede_waiver_reason', 'ede_waiver_by_id', 'ede_waiver_by_name']));
        expect(columns(sqlite, 'fiches_liaison')).toEqual(
          expect.arrayContaining(['president_decision', 'president_reason', 'president_structure', 'president_date', 'president_signatory_name']),
        );
        expect(columns(sqlite, 'ep_sanctions')).toEqual(expect.arrayContaining(['contract_signed_on', 'recomputed_at', 'previous_schedule_json']));

        const insert = sqlite.prepare(
          "INSERT INTO orientation_preconisations (person_id, date, team, preconisation, recorded_by, recorded_by_name) VALUES (?, '2026-03-02', 'EO de l’Arrageois', 'solidarite', ?, 'Sam')",
        );
        const id = Number(insert.run(personId, userId).lastInsertRowid);
        expect(sqlite.prepare('SELECT team, comment, batch_id, recorded_at IS NOT NULL AS stamped FROM orientation_preconisations WHERE id = ?').get(id)).toEqual({
          team: 'EO de l’Arrageois',
          comment: null,
          batch_id: null,
          stamped: 1,
        });
        // A préconisation belongs to an existing person.
        expect(() => insert.run(999_999, userId)).toThrow(/FOREIGN KEY/);
      },
    );
  });
});
