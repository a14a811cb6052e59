/**
 * 0011: backups record, RGPD purge marks (persons, foyers, journal lines), organismes référents per MDS. The journal
 * stays append-only except one anonymisation per line.
 */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, migrationCase, tableNames } from './testing';

describe('migration of backups, RGPD and the organismes’ MDS', () => {
  it('0011_rgpd_backups_scoping adds the columns, gives the organismes to the only MDS, and lets a journal line be anonymised once', () => {
    migrationCase(
      '0011_rgpd_backups_scoping',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const { personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        const organismeId = Number(sqlite.prepare("INSERT INTO organismes_referents (name, type) VALUES ('PLIE', 'professionnel')").run().lastInsertRowid);
        const auditId = Number(
          sqlite
            .prepare("INSERT INTO audit_log (user_login, entity, entity_id, action, after_json) VALUES ('admin', 'person', ?, 'create', '{\"nom\":\"Martin\"}')")
            .run(String(personId)).lastInsertRowid,
        );
        expect(() => sqlite.prepare("UPDATE audit_log SET after_json = '{}' WHERE id = ?").run(auditId)).toThrow(/ajout seul/);
        return { mdsId, personId, organismeId, auditId };
      },
      (sqlite, { mdsId, personId, organismeId, auditId }) => {
        expect(tableNames(sqlite)).toContain('backups');
        expect(sqlite.prepare('SELECT mds_id FROM organismes_referents WHERE id = ?').get(organismeId)).toEqual({ mds_id: mdsId });
        expect(sqlite.prepare('SELECT purged_at FROM persons WHERE id = ?').get(personId)).toEqual({ purged_at: null });
        // Without anonymised_at, or changing another column: refused.
        expect(() => sqlite.prepare("UPDATE audit_log SET after_json = '{}' WHERE id = ?").run(auditId)).toThrow(/ajout seul/);
        expect(() => sqlite.prepare("UPDATE audit_log SET user_login = 'x', anonymised_at = 'now' WHERE id = ?").run(auditId)).toThrow(/ajout seul/);
        sqlite.prepare("UPDATE audit_log SET after_json = '{\"nom\":\"***\"}', anonymised_at = '2026-12-03T10:00:00Z' WHERE id = ?").run(auditId);
        expect(sqlite.prepare('SELECT after_json FROM audit_log WHERE id = ?').get(auditId)).toEqual({ after_json: '{"nom":"***"}' });
        // Once only; deleting stays refused.
        expect(() => sqlite.prepare("UPDATE audit_log SET after_json = '{}', anonymised_at = 'later' WHERE id = ?").run(auditId)).toThrow(/ajout seul/);
        expect(() => sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(auditId)).toThrow(/ajout seul/);
      },
    );
  });
});
