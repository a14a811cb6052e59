/**
 * The recovery key's methods: its status, its regeneration (administrator, password confirmed), and the access
 * rebuilt with it without a session (a forgotten administrator password, a lost keys file).
 */
import { timingSafeEqual } from 'node:crypto';
import { rebuildKeyFile, recoverySlotStatus, setSlot, slotLogins, unwrapKey, unwrapWithRecovery } from '../../../db/keyslots';
import { findUserByLogin, listUsers } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { auditActor, type AppContext, type AuthedCall, type PublicCall } from '../context';
import { issueRecoveryKey } from './sheet';
import { auditAccount } from './slots';

/** The throttle's name for recovery attempts (not a login: logins are [a-z0-9._-]). */
export const RECOVERY_THROTTLE_KEY = '#cle-de-secours';
export const WRONG_RECOVERY_KEY_MESSAGE = 'Cette clé de secours n’ouvre pas la base de données de cette installation.';

/** A failed attempt: counted (the name may close for a few seconds, as a login does), answered at once. */
function refuse(app: AppContext, name: string, error: ApiError): never {
  app.throttle.fail(name, app.nowMs());
  throw error;
}

/** Inside the window after repeated failures: refused at once, unchecked and uncounted. */
function checkNotThrottled(app: AppContext, name: string, what: string): void {
  const wait = app.throttle.waitMs(name, app.nowMs());
  if (wait <= 0) return;
  const seconds = Math.max(1, Math.ceil(wait / 1000));
  throw new ApiError('TOO_MANY_ATTEMPTS', `Trop de tentatives ${what} : réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`);
}

export async function status(_input: MethodParsedInput<'recovery.status'>, call: AuthedCall): Promise<MethodOutput<'recovery.status'>> {
  return recoverySlotStatus(call.app.workspace.keyPath);
}

/** The administrator's password again (a session alone must not yield a key that opens the database offline). */
export async function regenerate(input: MethodParsedInput<'recovery.regenerate'>, call: AuthedCall): Promise<MethodOutput<'recovery.regenerate'>> {
  const { app, actor } = call;
  const ws = app.workspace;
  checkNotThrottled(app, actor.login, 'avec ce mot de passe');
  const key = await unwrapKey(ws.keyPath, actor.login, input.password);
  const matches = key !== null && key.length === ws.key.length && timingSafeEqual(key, ws.key);
  key?.fill(0);
  if (!matches) {
    const message = 'Mot de passe incorrect : la clé de secours n’a pas été changée.';
    return refuse(app, actor.login, new ApiError('VALIDATION', message, { password: message }));
  }
  app.throttle.reset(actor.login);
  const at = app.nowIso();
  return ws.lock.run(async () => {
    const issued = await issueRecoveryKey(ws.keyPath, ws.key, at);
    auditAccount(call.open.db, auditActor(actor), at, actor.id, { cleDeSecours: 'régénérée (l’ancienne est révoquée)' });
    return issued;
  });
}

/**
 * With the recovery key: a new password for an active administrator account — its slot rewrapped, or, when the keys
 * file is lost, a new keys file with the recovery slot and this slot (the other accounts then get a new password
 * from the administrator). The database is opened with the key to find the account, then closed again if nobody is
 * logged in. Wrong keys are throttled like logins.
 */
export async function restoreAccess(
  input: MethodParsedInput<'recovery.restoreAccess'>,
  call: PublicCall,
): Promise<MethodOutput<'recovery.restoreAccess'>> {
  const { app } = call;
  const ws = app.workspace;
  if (!ws.isInitialized()) {
    throw new ApiError('NOT_INITIALIZED', 'L’application n’est pas encore initialisée : il n’y a rien à restaurer.');
  }
  checkNotThrottled(app, RECOVERY_THROTTLE_KEY, 'avec une clé de secours');
  const found = await unwrapWithRecovery(ws.keyPath, input.recoveryKey);
  // VALIDATION, not UNAUTHENTICATED: the screen shows it at the field (no session is at stake).
  if (!found) return refuse(app, RECOVERY_THROTTLE_KEY, new ApiError('VALIDATION', WRONG_RECOVERY_KEY_MESSAGE, { recoveryKey: WRONG_RECOVERY_KEY_MESSAGE }));
  app.throttle.reset(RECOVERY_THROTTLE_KEY);
  try {
    // Writes, then the workspace: the order every write call takes (main/app/dispatcher.ts, AppContext.releaseIfIdle).
    return await ws.writes.run(() =>
      ws.lock.run(async () => {
        const open = ws.openWith(found.key);
        if (!open) throw new ApiError('DATABASE', 'La clé de secours ne correspond pas à la base de données ouverte.');
        const row = findUserByLogin(open.db, input.login);
        if (!row || !row.active || row.role !== 'administrateur' || row.mdsId === null) {
          const message = 'Ce compte n’est pas un compte administrateur actif.';
          throw new ApiError('VALIDATION', message, { login: message });
        }
        if (found.keyFileMissing) await rebuildKeyFile(ws.keyPath, found.key, row.login, input.newPassword);
        else await setSlot(ws.keyPath, row.login, input.newPassword, found.key);
        app.sessions.endForUser(row.id);
        app.throttle.reset(row.login);
        auditAccount(
          open.db,
          { id: row.id, login: row.login },
          app.nowIso(),
          row.id,
          found.keyFileMissing
            ? { fichierDesCles: 'reconstruit avec la clé de secours', motDePasse: 'réinitialisé avec la clé de secours' }
            : { motDePasse: 'réinitialisé avec la clé de secours' },
        );
        const withKey = new Set(await slotLogins(ws.keyPath));
        const accountsWithoutKey = listUsers(open.db, row.mdsId).filter((u) => u.active && !withKey.has(u.login)).length;
        return { ok: true as const, rebuilt: found.keyFileMissing, accountsWithoutKey };
      }),
    );
  } finally {
    found.key.fill(0);
    await app.releaseIfIdle();
  }
}
