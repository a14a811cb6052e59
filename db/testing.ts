/**
 * Helpers for tests of the database layer and of its users (queries, services): a real encrypted
 * database in a fresh temporary folder, and raw-SQL seeding that works at any schema version.
 * Not used by the application itself.
 */
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDatabaseKey } from './keyslots';
import { knownMigrations, migrate, schemaVersion } from './migrate';
import { openDatabase } from './open';
import type { OpenedDatabase, Sqlite } from './open';

export function makeTempDir(prefix = 'parcours-rsa-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface TestDatabase extends OpenedDatabase {
  dir: string;
  file: string;
  key: Buffer;
}

/** A new encrypted database in a new temporary folder, migrated (up to `upTo` if given). */
export function openTestDatabase(options: { upTo?: number; migrationsFolder?: string } = {}): TestDatabase {
  const dir = makeTempDir();
  const file = path.join(dir, 'parcours.db');
  const key = generateDatabaseKey();
  const opened = openDatabase({ file, key, create: true, upTo: options.upTo, migrationsFolder: options.migrationsFolder });
  return { ...opened, dir, file, key };
}

/**
 * One migration test (n−1 → n): a new database migrated up to the migration before `tag`; `before(sqlite)`
 * seeds it (and may check the old shape), its result is handed to `after`; then exactly `tag` is applied
 * (asserted) and `after(sqlite, seeded)` checks the data kept and the new behaviour. The database is closed and
 * removed whatever happens. Name the tag literally in the test file: db/migrations.test.ts checks that every
 * shipped migration has a test by searching the tests' sources for `'<tag>'`.
 */
export function migrationCase<T>(tag: string, before: (sqlite: Sqlite) => T, after: (sqlite: Sqlite, seeded: T) => void): void {
  const n = knownMigrations().findIndex((m) => m.tag === tag);
  if (n < 0) throw new Error(`Unknown migration « ${tag} »`);
  const t = openTestDatabase({ upTo: n });
  try {
    strictEqual(schemaVersion(t.sqlite), n);
    const seeded = before(t.sqlite);
    deepStrictEqual(migrate(t.sqlite, { upTo: n + 1 }).applied, [{ idx: n, tag }]);
    strictEqual(schemaVersion(t.sqlite), n + 1);
    after(t.sqlite, seeded);
  } finally {
    t.close();
    removeTempDir(t.dir);
  }
}

/** The names of the database's tables, sorted. */
export function tableNames(sqlite: Sqlite): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

export function insertMds(sqlite: Sqlite, name = 'MDS de Test', territory = 'Territoire Test'): number {
  return Number(sqlite.prepare('INSERT INTO mds (name, territory) VALUES (?, ?)').run(name, territory).lastInsertRowid);
}

export function insertUser(
  sqlite: Sqlite,
  user: { login: string; displayName: string; role?: string; mdsId?: number | null },
): number {
  return Number(
    sqlite
      .prepare('INSERT INTO users (login, display_name, role, structure, mds_id) VALUES (?, ?, ?, ?, ?)')
      .run(user.login, user.displayName, user.role ?? 'referent', 'Conseil départemental', user.mdsId ?? null)
      .lastInsertRowid,
  );
}

export interface TestPerson {
  nomPatronymique: string;
  prenoms: string;
  nomUsage?: string | null;
  peNumber?: string | null;
  referentId?: number | null;
  roleInFoyer?: 'allocataire' | 'conjoint';
  sexe?: 'F' | 'M';
  dateNaissance?: string;
}

export function insertFoyer(sqlite: Sqlite, foyer: { cafNumber: string; mdsId: number; city?: string }): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO foyers (caf_number, situation_familiale, address_line1, postal_code, city, mds_id)
         VALUES (?, 'celibataire', '1 rue de la Paix', '59000', ?, ?)`,
      )
      .run(foyer.cafNumber, foyer.city ?? 'Lille', foyer.mdsId).lastInsertRowid,
  );
}

export function insertPerson(sqlite: Sqlite, foyerId: number, person: TestPerson): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, nom_usage, prenoms, sexe, date_naissance, pe_number, referent_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        foyerId,
        person.roleInFoyer ?? 'allocataire',
        person.nomPatronymique,
        person.nomUsage ?? null,
        person.prenoms,
        person.sexe ?? 'F',
        person.dateNaissance ?? '1980-01-01',
        person.peNumber ?? null,
        person.referentId ?? null,
      ).lastInsertRowid,
  );
}

/** A foyer with one allocataire; returns both ids. */
export function insertDossier(
  sqlite: Sqlite,
  dossier: TestPerson & { cafNumber: string; mdsId: number; city?: string },
): { foyerId: number; personId: number } {
  const foyerId = insertFoyer(sqlite, dossier);
  return { foyerId, personId: insertPerson(sqlite, foyerId, dossier) };
}
