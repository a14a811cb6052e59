/**
 * Applies the drizzle-kit migrations of `db/migrations/` in code (drizzle-kit's migrate CLI
 * cannot open an encrypted file).
 *
 * - The migrations are read from `meta/_journal.json` and the `<tag>.sql` files, split on
 *   drizzle's `--> statement-breakpoint`.
 * - Every pending migration is applied in ONE transaction and recorded in `schema_migrations`
 *   (idx, tag, sha256 of the SQL, applied_at). Reopening applies none twice.
 * - A database whose recorded migrations go beyond the app's (newer schema), whose recorded
 *   migration differs from the app's (hash or tag), or which is not a Parcours RSA database
 *   is refused with a French ApiError('DATABASE') and never touched.
 *
 * "Schema version" = number of migrations applied (0 for an empty database).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { ApiError } from '../shared/api/errors';

export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';
const MIGRATIONS_TABLE = 'schema_migrations';

export interface KnownMigration {
  /** 0-based position in the journal. */
  idx: number;
  tag: string;
  /** sha256 (hex) of the SQL file, line endings normalised to \n. */
  hash: string;
  statements: string[];
}

export interface AppliedMigration {
  idx: number;
  tag: string;
  hash: string;
  appliedAt: string;
}

export interface MigrateOptions {
  /** Folder holding `meta/_journal.json` and the SQL files. Default: `db/migrations` beside this file. */
  migrationsFolder?: string;
  /** Apply only up to this schema version (the first `upTo` migrations). For tests. */
  upTo?: number;
}

export interface MigrateResult {
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: { idx: number; tag: string }[];
  /** Schema version after the call. */
  version: number;
}

const journalSchema = z.object({
  dialect: z.literal('sqlite'),
  entries: z.array(
    z.object({
      idx: z.number().int().nonnegative(),
      tag: z.string().regex(/^[\w-]+$/),
      breakpoints: z.boolean(),
    }),
  ),
});

