/**
 * Migration of the EP tables. They were generated in '0005_documents' (the documents capability generated its
 * migration while db/schema-ep.ts was already complete): migrate to n−1, insert data, migrate to n, check the data
 * kept and the constraints of the EP tables.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { knownMigrations, migrate } from './migrate';
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

describe('migrations of the équipe pluridisciplinaire', () => {
  it('0005_documents adds the EP tables: one EP per territory, one active inscription and one avis / decision per saisine', () => {
    const n = knownMigrations().findIndex((m) => m.tag === '0005_documents');
    expect(n).toBeGreaterThan(0);
    const t = openTestDatabase({ upTo: n });
    opened.push(t);
    const mdsId = insertMds(t.sqlite);
    const userId = insertUser(t.sqlite, { login: 'sam', displayName: 'Sam', role: 'secretaire_ep', mdsId });
    const { personId } = insertDossier(t.sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
    const saisine = t.sqlite.prepare(
      "INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids) VALUES (?, 'fiche_suspension', 'Suspension', '2026-02-01', '2026-03-01', '[]')",
    );
    const s1 = Number(saisine.run(personId).lastInsertRowid);
    const s2 = Number(saisine.run(personId).lastInsertRowid);
    expect(tableNames(t)).not.toContain('ep_sessions');

    expect(migrate(t.sqlite, { upTo: n + 1 }).applied).toEqual([{ idx: n, tag: '0005_documents' }]);
    expect(tableNames(t)).toEqual(
      expect.arrayContaining(['eps', 'ep_members', 'ep_sessions', 'ep_session_items', 'ep_attendance', 'ep_avis', 'ep_decisions', 'ep_sanctions']),
    );
    // Earlier saisines are kept.
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM ep_saisines').get()).toEqual({ n: 2 });

    const ep = t.sqlite.prepare("INSERT INTO eps (territory, name) VALUES (?, 'EP')");
    const epId = Number(ep.run('Territoire Test').lastInsertRowid);
    expect(() => ep.run('Territoire Test')).toThrow(/UNIQUE/);

    const member = t.sqlite.prepare("INSERT INTO ep_members (ep_id, name, function, organisation, is_president, active) VALUES (?, ?, 'f', ?, ?, ?)");
    const presidentId = Number(member.run(epId, 'Président', 'conseil_general', 1, 1).lastInsertRowid);
    expect(() => member.run(epId, 'Autre président', 'conseil_general', 1, 1)).toThrow(/UNIQUE/);
    member.run(epId, 'Ancien président', 'conseil_general', 1, 0);

    const sessionId = Number(
      t.sqlite
        .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '09:00', 2, 30, ?)")
        .run(epId, userId).lastInsertRowid,
    );
    expect(() =>
      t.sqlite
        .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '09:00', 0, 30, ?)")
        .run(epId, userId),
    ).toThrow(/CHECK/);

    const item = t.sqlite.prepare("INSERT INTO ep_session_items (session_id, saisine_id, position, status, active, created_by) VALUES (?, ?, 1, ?, ?, ?)");
    const itemId = Number(item.run(sessionId, s1, 'inscrit', 1, userId).lastInsertRowid);
    expect(() => item.run(sessionId, s1, 'inscrit', 1, userId)).toThrow(/UNIQUE/);
    item.run(sessionId, s2, 'reporte', 0, userId);
    expect(() => item.run(sessionId, s2, 'reporte', 1, userId)).toThrow(/CHECK/);
    expect(() => item.run(sessionId, 9999, 'inscrit', 1, userId)).toThrow(/FOREIGN KEY/);

    const attendance = t.sqlite.prepare('INSERT INTO ep_attendance (session_id, member_id, status, replaced_by) VALUES (?, ?, ?, ?)');
    expect(() => attendance.run(sessionId, presidentId, 'remplace', null)).toThrow(/CHECK/);
    attendance.run(sessionId, presidentId, 'present', null);
    expect(() => attendance.run(sessionId, presidentId, 'absent', null)).toThrow(/UNIQUE|PRIMARY KEY/);

    const avis = t.sqlite.prepare("INSERT INTO ep_avis (item_id, saisine_id, date, sens, motivation, late, recorded_by) VALUES (?, ?, '2026-02-20', 'favorable', 'm', 0, ?)");
    avis.run(itemId, s1, userId);
    expect(() => avis.run(itemId, s1, userId)).toThrow(/UNIQUE/);
    const decision = t.sqlite.prepare(
      "INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, '2026-02-21', 'favorable', 'demarrer_sanction', ?, 'Sam')",
    );
    const decisionId = Number(decision.run(itemId, s1, userId).lastInsertRowid);
    expect(() => decision.run(itemId, s1, userId)).toThrow(/UNIQUE/);
    const sanction = t.sqlite.prepare(
      "INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, 'non_conclusion', '2026-03-01', 0, ?, '{}', 1)",
    );
    expect(() => sanction.run(decisionId, personId, -1)).toThrow(/CHECK/);
    sanction.run(decisionId, personId, 1);
    expect(() => sanction.run(decisionId, personId, 1)).toThrow(/UNIQUE/);
  });
});
