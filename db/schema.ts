/**
 * Drizzle schema of the Parcours RSA database: the barrel that drizzle-kit reads (db/drizzle.config.ts) and
 * that queries import. It holds no table: the foundation's are in db/schema-foundation.ts, each capability
 * keeps its own in db/schema-<capability>.ts, which imports only from schema-foundation.ts (and from another
 * capability's file where a foreign key requires it), never from this barrel.
 */
export * from './schema-foundation';
export * from './schema-contracts';
export * from './schema-interview';
export * from './schema-ep';
export * from './schema-documents';
export * from './schema-desk';
export * from './schema-imports';