/** `db/migrations` beside this module; computed lazily (bundles without import.meta.url pass their own folder). */
export function defaultMigrationsFolder(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

const cache = new Map<string, KnownMigration[]>();

/** The app's migrations, in order. Throws a French ApiError('DATABASE') if the folder is missing or broken. */
export function knownMigrations(folder: string = defaultMigrationsFolder()): KnownMigration[] {
  const resolved = path.resolve(folder);
  const cached = cache.get(resolved);
  if (cached) return cached;
  let journal: z.infer<typeof journalSchema>;
  try {
    journal = journalSchema.parse(JSON.parse(readFileSync(path.join(resolved, 'meta', '_journal.json'), 'utf8')));
  } catch {
    throw new ApiError(
      'DATABASE',
      `Les migrations de la base de données sont introuvables ou illisibles (${resolved}). Réinstallez l’application.`,
    );
  }
  const migrations = journal.entries.map((entry, position): KnownMigration => {
    if (entry.idx !== position) {
      throw new ApiError('DATABASE', `Le journal des migrations est incohérent (entrée ${position}). Réinstallez l’application.`);
    }
    let text: string;
    try {
      text = readFileSync(path.join(resolved, `${entry.tag}.sql`), 'utf8').replace(/\r\n/g, '\n');
    } catch {
      throw new ApiError('DATABASE', `La migration « ${entry.tag} » est introuvable. Réinstallez l’application.`);
    }
    const statements = (entry.breakpoints ? text.split(STATEMENT_BREAKPOINT) : [text])
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    return { idx: entry.idx, tag: entry.tag, hash: createHash('sha256').update(text).digest('hex'), statements };
  });
  cache.set(resolved, migrations);
  return migrations;
}

function hasMigrationsTable(sqlite: Database): boolean {
  return (
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined
  );
}

/** Migrations recorded in the database, in order (empty if none). Read-only. */
export function appliedMigrations(sqlite: Database): AppliedMigration[] {
  if (!hasMigrationsTable(sqlite)) return [];
  return sqlite
    .prepare(`SELECT idx, tag, hash, applied_at AS appliedAt FROM ${MIGRATIONS_TABLE} ORDER BY idx`)
    .all() as AppliedMigration[];
}

/** Schema version of the database: the number of migrations recorded (0 for a new database). Read-only. */
export function schemaVersion(sqlite: Database): number {
  if (!hasMigrationsTable(sqlite)) return 0;
  const row = sqlite.prepare(`SELECT max(idx) AS maxIdx FROM ${MIGRATIONS_TABLE}`).get() as { maxIdx: number | null };
  return row.maxIdx === null ? 0 : row.maxIdx + 1;
}

/**
 * Checks the database against the app's migrations WITHOUT writing anything and returns the
 * pending ones. Throws a French ApiError('DATABASE') when the database must not be touched.
 */
export function pendingMigrations(sqlite: Database, options: MigrateOptions = {}): KnownMigration[] {
  const known = knownMigrations(options.migrationsFolder);
  const upTo = options.upTo ?? known.length;
  if (!Number.isInteger(upTo) || upTo < 0 || upTo > known.length) {
    throw new ApiError('DATABASE', `Version de schéma demandée invalide (${upTo}) : cette version connaît le schéma ${known.length}.`);
  }
  if (!hasMigrationsTable(sqlite)) {
    const objects = sqlite
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
      .get() as { n: number };
    if (objects.n > 0) {
      throw new ApiError(
        'DATABASE',
        'Ce fichier n’est pas une base de données Parcours RSA (aucun historique de schéma). La base n’a pas été modifiée.',
      );
    }
    return known.slice(0, upTo);
  }
  const applied = appliedMigrations(sqlite);
  const version = applied.length === 0 ? 0 : Math.max(...applied.map((m) => m.idx)) + 1;
  if (version > known.length) {
    throw new ApiError(
      'DATABASE',
      `Cette base de données a été créée par une version plus récente de Parcours RSA (schéma ${version}, cette version connaît le schéma ${known.length}). Mettez l’application à jour : la base n’a pas été modifiée.`,
    );
  }
  applied.forEach((row, position) => {
    const mine = known[row.idx];
    if (row.idx !== position || !mine || mine.tag !== row.tag || mine.hash !== row.hash) {
      throw new ApiError(
        'DATABASE',
        `Le schéma de cette base de données ne correspond pas à cette version de Parcours RSA (migration ${row.idx + 1} « ${row.tag} » différente). La base n’a pas été modifiée : contactez l’administrateur.`,
      );
    }
  });
  return known.slice(version, Math.max(version, upTo));
}

/**
 * Applies the pending migrations (up to `upTo`) in one transaction. Refused databases are never
 * touched; a failing migration rolls everything back.
 */
export function migrate(sqlite: Database, options: MigrateOptions = {}): MigrateResult {
  const pending = pendingMigrations(sqlite, options);
  if (pending.length === 0) return { applied: [], version: schemaVersion(sqlite) };

  // Table rebuilds toggle foreign keys, which is a no-op inside a transaction: switch them off
  // around it, and check the whole database before committing.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  let current: KnownMigration | undefined;
  try {
    sqlite
      .transaction(() => {
        sqlite.exec(
          `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
            idx integer PRIMARY KEY NOT NULL,
            tag text NOT NULL,
            hash text NOT NULL,
            applied_at text NOT NULL
          )`,
        );
        const record = sqlite.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)`);
        for (const migration of pending) {
          current = migration;
          for (const statement of migration.statements) sqlite.exec(statement);
          record.run(migration.idx, migration.tag, migration.hash, new Date().toISOString());
        }
        current = undefined;
        const violations = sqlite.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) throw new Error(`${violations.length} violation(s) de clé étrangère`);
      })
      .immediate();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const where = current ? ` (migration ${current.idx + 1} « ${current.tag} »)` : '';
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      'DATABASE',
      `La mise à jour du schéma de la base de données a échoué${where} : ${detail}. La base n’a pas été modifiée.`,
    );
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
  return { applied: pending.map(({ idx, tag }) => ({ idx, tag })), version: schemaVersion(sqlite) };
}
