/**
 * The service kit: what every capability's services share — today's date from the app's clock, a rule's refusal
 * as an ApiError with the form's field paths, optimistic versions, and small value helpers. Nothing here knows a
 * capability.
 */
import { and, desc, eq, or } from 'drizzle-orm';
import { recordAudit, type AuditEntity, type UserRef } from '../../db/queries';
import { auditLog, users } from '../../db/schema';
import { ApiError, ROOT_FIELD } from '../../shared/api/errors';
import { formatDate } from '../../shared/domain/format';
import { toIso } from '../../shared/domain/rules/dates';
import type { RuleError } from '../../shared/domain/rules/result';
import { auditActor, type AuthedCall } from './context';

/** Today's calendar date (local, 'YYYY-MM-DD'), from the app's clock. */
export const todayOf = (call: AuthedCall): string => toIso(call.app.options.now());

export interface RuleFailureOptions {
  /** 'RULE' (default): the handbook refuses; 'VALIDATION': the input is wrong. */
  code?: 'RULE' | 'VALIDATION';
  /** The rule's path → the form's path (e.g. `pap.2.end` → `pap.actions.2.end`); may return ROOT_FIELD. */
  mapPath?: (path: string) => string;
}

/**
 * French rule errors → one ApiError whose fieldErrors use the form's paths (first message per field; a message
 * about the whole record under ROOT_FIELD). The message is the whole record's when there is one; else the first
 * message, followed by the count of the other points: « … (et 2 autres points à corriger) ».
 */
export function ruleFailure(errors: readonly RuleError[], options: RuleFailureOptions = {}): ApiError {
  const map = options.mapPath ?? ((p: string) => p);
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) {
    const key = e.path === undefined ? ROOT_FIELD : map(e.path);
    if (!(key in fieldErrors)) fieldErrors[key] = e.message;
  }
  const root = errors.find((e) => e.path === undefined)?.message;
  const first = errors[0]?.message ?? 'Opération refusée.';
  const more = new Set(errors.map((e) => e.message).filter((m) => m !== first)).size;
  const message = root ?? (more === 0 ? first : `${first} (et ${more} autre${more > 1 ? 's' : ''} point${more > 1 ? 's' : ''} à corriger)`);
  return new ApiError(options.code ?? 'RULE', message, fieldErrors);
}

/** A mapPath that renames some paths (the rule's `decision.date` → the form's `date`) and keeps the others. */
export const renamed =
  (names: Readonly<Record<string, string>>) =>
  (path: string): string =>
    names[path] ?? path;

/** Throws the rule failure when there are errors. */
export function throwIfErrors(errors: readonly RuleError[], options?: RuleFailureOptions): void {
  if (errors.length > 0) throw ruleFailure(errors, options);
}

/** One message at one field. */
export function fieldError(code: 'VALIDATION' | 'RULE' | 'CONFLICT', field: string, message: string): ApiError {
  return new ApiError(code, message, { [field]: message });
}

/** A fact (signature, decision, interview, sending…) cannot be dated after today. */
export function notInFuture(date: string, today: string, path: string, what = 'La date'): RuleError[] {
  return date > today ? [{ path, message: `${what} (${formatDate(date)}) ne peut pas être postérieure à aujourd’hui (${formatDate(today)}).` }] : [];
}

/** Refuses (VALIDATION, at its field) a date after today. */
export function notAfterToday(date: string, today: string, field: string, what: string): void {
  throwIfErrors(notInFuture(date, today, field, what), { code: 'VALIDATION' });
}

/** A record the journal names: its entity and id (a record may be journalled under several, e.g. a dossier's foyer and person). */
export interface JournalTarget {
  entity: AuditEntity;
  id: number | string;
}

const PARIS = 'Europe/Paris';
const parisDay = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: '2-digit', month: '2-digit', year: 'numeric' });
const parisTime = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** « à 14:05 » on the same day (Paris time) as `now`, « le 02/12/2026 à 14:05 » before. */
export function conflictWhen(at: string, now: string): string {
  const time = `à ${parisTime.format(new Date(at))}`;
  const day = parisDay.format(new Date(at));
  return day === parisDay.format(new Date(now)) ? time : `le ${day} ${time}`;
}

