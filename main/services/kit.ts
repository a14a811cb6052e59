/**
 * The service kit: what every capability's services share — today's date from the app's clock, a rule's refusal
 * as an ApiError with the form's field paths, optimistic versions, and small value helpers. Nothing here knows a
 * capability.
 */
import { recordAudit, type UserRef } from '../../db/queries';
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

const STALE = {
  contrat: 'Ce contrat a été modifié entre-temps par quelqu’un d’autre : rechargez-le, puis refaites vos changements.',
  fiche: 'Cette fiche a été modifiée entre-temps par quelqu’un d’autre : rechargez-la, puis refaites vos changements.',
} as const;

/** Optimistic versions: a record changed since the form was loaded is refused (CONFLICT). */
export function checkVersion(stored: number, given: number, what: keyof typeof STALE): void {
  if (stored !== given) throw new ApiError('CONFLICT', STALE[what]);
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
