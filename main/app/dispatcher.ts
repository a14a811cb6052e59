import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { damagedDatabaseMessage, isDamagedDatabaseError, type OpenedDatabase } from '../../db/open';
import { findUserById } from '../../db/queries';
import { persons } from '../../db/schema';
import { ROLE_LABELS } from '../../shared/api/common';
import { api, isMethodName, type MethodDef, type MethodName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { INVALID_REQUEST_MESSAGE, parseApiRequest } from '../../shared/api/envelope';
import { liveEventKind, WRITES_THAT_REFRESH_NOTHING } from '../../shared/api/live';
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
const SESSION_TOO_OLD = 'Votre session a atteint sa durée maximale : reconnectez-vous.';

/** What the host knows of the request besides its envelope (main/app/index.ts `RequestMeta`). */
export interface DispatchMeta {
  /** The client's IP address (server): sign-in throttling only, never logged nor stored in clear. */
  address?: string | undefined;
}

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
function authenticate(
  app: AppContext,
  token: string | undefined,
  writes: boolean,
  activity: boolean,
): { actor: Actor; call: Omit<AuthedCall, 'app'> } {
  if (token === undefined) throw new ApiError('UNAUTHENTICATED', NOT_LOGGED_IN);
  const found = app.sessions.touch(token, app.nowMs(), activity);
  if (found.status === 'expired') throw new ApiError('UNAUTHENTICATED', found.reason === 'lifetime' ? SESSION_TOO_OLD : SESSION_EXPIRED);
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

/** Methods a client calls by itself (not the user acting): the session's idle time keeps running. */
const NOT_ACTIVITY: ReadonlySet<MethodName> = new Set(['live.poll']);

const MAX_SCANNED_PERSONS = 100;

/** The dossiers a write names (`personId` fields, a dossier's `person.id`) in its input or its answer, a few levels deep. */
function personIdsIn(value: unknown, into: Set<number>, depth = 0): void {
  if (depth > 3 || into.size >= MAX_SCANNED_PERSONS || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_SCANNED_PERSONS)) personIdsIn(item, into, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.personId === 'number') into.add(record.personId);
  const person = record.person as { id?: unknown } | undefined;
  if (person && typeof person === 'object' && typeof person.id === 'number') into.add(person.id);
  for (const child of Object.values(record)) if (child !== null && typeof child === 'object') personIdsIn(child, into, depth + 1);
}

/**
 * After the COMMIT of a data-changing write: tells the live bus (main/app/live.ts) — the actor's MDS, the actor, and
 * the référents and correspondents of the dossiers the write names. A failure here never fails the call.
 */
function publishChange(app: AppContext, method: MethodName, actor: Actor, input: unknown, value: unknown): void {
  if (WRITES_THAT_REFRESH_NOTHING.has(method)) return;
  const userIds = [actor.id];
  try {
    const ids = new Set<number>();
    personIdsIn(input, ids);
    personIdsIn(value, ids);
    const reader = app.workspace.reader;
    if (ids.size > 0 && reader) {
      const rows = reader.db.select({ referentId: persons.referentId, correspondantId: persons.correspondantId }).from(persons).where(inArray(persons.id, [...ids])).all();
      for (const row of rows) {
        if (row.referentId !== null) userIds.push(row.referentId);
        if (row.correspondantId !== null) userIds.push(row.correspondantId);
      }
    }
  } catch (error) {
    console.error(`[api] ${method} : destinataires des mises à jour en direct non déterminés`, error);
  }
  app.live.publish(liveEventKind(method), [actor.mdsId], userIds);
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
export async function dispatch(
  app: AppContext,
  request: unknown,
  handlers: Handlers = defaultHandlers,
  meta: DispatchMeta = {},
): Promise<ApiResponse> {
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
      call = { app, actor: optionalActor(app, session), session, address: meta.address };
    } else {
      // Polling for live updates is the client's doing, not the user's: it must not keep an idle session alive.
      const { actor, call: authed } = authenticate(app, session, def.writes, !NOT_ACTIVITY.has(name));
      checkRole(def, actor);
      call = { app, ...authed, address: meta.address };
    }

    // Free text is stored in NFC, without NUL / control characters / lone surrogates (shared/api/text.ts).
    const parsed = def.input.safeParse(normalizeText(input));
    if (!parsed.success) return fail(validationError(parsed.error));

    // A write method called with an input that only reads (MethodDef.readsWhen) runs as a read.
    const writes = def.writes && !(def.readsWhen?.(parsed.data) ?? false);
    if ('open' in call && def.writes && !writes) {
      const reader = app.workspace.reader;
      if (!reader) throw new ApiError('UNAUTHENTICATED', NOT_LOGGED_IN);
      call = { ...call, open: reader };
    }
    const handler = handlers[name] as Handler<MethodName> as (input: unknown, call: PublicCall | AuthedCall) => unknown;
    const authedOrPublic = call;
    const run = () => handler(parsed.data, authedOrPublic);
    let value: unknown;
    if ('open' in call && writes) {
      value = await inWriteTransaction(app, call.open, run);
      // Committed: the desks concerned are told (never for a refused or rolled back write, which threw above).
      publishChange(app, name, call.actor, parsed.data, value);
    } else {
      value = await run();
    }

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