/** The last journal line about one of the targets: who (display name, else login) and when (ISO instant). */
function lastChange(call: AuthedCall, targets: readonly JournalTarget[]): { by: string; at: string } | undefined {
  const row = call.open.db
    .select({ at: auditLog.at, login: auditLog.userLogin, name: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(or(...targets.map((t) => and(eq(auditLog.entity, t.entity), eq(auditLog.entityId, String(t.id))))))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  return row ? { by: row.name ?? row.login, at: row.at } : undefined;
}

const KEEP_INPUT = 'Vos saisies sont conservées : comparez-les avec la version enregistrée, puis enregistrez à nouveau.';

export interface ConflictOptions {
  /** 'RULE' where the handbook itself refuses a second recording (an avis, a decision); CONFLICT by default. */
  code?: 'CONFLICT' | 'RULE';
  /** What to do next (default: the input is kept, compare then save again). */
  advice?: string;
}

/** A record the handbook allows only once (an avis, a decision), recorded meanwhile by someone else: the rule refuses. */
export const SECOND_RECORDING: ConflictOptions = { code: 'RULE', advice: 'Rechargez pour lire ce qui a été enregistré ; vos saisies restent à l’écran.' };

/**
 * A save based on a version someone else has replaced since: CONFLICT, with who changed the record and when (the
 * journal's last line about it) — « Ce contrat a été modifié entre-temps. Modifié par Anne Martin à 14:05. Vos
 * saisies sont conservées : … » — and the same who/when in the error's `conflict` for the screens.
 * `what`: the opening sentence naming the record.
 */
export function conflictError(call: AuthedCall, targets: JournalTarget | readonly JournalTarget[], what: string, options: ConflictOptions = {}): ApiError {
  const last = lastChange(call, Array.isArray(targets) ? targets : [targets as JournalTarget]);
  const who = last ? ` Modifié par ${last.by} ${conflictWhen(last.at, call.app.nowIso())}.` : '';
  return new ApiError(options.code ?? 'CONFLICT', `${what}${who} ${options.advice ?? KEEP_INPUT}`, undefined, last);
}

/** The versioned records: the journal entity of their changes and the opening sentence of their conflict. */
const VERSIONED = {
  contrat: { entity: 'contract', lead: 'Ce contrat a été modifié entre-temps.' },
  fiche: { entity: 'fiche_liaison', lead: 'Cette fiche a été modifiée entre-temps.' },
  seance: { entity: 'ep_session', lead: 'Cette séance a été modifiée entre-temps.' },
  rendezVous: { entity: 'appointment', lead: 'Ce rendez-vous a été modifié entre-temps.' },
} as const satisfies Record<string, { entity: AuditEntity; lead: string }>;

/** Optimistic versions: a record changed since the form was loaded is refused (CONFLICT, who and when from the journal). */
export function checkVersion(call: AuthedCall, stored: number, given: number, what: keyof typeof VERSIONED, id: number): void {
  if (stored !== given) throw conflictError(call, { entity: VERSIONED[what].entity, id }, VERSIONED[what].lead);
}

/** Drops undefined values (JSON columns and snapshots keep only what is there). */
export const compact = <T extends object>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** { id, displayName } of a user, for the outputs (the account may since have been deactivated: still named). */
export function userRefOf(refs: Map<number, UserRef>, id: number): UserRef {
  return refs.get(id) ?? { id, displayName: `Compte n° ${id}` };
}

/**
 * A file leaving the application, written in the journal (entity 'export', id = the file's name): who, which list,
 * in which format, the filter, how many rows — never the rows themselves nor other personal data.
 */
export function recordExport(call: AuthedCall, fileName: string, after: { list: string; format?: string; filter: unknown; rows: number }): void {
  recordAudit(call.open.db, { actor: auditActor(call.actor), at: call.app.nowIso(), entity: 'export', entityId: fileName, action: 'create', before: null, after });
}
