import { asc, eq } from 'drizzle-orm';
import { mds, type Mds } from '../schema';
import type { DbOrTx } from './types';

export interface MdsValues {
  name: string;
  territory: string;
  address?: string | undefined;
  commune?: string | undefined;
}

export function insertMds(db: DbOrTx, values: MdsValues, at: string): Mds {
  return db
    .insert(mds)
    .values({ name: values.name, territory: values.territory, address: values.address ?? null, commune: values.commune ?? null, createdAt: at })
    .returning()
    .get();
}

export function findMds(db: DbOrTx, id: number): Mds | undefined {
  return db.select().from(mds).where(eq(mds.id, id)).get();
}

export function updateMds(db: DbOrTx, id: number, values: MdsValues): Mds {
  return db
    .update(mds)
    .set({ name: values.name, territory: values.territory, address: values.address ?? null, commune: values.commune ?? null })
    .where(eq(mds.id, id))
    .returning()
    .get()!;
}

/** The MDS of the workspace (the one created by the setup wizard). */
export function firstMds(db: DbOrTx): Mds | undefined {
  return db.select().from(mds).orderBy(asc(mds.id)).limit(1).get();
}

/** What the journal keeps of an MDS. */
export const mdsSnapshot = (row: Mds) => ({ name: row.name, territory: row.territory, address: row.address, commune: row.commune });
