/**
 * The key slots seen from the accounts: the orphan slots (a slot without an active account of the MDS: a creation or
 * a removal interrupted between the keys file's write and the database's), the accounts without a slot (after a keys
 * file was rebuilt), and a new password given by an administrator.
 */
import { SERVICE_SLOT_LOGIN, removeSlot, setSlot, slotLogins, slotSummaries } from '../../../db/keyslots';
import { findUserById, findUserByLogin, listUsers, recordAudit, type AuditActor, type DbOrTx } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { OrphanSlot } from '../../../shared/api/recovery';
import { auditActor, type AuthedCall } from '../context';

/** A change of an account's key (a password, the recovery key) in the journal: what changed, never a secret. */
export function auditAccount(db: DbOrTx, actor: AuditActor, at: string, entityId: number, after: Record<string, string>): void {
  recordAudit(db, { actor, at, entity: 'user', entityId, action: 'update', before: null, after });
}

/**
 * The orphan slots this administrator may see: a slot whose login no account has (whatever the MDS: such a slot
 * belongs to nobody), or whose account of their MDS is deactivated.
 */
async function orphansOf(call: AuthedCall): Promise<OrphanSlot[]> {
  const out: OrphanSlot[] = [];
  for (const slot of await slotSummaries(call.app.workspace.keyPath)) {
    if (slot.login === SERVICE_SLOT_LOGIN) continue; // the server's own slot (issue 14): nobody's account, no orphan
    const row = findUserByLogin(call.open.db, slot.login);
    if (!row) out.push({ ...slot, reason: 'aucun_compte' });
    else if (!row.active && row.mdsId === call.actor.mdsId) out.push({ ...slot, reason: 'compte_desactive' });
  }
  return out;
}

export function orphanSlots(_input: MethodParsedInput<'users.orphanSlots'>, call: AuthedCall): Promise<MethodOutput<'users.orphanSlots'>> {
  return orphansOf(call);
}

export function removeOrphanSlot(input: MethodParsedInput<'users.removeOrphanSlot'>, call: AuthedCall): Promise<MethodOutput<'users.removeOrphanSlot'>> {
  const { app, actor } = call;
  const ws = app.workspace;
  return ws.lock.run(async () => {
    const orphan = (await orphansOf(call)).find((o) => o.login === input.login);
    if (!orphan) throw new ApiError('NOT_FOUND', `Aucune clé orpheline pour « ${input.login} » : la clé d’un compte actif ne se retire pas ici.`);
    await removeSlot(ws.keyPath, orphan.login);
    recordAudit(call.open.db, {
      actor: auditActor(actor),
      at: app.nowIso(),
      entity: 'user',
      entityId: findUserByLogin(call.open.db, orphan.login)?.id ?? orphan.login,
      action: 'delete',
      before: { cle: 'orpheline', identifiant: orphan.login, creeeLe: orphan.createdAt },
      after: null,
    });
    return { ok: true as const };
  });
}

export async function withoutKey(_input: MethodParsedInput<'users.withoutKey'>, call: AuthedCall): Promise<MethodOutput<'users.withoutKey'>> {
  const withKey = new Set(await slotLogins(call.app.workspace.keyPath));
  return listUsers(call.open.db, call.actor.mdsId)
    .filter((u) => u.active && !withKey.has(u.login))
    .map((u) => ({ id: u.id, login: u.login, displayName: u.displayName }));
}

/** A new password for an active account of the MDS: its slot is rewrapped (or made, if it had none); its sessions end. */
export function setPassword(input: MethodParsedInput<'users.setPassword'>, call: AuthedCall): Promise<MethodOutput<'users.setPassword'>> {
  const { app, actor } = call;
  const ws = app.workspace;
  const row = findUserById(call.open.db, input.id);
  if (!row || row.mdsId !== actor.mdsId || !row.active) throw new ApiError('NOT_FOUND', 'Ce compte est introuvable ou désactivé.');
  return ws.lock.run(async () => {
    const done = await setSlot(ws.keyPath, row.login, input.password, ws.key);
    if (row.id !== actor.id) app.sessions.endForUser(row.id);
    app.throttle.reset(row.login);
    auditAccount(call.open.db, auditActor(actor), app.nowIso(), row.id, {
      motDePasse: done === 'added' ? 'défini par un administrateur (compte sans clé)' : 'réinitialisé par un administrateur',
    });
    return { ok: true as const };
  });
}
