import { z } from 'zod';
import { damagedDatabaseMessage, isDamagedDatabaseError, type OpenedDatabase } from '../../db/open';
import { findUserById } from '../../db/queries';
import { ROLE_LABELS } from '../../shared/api/common';
import { api, isMethodName, type MethodDef, type MethodName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { INVALID_REQUEST_MESSAGE, parseApiRequest } from '../../shared/api/envelope';
import { normalizeText } from '../../shared/api/text';
import type { ApiResponse } from '../../shared/api/transport';
import type { Actor, AppContext, AuthedCall, PublicCall } from '../services/context';
import { refreshDirtyDueItems } from '../services/desk/due';
import { toIso } from '../../shared/domain/rules/dates';
import { handlers as defaultHandlers } from './handlers';
import type { Handler, Handlers } from './types';
import { validationError } from './validation';

const INTERNAL_MESSAGE = 'Une erreur inattendue s’est produite : l’opération n’a pas abouti. Réessayez, et si le problème persiste, contactez l’administrateur.';
const NOT_LOGGED_IN = 'Vous n’êtes pas connecté : identifiez-vous pour continuer.';
const SESSION_EXPIRED = 'Votre session a expiré après une période d’inactivité : reconnectez-vous.';

const fail = (error: ApiError): ApiResponse => ({ ok: false, error: error.toBody() });

/** A read of a damaged page (possibly wrapped by drizzle in a query error with a `cause`). */
const damaged = (error: unknown): boolean => {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) if (isDamagedDatabaseError(e)) return true;
  return false;
};

/**
 * The active user behind a session token, or an UNAUTHENTICATED error (the session is then ended). The call gets
 * the database for writing only when its method declares `writes`; a read gets the read-only connection.
 */
function authenticate(app: AppContext, token: string | undefined, writes: boolean): { actor: Actor; call: Omit<AuthedCall, 'app'> } {
  if (token === undefined) throw new ApiError('UNAUTHENTICATED', NOT_LOGGED_IN);
  const found = app.sessions.touch(token, app.nowMs());
  if (found.status === 'expired') throw new ApiError('UNAUTHENTICATED', SESSION_EXPIRED);
  if (found.status === 'unknown') throw new ApiError('UNAUTHENTICATED', NOT_LOGGED_IN);
  const reader = app.workspace.reader;
  const open = writes ? app.workspace.current : reader;
  const row = reader ? findUserById(reader.db, found.session.userId) : undefined;
  if (!open || !row || !row.active || row.mdsId === null) {
    app.sessions.end(token);
    throw new ApiError('UNAUTHENTICATED', NOT_LOGGED_IN);
  }
  const actor: Actor = { ...row, mdsId: row.mdsId };
  return { actor, call: { actor, session: token, open } };
}

/**
 * A write call: one at a time, in one transaction (BEGIN IMMEDIATE … COMMIT), rolled back whole when it fails.
 * The services' own transactions become savepoints inside it.
 */
function inWriteTransaction<T>(app: AppContext, open: OpenedDatabase, run: () => T | Promise<T>): Promise<T> {
  return app.workspace.writes.run(async () => {
    const { sqlite } = open;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const value = await run();
      // The échéancier of the dossiers this call changed, in the same transaction (main/services/desk/due.ts).
      refreshDirtyDueItems(sqlite, toIso(app.options.now()));
      sqlite.exec('COMMIT');
      return value;
    } catch (error) {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  });
}

/** The caller of a public method, if their session is valid (not touched: status checks don't keep a session alive). */
function optionalActor(app: AppContext, token: string | undefined): Actor | null {
  if (token === undefined) return null;
  const session = app.sessions.peek(token, app.nowMs());
  const open = app.workspace.current;
  if (!session || !open) return null;
  const row = findUserById(open.db, session.userId);
  return row && row.active && row.mdsId !== null ? { ...row, mdsId: row.mdsId } : null;
}

function checkRole(def: MethodDef, actor: Actor): void {
  if (typeof def.access === 'string') return;
  if (!def.access.includes(actor.role)) {
    throw new ApiError('FORBIDDEN', `Votre rôle (${ROLE_LABELS[actor.role]}) ne permet pas cette action.`);
  }
}

/**
 * One request → one response; never throws. Order: envelope, method, session and role, input
 * (nothing is written before the input is valid), service, output check. A method declared `writes: true` runs in
 * a write transaction; any other gets a read-only connection to the database, on which SQLite refuses every write.
 */
export async function dispatch(app: AppContext, request: unknown, handlers: Handlers = defaultHandlers): Promise<ApiResponse> {
  let method: MethodName | undefined;
  try {
    const envelope = parseApiRequest(request);
    if (!envelope) return fail(new ApiError('VALIDATION', INVALID_REQUEST_MESSAGE));
    const { method: name, input, session } = envelope;
    if (!isMethodName(name)) return fail(new ApiError('UNKNOWN_METHOD', `Méthode inconnue : « ${name.slice(0, 100)} ».`));
    method = name;
    const def: MethodDef = api[name];

    let call: PublicCall | AuthedCall;
    if (def.access === 'public') {
      call = { app, actor: optionalActor(app, session), session };
    } else {
      const { actor, call: authed } = authenticate(app, session, def.writes);
      checkRole(def, actor);
      call = { app, ...authed };
    }

    // Free text is stored in NFC, without NUL / control characters / lone surrogates (shared/api/text.ts).
    const parsed = def.input.safeParse(normalizeText(input));
    if (!parsed.success) return fail(validationError(parsed.error));

    const handler = handlers[name] as Handler<MethodName> as (input: unknown, call: PublicCall | AuthedCall) => unknown;
    const run = () => handler(parsed.data, call);
    const value: unknown = 'open' in call && def.writes ? await inWriteTransaction(app, call.open, run) : await run();

    const output = def.output.safeParse(value);
    if (!output.success) {
      console.error(`[api] ${name} : la réponse ne respecte pas le contrat`, z.prettifyError(output.error));
      return fail(new ApiError('INTERNAL', INTERNAL_MESSAGE));
    }
    return { ok: true, value: output.data };
  } catch (error) {
    if (error instanceof ApiError) return fail(error);
    if (damaged(error)) {
      console.error(`[api] ${method ?? '(méthode inconnue)'} : base de données endommagée`, error);
      return fail(new ApiError('DATABASE', damagedDatabaseMessage(app.workspace.dbPath, 'une page ne se lit plus')));
    }
    console.error(`[api] ${method ?? '(méthode inconnue)'} : erreur inattendue`, error);
    return fail(new ApiError('INTERNAL', INTERNAL_MESSAGE));
  }
}
