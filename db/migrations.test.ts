/**
 * One test per migration (`migrationCase` in db/testing.ts): migrate to n−1, insert data, migrate to n, check the
 * data and the new behaviour. Adding a migration without its test makes the first test fail.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors';
import { defaultMigrationsFolder, knownMigrations, migrate, schemaVersion } from './migrate';
import { openDatabase, type Sqlite } from './open';
import { searchPersons } from './search';
import type { TestDatabase } from './testing';
import { insertDossier, insertMds, insertPerson, insertUser, makeTempDir, migrationCase, openTestDatabase, removeTempDir, tableNames } from './testing';

const opened: TestDatabase[] = [];
const dirs: string[] = [];
function open(upTo: number): TestDatabase {
  const t = openTestDatabase({ upTo });
  opened.push(t);
  return t;
}
afterEach(() => {
  while (opened.length) {
    const t = opened.pop()!;
    t.close();
    removeTempDir(t.dir);
  }
  while (dirs.length) removeTempDir(dirs.pop()!);
});

const ids = (hits: { personId: number }[]) => hits.map((h) => h.personId);

describe('migrations', () => {
  it('each has a test of its own (db/migrations*.test.ts names its tag) and a distinct hash', () => {
    const known = knownMigrations();
    expect(known.slice(0, 3).map((m) => m.tag)).toEqual(['0000_tables', '0001_search_index', '0002_audit_append_only']);
    const dbDir = path.dirname(fileURLToPath(import.meta.url));
    const testSources = readdirSync(dbDir)
      .filter((f) => /^migrations.*\.test\.ts$/.test(f))
      .map((f) => readFileSync(path.join(dbDir, f), 'utf8'))
      .join('\n');
    const untested = known.filter((m) => !testSources.includes(`'${m.tag}'`)).map((m) => m.tag);
    expect(untested, 'migrations sans test (db/migrations-<fonction>.test.ts)').toEqual([]);
    expect(new Set(known.map((m) => m.hash)).size).toBe(known.length);
    expect(known.every((m) => m.statements.length > 0)).toBe(true);
  });

  it('0000_tables creates the tables, constraints and foreign keys', () => {
    migrationCase(
      '0000_tables',
      (sqlite) => {
        expect(schemaVersion(sqlite)).toBe(0);
        expect(tableNames(sqlite)).toEqual([]);
      },
      (sqlite) => {
        expect(tableNames(sqlite)).toEqual(
          expect.arrayContaining(['audit_log', 'children', 'drafts', 'foyers', 'mds', 'persons', 'schema_migrations', 'users']),
        );
        const mdsId = insertMds(sqlite);
        const { foyerId } = insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'Martin', prenoms: 'Léa' });
        expect(() => insertDossier(sqlite, { cafNumber: '1234567', mdsId, nomPatronymique: 'X', prenoms: 'Y' })).toThrow(/UNIQUE/);
        expect(() => insertPerson(sqlite, 999, { nomPatronymique: 'X', prenoms: 'Y' })).toThrow(/FOREIGN KEY/);
        sqlite.prepare("INSERT INTO children (foyer_id, prenom, date_naissance) VALUES (?, 'Noé', '2016-05-01')").run(foyerId);
        sqlite.prepare('DELETE FROM persons WHERE foyer_id = ?').run(foyerId);
        sqlite.prepare('DELETE FROM foyers WHERE id = ?').run(foyerId);
        expect(sqlite.prepare('SELECT count(*) AS n FROM children').get()).toEqual({ n: 0 });
        expect(sqlite.prepare('SELECT count(*) AS n FROM foyers').get()).toEqual({ n: 0 });
      },
    );
  });

  it('0001_search_index indexes the persons inserted before it and follows later writes', () => {
    migrationCase(
      '0001_search_index',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        const before = insertDossier(sqlite, {
          cafNumber: '1111111',
          mdsId,
          nomPatronymique: 'LEFÈVRE',
          prenoms: 'Hélène',
          peNumber: '1234567A',
        });
        expect(tableNames(sqlite)).not.toContain('person_search');
        return { mdsId, before };
      },
      (sqlite, { mdsId, before }) => {
        expect(ids(searchPersons(sqlite, { query: 'helene lefevre' }))).toEqual([before.personId]);
        expect(ids(searchPersons(sqlite, { query: '1111111' }))).toEqual([before.personId]);
        expect(ids(searchPersons(sqlite, { query: '1234567a' }))).toEqual([before.personId]);
        expect(ids(searchPersons(sqlite, { query: 'le' }))).toEqual([before.personId]);

        // Triggers: insert, update of the person, update of the foyer's CAF number, delete.
        const after = insertDossier(sqlite, { cafNumber: '2222222', mdsId, nomPatronymique: 'Dupont', prenoms: 'Marc' });
        expect(ids(searchPersons(sqlite, { query: 'dupont' }))).toEqual([after.personId]);
        sqlite.prepare("UPDATE persons SET nom_usage = 'Ægir-Ôlafsson' WHERE id = ?").run(after.personId);
        expect(ids(searchPersons(sqlite, { query: 'olafsson' }))).toEqual([after.personId]);
        expect(ids(searchPersons(sqlite, { query: 'ae' }))).toEqual([after.personId]);
        sqlite.prepare("UPDATE foyers SET caf_number = '3333333' WHERE id = ?").run(after.foyerId);
        expect(ids(searchPersons(sqlite, { query: '2222222' }))).toEqual([]);
        expect(ids(searchPersons(sqlite, { query: '3333333' }))).toEqual([after.personId]);
        // The référent and the MDS used as filters follow the person and the foyer.
        const referentId = insertUser(sqlite, { login: 'ref', displayName: 'Réf' });
        expect(ids(searchPersons(sqlite, { query: 'dupont', restrictToReferentId: referentId }))).toEqual([]);
        sqlite.prepare('UPDATE persons SET referent_id = ? WHERE id = ?').run(referentId, after.personId);
        expect(searchPersons(sqlite, { query: 'dupont', restrictToReferentId: referentId })).toMatchObject([
          { personId: after.personId, referentName: 'Réf' },
        ]);
        const otherMds = insertMds(sqlite, 'Autre MDS');
        sqlite.prepare('UPDATE foyers SET mds_id = ? WHERE id = ?').run(otherMds, after.foyerId);
        expect(ids(searchPersons(sqlite, { query: 'dupont', mdsId }))).toEqual([]);
        expect(ids(searchPersons(sqlite, { query: 'du', mdsId: otherMds }))).toEqual([after.personId]);
        sqlite.prepare('DELETE FROM persons WHERE id = ?').run(after.personId);
        expect(ids(searchPersons(sqlite, { query: 'dupont' }))).toEqual([]);
        expect(sqlite.prepare('SELECT count(*) AS n FROM person_search_key').get()).toEqual({ n: 1 });
      },
    );
  });

  it('0002_audit_append_only keeps earlier journal rows and refuses UPDATE and DELETE afterwards', () => {
    const insertEntry = (sqlite: Sqlite, userId: number) =>
      sqlite
        .prepare(
          "INSERT INTO audit_log (user_id, user_login, entity, entity_id, action, after_json) VALUES (?, 'admin', 'user', ?, 'create', '{}')",
        )
        .run(userId, String(userId));
    migrationCase(
      '0002_audit_append_only',
      (sqlite) => {
        const userId = insertUser(sqlite, { login: 'admin', displayName: 'Admin' });
        insertEntry(sqlite, userId);
        // Before the migration the journal could still be edited.
        sqlite.prepare("UPDATE audit_log SET after_json = '{\"v\":1}'").run();
        return userId;
      },
      (sqlite, userId) => {
        expect(sqlite.prepare('SELECT entity, entity_id AS entityId, after_json AS afterJson FROM audit_log').all()).toEqual([
          { entity: 'user', entityId: String(userId), afterJson: '{"v":1}' },
        ]);
        expect(() => sqlite.prepare("UPDATE audit_log SET after_json = '{}'").run()).toThrow('Le journal d’audit est en ajout seul');
        expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow('Le journal d’audit est en ajout seul');
        insertEntry(sqlite, userId);
        expect(sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
      },
    );
  });

  it('applies all pending migrations in one transaction: a failing one leaves the database as it was', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const folder = path.join(dir, 'migrations');
    cpSync(defaultMigrationsFolder(), folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: object[] };
    const idx = journal.entries.length;
    const tag = `${String(idx).padStart(4, '0')}_broken`;
    journal.entries.push({ idx, version: '6', when: 0, tag, breakpoints: true });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(
      path.join(folder, `${tag}.sql`),
      'CREATE TABLE `ok_table` (`id` integer);\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);',
    );

    const t = open(1);
    const error = (() => {
      try {
        migrate(t.sqlite, { migrationsFolder: folder });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain(`migration ${idx + 1} « ${tag} »`);
    expect(schemaVersion(t.sqlite)).toBe(1);
    expect(tableNames(t.sqlite)).not.toContain('ok_table');
    expect(tableNames(t.sqlite)).not.toContain('person_search_key');
    expect(t.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);

    // Through openDatabase, the same failure refuses to open.
    t.close();
    expect(() => openDatabase({ file: t.file, key: t.key, create: false, migrationsFolder: folder })).toThrow(
      /La mise à jour du schéma de la base de données a échoué/,
    );
  });
});
