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
import { PARTNER_MESSAGES, type Account, type MethodOutput, type MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { toIso } from '../../../shared/domain/rules/dates';
import { auditActor, toApiUser, type AuthedCall } from '../context';

const LAST_ADMIN_MESSAGE =
  'Il doit rester au moins un administrateur actif : nommez d’abord un autre administrateur.';

function withMds(row: UserRow, mdsId: number) {
  return { ...row, mdsId: row.mdsId ?? mdsId };
}

/** An account as the administration lists it: with its partner (extranet) fields. */
function toAccount(row: UserRow, mdsId: number): Account {
  return { ...toApiUser(withMds(row, mdsId)), partner: row.partner, charteSignedOn: row.charteSignedOn, accessRequestRef: row.accessRequestRef };
}

/** What the journal keeps of an account: its partner fields too, once it is or was a partner's. */
function accountSnapshot(row: UserRow, partnerEver: boolean) {
  return partnerEver
    ? { ...userSnapshot(row), partenaire: row.partner, charteSigneeLe: row.charteSignedOn, demandeAcces: row.accessRequestRef }
    : userSnapshot(row);
}

type PartnerState = Pick<UserRow, 'role' | 'partner' | 'charteSignedOn' | 'accessRequestRef'> & { active: boolean };

/**
 * An active partner account needs a référent role, the charte's date (not in the future) and the access request's
 * reference: refused here with field messages, before the database's own trigger.
 */
function checkPartner(state: PartnerState, today: string): void {
  if (!state.partner || !state.active) return;
  const fieldErrors: Record<string, string> = {};
  if (state.role !== 'referent') fieldErrors.role = PARTNER_MESSAGES.role;
  if (!state.charteSignedOn) fieldErrors.charteSignedOn = PARTNER_MESSAGES.charteSignedOn;
  else if (state.charteSignedOn > today) fieldErrors.charteSignedOn = PARTNER_MESSAGES.charteInFuture;
  if (!state.accessRequestRef) fieldErrors.accessRequestRef = PARTNER_MESSAGES.accessRequestRef;
  const first = Object.values(fieldErrors)[0];
  if (first) throw new ApiError('VALIDATION', first, fieldErrors);
}

/** The partner fields to store: cleared when the account is not a partner's. */
const partnerValues = (partner: boolean, charteSignedOn: string | null | undefined, accessRequestRef: string | null | undefined) => ({
  partner,
  charteSignedOn: partner ? (charteSignedOn ?? null) : null,
  accessRequestRef: partner ? (accessRequestRef ?? null) : null,
});

/** An account of the caller's MDS, or NOT_FOUND. */
function accountOfMds(call: AuthedCall, id: number): UserRow {
  const row = findUserById(call.open.db, id);
  if (!row || row.mdsId !== call.actor.mdsId) throw new ApiError('NOT_FOUND', 'Ce compte est introuvable.');
  return row;
}

export function list(_input: MethodParsedInput<'users.list'>, call: AuthedCall): MethodOutput<'users.list'> {
  return listUsers(call.open.db, call.actor.mdsId).map((row) => toAccount(row, call.actor.mdsId));
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
    const partner = partnerValues(input.partner, input.charteSignedOn, input.accessRequestRef);
    checkPartner({ role: input.role, active: true, ...partner }, toIso(app.options.now()));
    const row = db.transaction((tx) => {
      const created = insertUser(
        tx,
        { login: input.login, displayName: input.displayName, role: input.role, structure: input.structure, mdsId: actor.mdsId, ...partner },
        at,
      );
      recordAudit(tx, {
        actor: auditActor(actor),
        at,
        entity: 'user',
        entityId: created.id,
        action: 'create',
        before: null,
        after: accountSnapshot(created, created.partner),
      });
      return created;
    });
    // No account had this login: a slot under it is an orphan of an interrupted creation, replaced here.
    await setSlot(ws.keyPath, input.login, input.password, ws.key);
    return toAccount(row, actor.mdsId);
  });
}

export function update(input: MethodParsedInput<'users.update'>, call: AuthedCall): MethodOutput<'users.update'> {
  const { app, actor } = call;
  const db = call.open.db;
  const before = accountOfMds(call, input.id);
  const demoted = before.active && before.role === 'administrateur' && input.role !== 'administrateur';
  if (demoted && countActiveAdmins(db, actor.mdsId) <= 1) throw new ApiError('RULE', LAST_ADMIN_MESSAGE);
  const at = app.nowIso();
  const isPartner = input.partner ?? before.partner;
  const partner = partnerValues(
    isPartner,
    input.charteSignedOn === undefined ? before.charteSignedOn : input.charteSignedOn,
    input.accessRequestRef === undefined ? before.accessRequestRef : input.accessRequestRef,
  );
  checkPartner({ role: input.role, active: before.active, ...partner }, toIso(app.options.now()));
  const partnerEver = before.partner || partner.partner;
  const after = db.transaction((tx) => {
    const row = updateUser(tx, before.id, { displayName: input.displayName, role: input.role, structure: input.structure, ...partner }, at);
    recordAudit(tx, {
      actor: auditActor(actor),
      at,
      entity: 'user',
      entityId: row.id,
      action: 'update',
      before: accountSnapshot(before, partnerEver),
      after: accountSnapshot(row, partnerEver),
    });
    return row;
  });
  return toAccount(after, actor.mdsId);
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
