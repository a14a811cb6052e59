import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../schema';

/**
 * What every query takes: the drizzle database opened by `db/open.ts`, or a transaction of it
 * (both are synchronous with better-sqlite3, so a service's transaction never interleaves with another call).
 */
export type DbOrTx = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
