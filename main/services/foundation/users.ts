import { removeSlot, setSlot } from '../../../db/keyslots';
import {
  countActiveAdmins,
  findUserById,
  findUserByLogin,
  insertUser,
  listActiveWithRoles,
  listUsers,
  recordAudit,
  updateUser,
  userSnapshot,
} from '../../../db/queries';
import type { User as UserRow } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { auditActor, toApiUser, type AuthedCall } from '../context';

const LAST_ADMIN_MESSAGE =
  'Il doit rester au moins un administrateur actif : nommez d’abord un autre administrateur.';

function withMds(row: UserRow, mdsId: number) {
  return { ...row, mdsId: row.mdsId ?? mdsId };
}

/** An account of the caller's MDS, or NOT_FOUND. */
function accountOfMds(call: AuthedCall, id: number): UserRow {
  const row = findUserById(call.open.db, id);
  if (!row || row.mdsId !== call.actor.mdsId) throw new ApiError('NOT_FOUND', 'Ce compte est introuvable.');
  return row;
}

export function list(_input: MethodParsedInput<'users.list'>, call: AuthedCall): MethodOutput<'users.list'> {
  return listUsers(call.open.db, call.actor.mdsId).map((row) => toApiUser(withMds(row, call.actor.mdsId)));
}

export function staff(_input: MethodParsedInput<'users.staff'>, call: AuthedCall): MethodOutput<'users.staff'> {
  return listActiveWithRoles(call.open.db, call.actor.mdsId, ['referent', 'correspondant']).map((row) => ({
    id: row.id,
    displayName: row.displayName,
    role: row.role,
    structure: row.structure,
  }));
}

/**
 * New account in the caller's MDS, with a key slot under its initial password. The row first, the slot after (both
 * before the call's COMMIT): a crash between them leaves at most a slot without an account, which opens nothing (the
 * login requires an active account), is listed by `users.orphanSlots`, and is replaced when the login is created again.
 */
export function create(input: MethodParsedInput<'users.create'>, call: AuthedCall): Promise<MethodOutput<'users.create'>> {
  const { app, actor } = call;
  const ws = app.workspace;
  return ws.lock.run(async () => {
    const db = call.open.db;
    if (findUserByLogin(db, input.login)) {
      throw new ApiError('CONFLICT', 'Cet identifiant est déjà utilisé.', { login: 'Cet identifiant est déjà utilisé.' });
    }
    const at = app.nowIso();
    const row = db.transaction((tx) => {
      const created = insertUser(
        tx,
        { login: input.login, displayName: input.displayName, role: input.role, structure: input.structure, mdsId: actor.mdsId },
        at,
      );
      recordAudit(tx, {
        actor: auditActor(actor),
        at,
        entity: 'user',
        entityId: created.id,
        action: 'create',
        before: null,
        after: userSnapshot(created),
      });
      return created;
    });
    // No account had this login: a slot under it is an orphan of an interrupted creation, replaced here.
    await setSlot(ws.keyPath, input.login, input.password, ws.key);
    return toApiUser(withMds(row, actor.mdsId));
  });
}

export function update(input: MethodParsedInput<'users.update'>, call: AuthedCall): MethodOutput<'users.update'> {
  const { app, actor } = call;
  const db = call.open.db;
  const before = accountOfMds(call, input.id);
  const demoted = before.active && before.role === 'administrateur' && input.role !== 'administrateur';
  if (demoted && countActiveAdmins(db, actor.mdsId) <= 1) throw new ApiError('RULE', LAST_ADMIN_MESSAGE);
  const at = app.nowIso();
  const after = db.transaction((tx) => {
    const row = updateUser(tx, before.id, { displayName: input.displayName, role: input.role, structure: input.structure }, at);
    recordAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'user',
      entityId: row.id,
      action: 'update',
      before: userSnapshot(before),
      after: userSnapshot(row),
    });
    return row;
  });
  return toApiUser(withMds(after, actor.mdsId));
}

/**
 * Deactivates the account (it stays in the journal), removes its key slot and ends its sessions. The slot first, the
 * row after: a crash between them leaves an active account without a slot (it can't log in; removing it again, or
 * `users.setPassword`, settles it), never a removed account whose slot still opens the database.
 */
export function remove(input: MethodParsedInput<'users.remove'>, call: AuthedCall): Promise<MethodOutput<'users.remove'>> {
  const { app, actor } = call;
  const ws = app.workspace;
  return ws.lock.run(async () => {
    const db = call.open.db;
    const before = accountOfMds(call, input.id);
    if (!before.active) return { ok: true as const };
    if (before.role === 'administrateur' && countActiveAdmins(db, actor.mdsId) <= 1) {
      throw new ApiError('RULE', LAST_ADMIN_MESSAGE);
    }
    // A slot already gone (a removal interrupted before) is not an error here.
    await removeSlot(ws.keyPath, before.login).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error;
    });
    app.sessions.endForUser(before.id);
    const at = app.nowIso();
    db.transaction((tx) => {
      const row = updateUser(tx, before.id, { active: false }, at);
      recordAudit(tx, {
        actor: auditActor(actor),
        at,
        entity: 'user',
        entityId: row.id,
        action: 'delete',
        before: userSnapshot(before),
        after: userSnapshot(row),
      });
    });
    return { ok: true as const };
  });
}
