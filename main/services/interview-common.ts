/** Helpers shared by the services of the first interview (main/services/interview-*.ts). */
import type { UserRef } from '../../db/queries';
import { ApiError } from '../../shared/api/errors';
import { formatFr, toIso } from '../../shared/domain/rules/dates';
import type { RuleError } from '../../shared/domain/rules/result';
import { ROOT_FIELD } from '../app/validation';
import type { AuthedCall } from './context';

/** Today's calendar date (local), from the app's clock. */
export const todayOf = (call: AuthedCall): string => toIso(call.app.options.now());

/**
 * A rule's refusal → ApiError with the French messages at their fields (first message per field; a message
 * about the whole record under `_`). `rebase` renames paths (the rule's `decision.date` → the form's `date`).
 */
export function ruleRefusal(
  code: 'VALIDATION' | 'RULE',
  errors: readonly RuleError[],
  options: { rebase?: Record<string, string>; prefix?: string } = {},
): ApiError {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) {
    let path = e.path === undefined ? ROOT_FIELD : (options.rebase?.[e.path] ?? e.path);
    if (options.prefix && path !== ROOT_FIELD) path = `${options.prefix}.${path}`;
    if (!(path in fieldErrors)) fieldErrors[path] = e.message;
  }
  const root = errors.find((e) => e.path === undefined)?.message;
  const message = root ?? (errors.length === 1 ? errors[0]!.message : `${errors.length} points sont à corriger : ${errors[0]!.message}`);
  return new ApiError(code, message, fieldErrors);
}

export function fieldError(code: 'VALIDATION' | 'RULE' | 'CONFLICT', field: string, message: string): ApiError {
  return new ApiError(code, message, { [field]: message });
}

/** Refuses a date after today (a decision, an interview or resources cannot be dated in the future). */
export function notAfterToday(date: string, today: string, field: string, what: string): void {
  if (date > today) {
    throw fieldError('VALIDATION', field, `${what} (${formatFr(date)}) ne peut pas être postérieure à aujourd’hui (${formatFr(today)}).`);
  }
}

/** { id, displayName } of a user, for the outputs (the account may since have been deactivated: still named). */
export function userRefOf(refs: Map<number, UserRef>, id: number): UserRef {
  return refs.get(id) ?? { id, displayName: `Compte n° ${id}` };
}

export const euroToCents = (euros: number): number => Math.round(euros * 100);
export const centsToEuro = (cents: number): number => cents / 100;
