import { timingSafeEqual } from 'node:crypto';
import { rewrapSlot, unwrapKey } from '../../../db/keyslots';
import { findUserByLogin, recordAudit } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { tooManyAttemptsMessage } from '../throttle';
import { auditActor, toApiUser, type AppContext, type AuthedCall, type PublicCall } from '../context';

export const BAD_CREDENTIALS_MESSAGE = 'Identifiant ou mot de passe incorrect';

/** A wrong credential: counted (the login, from this address, may close for a few seconds), answered at once. */
function refuse(app: AppContext, login: string, address: string | undefined): never {
  app.throttle.fail(login, app.nowMs(), address);
  throw new ApiError('UNAUTHENTICATED', BAD_CREDENTIALS_MESSAGE);
}

/** Inside the window after repeated failures (of this login from this address, or from this address): refused at once, unchecked and uncounted. */
function checkNotThrottled(app: AppContext, login: string, address: string | undefined): void {
  const closed = app.throttle.check(login, app.nowMs(), address);
  if (closed) throw new ApiError('TOO_MANY_ATTEMPTS', tooManyAttemptsMessage(closed.waitMs, closed.scope));
}

/**
 * Unwraps the database key with the login's slot, opens the database with it (or checks it against
 * the open one), then requires an active account. Every credential failure gets the same message,
 * and a growing delay after repeated failures for that login.
 */
export function login(input: MethodParsedInput<'auth.login'>, call: PublicCall): Promise<MethodOutput<'auth.login'>> {
  const { app, address } = call;
  const ws = app.workspace;
  // One login at a time per login name — per (login, address) on a server, so an attacker's attempts elsewhere queue nobody.
  return app.loginLocks.run(address === undefined ? input.login : `${input.login}\u0000${address}`, async () => {
    if (!ws.isInitialized()) {
      throw new ApiError('NOT_INITIALIZED', 'L’application n’est pas encore initialisée : créez d’abord l’espace de travail.');
    }
    checkNotThrottled(app, input.login, address);
    // On a server the database is open: the password is checked on the user's own slot against the open key.
    const key = await unwrapKey(ws.keyPath, input.login, input.password);
    if (!key) return refuse(app, input.login, address);
    const result = await ws.lock.run(() => {
      try {
        const open = ws.openWith(key);
        if (!open) return null;
        const row = findUserByLogin(open.db, input.login);
        if (!row || !row.active || row.mdsId === null) return null;
        const user = { ...row, mdsId: row.mdsId };
        return { session: app.sessions.create(user.id, app.nowMs()), user: toApiUser(user) };
      } finally {
        key.fill(0);
      }
    });
    if (!result) {
      await app.releaseIfIdle();
      return refuse(app, input.login, address);
    }
    app.throttle.reset(input.login, address);
    return result;
  });
}

export async function logout(_input: MethodParsedInput<'auth.logout'>, call: AuthedCall): Promise<MethodOutput<'auth.logout'>> {
  call.app.sessions.end(call.session);
  await call.app.releaseIfIdle();
  return { ok: true };
}

/**
 * « Se déconnecter partout »: ends every session of the caller, this one included, after its journal line (in the
 * call's write transaction). On a desk, the database closes at the next idle check if nobody is left.
 */
export function logoutEverywhere(_input: MethodParsedInput<'auth.logoutEverywhere'>, call: AuthedCall): MethodOutput<'auth.logoutEverywhere'> {
  const { app, actor } = call;
  recordAudit(call.open.db, {
    actor: auditActor(actor),
    at: app.nowIso(),
    entity: 'user',
    entityId: actor.id,
    action: 'update',
    before: null,
    after: { sessions: 'logout_all' },
  });
  return { ok: true, ended: app.sessions.endForUser(actor.id) };
}

export function me(_input: MethodParsedInput<'auth.me'>, call: AuthedCall): MethodOutput<'auth.me'> {
  return toApiUser(call.actor);
}

/** The locked screen: the user's own password (on their slot, against the open key) unlocks it; throttled. */
export function unlock(input: MethodParsedInput<'auth.unlock'>, call: AuthedCall): Promise<MethodOutput<'auth.unlock'>> {
  const { app, actor, address } = call;
  const ws = app.workspace;
  return app.loginLocks.run(actor.login, async () => {
    checkNotThrottled(app, actor.login, address);
    const key = await unwrapKey(ws.keyPath, actor.login, input.password);
    const openKey = ws.key;
    const matches = key !== null && key.length === openKey.length && timingSafeEqual(key, openKey);
    key?.fill(0);
    if (!matches) {
      app.throttle.fail(actor.login, app.nowMs(), address);
      throw new ApiError('VALIDATION', 'Mot de passe incorrect.', { password: 'Mot de passe incorrect.' });
    }
    app.throttle.reset(actor.login, address);
    return { ok: true as const };
  });
}

/** Checks the current password on the user's own slot, then rewraps that slot only. */
export function changePassword(
  input: MethodParsedInput<'auth.changePassword'>,
  call: AuthedCall,
): Promise<MethodOutput<'auth.changePassword'>> {
  const { app, actor, address } = call;
  const ws = app.workspace;
  return app.loginLocks.run(actor.login, async () => {
    checkNotThrottled(app, actor.login, address);
    const key = await unwrapKey(ws.keyPath, actor.login, input.currentPassword);
    const openKey = ws.key;
    const matches = key !== null && key.length === openKey.length && timingSafeEqual(key, openKey);
    key?.fill(0);
    if (!matches) {
      app.throttle.fail(actor.login, app.nowMs(), address);
      throw new ApiError('VALIDATION', 'Le mot de passe actuel est incorrect.', {
        currentPassword: 'Le mot de passe actuel est incorrect.',
      });
    }
    app.throttle.reset(actor.login, address);
    if (input.newPassword === input.currentPassword) {
      throw new ApiError('VALIDATION', 'Le nouveau mot de passe doit être différent de l’actuel.', {
        newPassword: 'Le nouveau mot de passe doit être différent de l’actuel.',
      });
    }
    await ws.lock.run(async () => {
      await rewrapSlot(ws.keyPath, actor.login, ws.key, input.newPassword);
      const at = app.nowIso();
      recordAudit(call.open.db, {
        actor: auditActor(actor),
        at,
        entity: 'user',
        entityId: actor.id,
        action: 'update',
        before: null,
        after: { motDePasse: 'modifié' },
      });
    });
    return { ok: true };
  });
}
