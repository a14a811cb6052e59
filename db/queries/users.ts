import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../shared/api/common';
import { users, type User } from '../schema';
import type { DbOrTx } from './types';

export function findUserById(db: DbOrTx, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserByLogin(db: DbOrTx, login: string): User | undefined {
  return db.select().from(users).where(eq(users.login, login)).get();
}

/** Every account of the MDS (active or not), by display name. */
export function listUsers(db: DbOrTx, mdsId: number): User[] {
  return db.select().from(users).where(eq(users.mdsId, mdsId)).orderBy(asc(users.displayName), asc(users.id)).all();
}

/** Active users of the MDS having one of the roles. */
export function listActiveWithRoles(db: DbOrTx, mdsId: number, roles: readonly Role[]): User[] {
  return db
    .select()
    .from(users)
    .where(and(eq(users.mdsId, mdsId), eq(users.active, true), inArray(users.role, [...roles])))
    .orderBy(asc(users.displayName), asc(users.id))
    .all();
}

export function countActiveAdmins(db: DbOrTx, mdsId: number): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.mdsId, mdsId), eq(users.active, true), eq(users.role, 'administrateur')))
      .get()?.n ?? 0
  );
}

export interface UserValues {
  login: string;
  displayName: string;
  role: Role;
  structure: string;
  mdsId: number;
  partner?: boolean;
  charteSignedOn?: string | null;
  accessRequestRef?: string | null;
}

export function insertUser(db: DbOrTx, values: UserValues, at: string): User {
  return db
    .insert(users)
    .values({ ...values, active: true, createdAt: at, updatedAt: at })
    .returning()
    .get();
}

export function updateUser(
  db: DbOrTx,
  id: number,
  values: Partial<Pick<User, 'displayName' | 'role' | 'structure' | 'active' | 'partner' | 'charteSignedOn' | 'accessRequestRef'>>,
  at: string,
): User {
  const row = db
    .update(users)
    .set({ ...values, updatedAt: at })
    .where(eq(users.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`users.id ${id} absent`);
  return row;
}

/** What the journal keeps of an account (never a password: there is none in the database). */
export const userSnapshot = (row: User) => ({
  login: row.login,
  displayName: row.displayName,
  role: row.role,
  structure: row.structure,
  mdsId: row.mdsId,
  active: row.active,
});

export function countUsers(db: DbOrTx): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}
