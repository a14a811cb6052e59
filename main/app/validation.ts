import type { z } from 'zod';
import { ApiError, ROOT_FIELD } from '../../shared/api/errors';

/** zod issues → field path (dot separated) → first French message for that path. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map((p) => String(p)).join('.') || ROOT_FIELD;
    if (!(path in fieldErrors)) fieldErrors[path] = issue.message;
  }
  return fieldErrors;
}

/** A zod failure on the input of a method → VALIDATION ApiError with a French summary. */
export function validationError(error: z.ZodError): ApiError {
  const fieldErrors = fieldErrorsFromIssues(error.issues);
  const entries = Object.entries(fieldErrors);
  const message =
    entries.length === 1
      ? `Saisie invalide : ${entries[0]![1]}`
      : `Saisie invalide : ${entries.length} champs sont à corriger.`;
  return new ApiError('VALIDATION', message, fieldErrors);
}
