/**
 * Common result shape of the business rules: a rule never throws on bad input; it returns either
 * `{ ok: true, ... }` with what it computed, or `{ ok: false, errors }` with French messages, each
 * optionally attached to a field path (dot separated, as react-hook-form names fields: `actions.2.end`).
 */
import { z } from 'zod';

export interface RuleError {
  /** Field path, dot separated (`actions.2.end`); absent for a message about the whole record. */
  path?: string;
  /** French, shown to the user as is. */
  message: string;
}

export type RuleFailure = { ok: false; errors: RuleError[] };
export type RuleResult<T extends object> = ({ ok: true } & T) | RuleFailure;

export const success = <T extends object>(value: T): { ok: true } & T => ({ ok: true as const, ...value });

export const failure = (errors: RuleError[]): RuleFailure => ({ ok: false, errors });

export const ruleError = (message: string, path?: string): RuleError => (path === undefined ? { message } : { path, message });

/** Joins a zod path into the dot-separated form used by the forms. */
export const joinPath = (path: readonly PropertyKey[]): string | undefined =>
  path.length === 0 ? undefined : path.map((p) => String(p)).join('.');

/** Prefixes a path (e.g. `actions`) to errors produced for a sub-record. */
export const prefixErrors = (prefix: string, errors: readonly RuleError[]): RuleError[] =>
  errors.map((e) => ruleError(e.message, e.path === undefined ? prefix : `${prefix}.${e.path}`));

/** zod error → rule errors (messages are French: zod's French locale is configured in shared/api/common). */
export const zodErrors = (error: z.ZodError): RuleError[] =>
  error.issues.map((issue) => ruleError(issue.message, joinPath(issue.path)));

/** Runs a zod schema and returns the parsed value or the French errors, never throwing. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | RuleFailure {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : failure(zodErrors(parsed.error));
}

/** Moves errors from one root path to another (`actions.2.end` → `pap.2.end`). */
export const rebaseErrors = (errors: readonly RuleError[], fromRoot: string, toRoot: string): RuleError[] =>
  errors.map((e) => {
    if (e.path === undefined) return e;
    if (e.path === fromRoot) return ruleError(e.message, toRoot);
    if (e.path.startsWith(`${fromRoot}.`)) return ruleError(e.message, `${toRoot}${e.path.slice(fromRoot.length)}`);
    return ruleError(e.message, `${toRoot}.${e.path}`);
  });

/**
 * Optional free text: trimmed, '' / null / undefined become undefined. (Unlike shared/api's optionalText, its
 * input type stays `string | null | undefined`, so record types derived with z.input are precise.)
 */
export const optionalTrimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max} caractères au plus`)
    .nullish()
    .transform((v) => (v ? v : undefined));
