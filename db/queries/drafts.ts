import { and, eq } from 'drizzle-orm';
import { drafts, type Draft } from '../schema';
import type { DbOrTx } from './types';

export function findDraft(db: DbOrTx, userId: number, key: string): Draft | undefined {
  return db
    .select()
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.key, key)))
    .get();
}

export function saveDraft(db: DbOrTx, userId: number, key: string, dataJson: string, at: string): void {
  db.insert(drafts)
    .values({ userId, key, dataJson, updatedAt: at })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.key], set: { dataJson, updatedAt: at } })
    .run();
}

export function deleteDraft(db: DbOrTx, userId: number, key: string): void {
  db.delete(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.key, key)))
    .run();
}
