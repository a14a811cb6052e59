/**
 * Migration of the EP tables. They were generated in '0005_documents' (the documents capability generated its
 * migration while db/schema-ep.ts was already complete). With `migrationCase`: migrate to n−1, insert data, migrate to n, check the data
 * kept and the constraints of the EP tables.
 */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, insertUser, migrationCase, tableNames } from './testing';

describe('migrations of the équipe pluridisciplinaire', () => {
  it('0005_documents adds the EP tables: one EP per territory, one active inscription and one avis / decision per saisine', () => {
    migrationCase(
      '0005_documents',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'sam', displayName: 'Sam', role: 'secretaire_ep', mdsId });
        const { personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        const saisine = sqlite.prepare(
          "INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids) VALUES (?, 'fiche_suspension', 'Suspension', '2026-02-01', '2026-03-01', '[]')",
        );
        const s1 = Number(saisine.run(personId).lastInsertRowid);
        const s2 = Number(saisine.run(personId).lastInsertRowid);
        expect(tableNames(sqlite)).not.toContain('ep_sessions');
        return { userId, personId, s1, s2 };
      },
      (sqlite, { userId, personId, s1, s2 }) => {
        expect(tableNames(sqlite)).toEqual(
          expect.arrayContaining(['eps', 'ep_members', 'ep_sessions', 'ep_session_items', 'ep_attendance', 'ep_avis', 'ep_decisions', 'ep_sanctions']),
        );
        // Earlier saisines are kept.
        expect(sqlite.prepare('SELECT count(*) AS n FROM ep_saisines').get()).toEqual({ n: 2 });

        const ep = sqlite.prepare("INSERT INTO eps (territory, name) VALUES (?, 'EP')");
        const epId = Number(ep.run('Territoire Test').lastInsertRowid);
        expect(() => ep.run('Territoire Test')).toThrow(/UNIQUE/);

        const member = sqlite.prepare("INSERT INTO ep_members (ep_id, name, function, organisation, is_president, active) VALUES (?, ?, 'f', ?, ?, ?)");
        const presidentId = Number(member.run(epId, 'Président', 'conseil_general', 1, 1).lastInsertRowid);
        expect(() => member.run(epId, 'Autre président', 'conseil_general', 1, 1)).toThrow(/UNIQUE/);
        member.run(epId, 'Ancien président', 'conseil_general', 1, 0);

        const sessionId = Number(
          sqlite
            .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '09:00', 2, 30, ?)")
            .run(epId, userId).lastInsertRowid,
        );
        expect(() =>
          sqlite
            .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '09:00', 0, 30, ?)")
            .run(epId, userId),
        ).toThrow(/CHECK/);

        const item = sqlite.prepare("INSERT INTO ep_session_items (session_id, saisine_id, position, status, active, created_by) VALUES (?, ?, 1, ?, ?, ?)");
        const itemId = Number(item.run(sessionId, s1, 'inscrit', 1, userId).lastInsertRowid);
        expect(() => item.run(sessionId, s1, 'inscrit', 1, userId)).toThrow(/UNIQUE/);
        item.run(sessionId, s2, 'reporte', 0, userId);
        expect(() => item.run(sessionId, s2, 'reporte', 1, userId)).toThrow(/CHECK/);
        expect(() => item.run(sessionId, 9999, 'inscrit', 1, userId)).toThrow(/FOREIGN KEY/);

        const attendance = sqlite.prepare('INSERT INTO ep_attendance (session_id, member_id, status, replaced_by) VALUES (?, ?, ?, ?)');
        expect(() => attendance.run(sessionId, presidentId, 'remplace', null)).toThrow(/CHECK/);
        attendance.run(sessionId, presidentId, 'present', null);
        expect(() => attendance.run(sessionId, presidentId, 'absent', null)).toThrow(/UNIQUE|PRIMARY KEY/);

        const avis = sqlite.prepare("INSERT INTO ep_avis (item_id, saisine_id, date, sens, motivation, late, recorded_by) VALUES (?, ?, '2026-02-20', 'favorable', 'm', 0, ?)");
        avis.run(itemId, s1, userId);
        expect(() => avis.run(itemId, s1, userId)).toThrow(/UNIQUE/);
        const decision = sqlite.prepare(
          "INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, '2026-02-21', 'favorable', 'demarrer_sanction', ?, 'Sam')",
        );
        const decisionId = Number(decision.run(itemId, s1, userId).lastInsertRowid);
        expect(() => decision.run(itemId, s1, userId)).toThrow(/UNIQUE/);
        const sanction = sqlite.prepare(
          "INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, 'non_conclusion', '2026-03-01', 0, ?, '{}', 1)",
        );
        expect(() => sanction.run(decisionId, personId, -1)).toThrow(/CHECK/);
        sanction.run(decisionId, personId, 1);
        expect(() => sanction.run(decisionId, personId, 1)).toThrow(/UNIQUE/);
      },
    );
  });

  it('0008_ep_decision_signatory adds the signatory of the Président’s decision; earlier decisions keep theirs empty', () => {
    migrationCase(
      '0008_ep_decision_signatory',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'sam', displayName: 'Sam', role: 'secretaire_ep', mdsId });
        const { personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        const saisineId = Number(
          sqlite
            .prepare("INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids) VALUES (?, 'fiche_suspension', 'Suspension', '2026-02-01', '2026-03-01', '[]')")
            .run(personId).lastInsertRowid,
        );
        const epId = Number(sqlite.prepare("INSERT INTO eps (territory, name) VALUES ('Territoire Test', 'EP')").run().lastInsertRowid);
        const sessionId = Number(
          sqlite
            .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '14:00', 2, 30, ?)")
            .run(epId, userId).lastInsertRowid,
        );
        const itemId = Number(
          sqlite.prepare("INSERT INTO ep_session_items (session_id, saisine_id, position, created_by) VALUES (?, ?, 1, ?)").run(sessionId, saisineId, userId).lastInsertRowid,
        );
        const decisionId = Number(
          sqlite
            .prepare("INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, '2026-02-21', 'favorable', 'aucun', ?, 'Sam')")
            .run(itemId, saisineId, userId).lastInsertRowid,
        );
        expect(() => sqlite.prepare('SELECT signatory_name FROM ep_decisions').all()).toThrow(/signatory_name/);
        return { decisionId };
      },
      (sqlite, { decisionId }) => {
        const columns = 'date, sens, signatory_name AS name, signatory_function AS function, signatory_delegation AS delegation';
        expect(sqlite.prepare(`SELECT ${columns} FROM ep_decisions WHERE id = ?`).get(decisionId)).toEqual({
          date: '2026-02-21',
          sens: 'favorable',
          name: null,
          function: null,
          delegation: null,
        });
        sqlite
          .prepare('UPDATE ep_decisions SET signatory_name = ?, signatory_function = ?, signatory_delegation = ? WHERE id = ?')
          .run('Claire Delattre', 'Chef du SLAI', 'Par délégation, le Chef du SLAI', decisionId);
        expect(sqlite.prepare('SELECT signatory_name AS name FROM ep_decisions WHERE id = ?').get(decisionId)).toEqual({ name: 'Claire Delattre' });
      },
    );
  });
});

describe('migration of the EP’s secretariat', () => {
  it('0012_ep_secretariat gives an existing EP to the first MDS of its territory', () => {
    migrationCase(
      '0012_ep_secretariat',
      (sqlite) => {
        const first = insertMds(sqlite, 'MDS d’Arras', 'Arrageois');
        insertMds(sqlite, 'MDS de Bapaume', 'Arrageois');
        const epId = Number(sqlite.prepare("INSERT INTO eps (territory, name) VALUES ('Arrageois', 'EP de l’Arrageois')").run().lastInsertRowid);
        return { first, epId };
      },
      (sqlite, { first, epId }) => {
        expect(sqlite.prepare('SELECT mds_id, name FROM eps WHERE id = ?').get(epId)).toEqual({ mds_id: first, name: 'EP de l’Arrageois' });
      },
    );
  });
});
