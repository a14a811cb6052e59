import type { ApiClient } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import type { MethodName, MethodOutput } from '../../../shared/api/contract';
import { claimLocalDrafts, clearLocalDrafts } from './localDrafts';
import { storeSession } from './session';

/**
 * Methods whose UNAUTHENTICATED answer does not mean "the session is gone":
 * the login itself, and the password change (a wrong current password).
 */
const NOT_SESSION_LOSS: ReadonlySet<MethodName> = new Set<MethodName>(['auth.login', 'auth.changePassword', 'setup.create', 'app.status']);

/**
 * Wraps the client: keeps the session token in sessionStorage, and when a logged-in call answers
 * UNAUTHENTICATED (expired or revoked session), forgets the session and tells the app. The forms' unsaved copies
 * (localDrafts) survive a lost session for the same user's next login; a logout (`setSession(undefined)`) drops them.
 */
export function createGuardedClient(base: ApiClient, onSessionLost: (error: ApiError) => void): ApiClient {
  return {
    async call(method, input) {
      const hadSession = base.getSession() !== undefined;
      try {
        const output = await base.call(method, input);
        if (method === 'auth.login') {
          const userId = (output as Partial<MethodOutput<'auth.login'>> | undefined)?.user?.id;
          if (typeof userId === 'number') claimLocalDrafts(userId);
        }
        return output;
      } catch (error) {
        const apiError =
          error instanceof ApiError ? error : new ApiError('INTERNAL', 'Une erreur inattendue est survenue. Réessayez.');
        if (apiError.code === 'UNAUTHENTICATED' && hadSession && !NOT_SESSION_LOSS.has(method)) {
          base.setSession(undefined);
          storeSession(undefined);
          onSessionLost(apiError);
        }
        throw apiError;
      }
    },
    setSession(session) {
      if (session === undefined) clearLocalDrafts();
      base.setSession(session);
      storeSession(session);
    },
    getSession() {
      return base.getSession();
    },
  };
}
