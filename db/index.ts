/** Public surface of the database layer (queries live in db/queries/). */
export * as schema from './schema';
export * from './schema';
export { createDrizzle, openDatabase } from './open';
export type { Db, OpenDatabaseOptions, OpenedDatabase, Sqlite } from './open';
export {
  appliedMigrations,
  defaultMigrationsFolder,
  knownMigrations,
  migrate,
  pendingMigrations,
  schemaVersion,
  STATEMENT_BREAKPOINT,
} from './migrate';
export type { AppliedMigration, KnownMigration, MigrateOptions, MigrateResult } from './migrate';
export {
  addSlot,
  createKeyFile,
  DATABASE_FILE_NAME,
  DATABASE_KEY_BYTES,
  generateDatabaseKey,
  KEY_FILE_NAME,
  keyFilePathFor,
  readKeyFile,
  removeSlot,
  rewrapSlot,
  SCRYPT_PARAMS,
  slotLogins,
  unwrapKey,
} from './keyslots';
export type { KeyFile, KeySlot } from './keyslots';
export { foldName, quoteFtsTerm, searchPersons } from './search';
export type { PersonSearchHit, SearchPersonsOptions } from './search';
