/** 0015: partner référents' accounts (charte, demande d'accès) and the pairs of dossiers said not to be the same person. */
import { describe, expect, it } from 'vitest';
import { insertDossier, insertMds, insertUser, migrationCase, tableNames } from './testing';

describe('migration of the server mode’s accounts and the identity exclusions', () => {
  it('0015_server_partners_identity_exclusions keeps the accounts (not partners) and refuses an active partner without charte or request', () => {
    migrationCase(
      '0015_server_partners_identity_exclusions',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const userId = insertUser(sqlite, { login: 'corinne', displayName: 'Corinne', role: 'correspondant', mdsId });
        const { personId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        expect(tableNames(sqlite)).not.toContain('identity_exclusions');
        return { mdsId, userId, personId };
      },
      (sqlite, { mdsId, userId, personId }) => {
        expect(sqlite.prepare('SELECT login, active, partner, charte_signed_on, access_request_ref FROM users WHERE id = ?').get(userId)).toEqual({
          login: 'corinne',
          active: 1,
          partner: 0,
          charte_signed_on: null,
          access_request_ref: null,
        });
        const insertPartner = (login: string, active: number, charte: string | null, ref: string | null) =>
          sqlite
            .prepare("INSERT INTO users (login, display_name, role, structure, mds_id, active, partner, charte_signed_on, access_request_ref) VALUES (?, 'P', 'referent', 'CCAS', ?, ?, 1, ?, ?)")
            .run(login, mdsId, active, charte, ref);
        expect(() => insertPartner('p1', 1, null, 'DA-1')).toThrow(/charte/);
        expect(() => insertPartner('p2', 1, '2026-11-02', ' ')).toThrow(/charte/);
        const inactive = Number(insertPartner('p3', 0, null, null).lastInsertRowid);
        expect(() => sqlite.prepare('UPDATE users SET active = 1 WHERE id = ?').run(inactive)).toThrow(/charte/);
        sqlite.prepare("UPDATE users SET active = 1, charte_signed_on = '2026-11-02', access_request_ref = 'DA-2026-0042' WHERE id = ?").run(inactive);
        expect(sqlite.prepare('SELECT active FROM users WHERE id = ?').get(inactive)).toEqual({ active: 1 });

        const other = insertDossier(sqlite, { cafNumber: '7654321', mdsId, nomPatronymique: 'Martin', prenoms: 'Lea' }).personId;
        const exclude = () =>
          sqlite.prepare("INSERT INTO identity_exclusions (person_a_id, person_b_id, user_id, at) VALUES (?, ?, ?, '2026-12-03T10:00:00Z')").run(personId, other, userId);
        exclude();
        expect(exclude).toThrow(/UNIQUE/);
      },
    );
  });
});
