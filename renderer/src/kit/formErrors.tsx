import { useEffect } from 'react';
import type { FieldErrors, FieldPath, FieldValues, UseFormReturn, UseFormSetError } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import type { ApiError } from '../../../shared/api/errors';

/** The messages of a react-hook-form error tree, with their dotted paths, in field order. */
export function flattenFieldErrors(errors: FieldErrors, prefix = ''): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const node = value as { message?: unknown; type?: unknown };
    if (typeof node.message === 'string' && typeof node.type === 'string') {
      out.push({ path, message: node.message });
    } else {
      out.push(...flattenFieldErrors(value as FieldErrors, path));
    }
  }
  return out;
}

/**
 * Puts the API's `fieldErrors` on the form's fields. `mapPath` turns an API path into a form path (or null:
 * not a field of the form, e.g. `_` or `personId`). Focus goes to the first field. Returns the form paths set.
 */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: ApiError,
  mapPath: (path: string) => string | null = (p) => (p === '_' || p === 'personId' ? null : p),
): string[] {
  const set: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors ?? {})) {
    const target = mapPath(path);
    if (target === null) continue;
    setError(target as FieldPath<T>, { type: 'server', message }, { shouldFocus: set.length === 0 });
    set.push(target);
  }
  return set;
}

/** Every path of the API's `fieldErrors` on the form's fields, as they are (focus on the first). */
export function applyApiFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ApiError): string[] {
  return applyFieldErrors(setError, error, (p) => p);
}

/**
 * A field in error is checked again as soon as the user changes it, not only when it loses the focus: its
 * message and the error summary (« Le formulaire contient 2 erreurs ») follow the typing, and nothing moves
 * under the pointer when the field is left. Fields without an error keep the form's own mode.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parsed output: the hook only triggers validation
export function useRecheckErrorsOnChange<T extends FieldValues>(form: UseFormReturn<T, any, any>): void {
  useEffect(() => {
    const subscription = form.watch((_values, { name, type }) => {
      if (type !== 'change' || !name || !form.getFieldState(name).error) return;
      void form.trigger(name);
    });
    return () => subscription.unsubscribe();
  }, [form]);
}

export interface ErrorSummaryProps {
  /** General message (the API's, or ours). */
  message?: string | undefined;
  errors?: { path: string; message: string }[];
  labelOf?: (path: string) => string | undefined;
  /** Moves the focus to a field (react-hook-form's setFocus): each error becomes a link to its field. */
  onSelect?: (path: string) => void;
}

/** Announced at once (role="alert"): what went wrong, field by field. */
export function ErrorSummary({ message, errors = [], labelOf, onSelect }: ErrorSummaryProps) {
  if (!message && errors.length === 0) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>
        {message ??
          (errors.length === 1
            ? 'Le formulaire contient une erreur : corrigez le champ signalé.'
            : `Le formulaire contient ${errors.length} erreurs : corrigez les champs signalés.`)}
      </AlertTitle>
      {errors.length > 0 ? (
        <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
          {errors.map((e) => {
            const label = labelOf?.(e.path);
            const text = label && !e.message.toLowerCase().includes(label.toLowerCase()) ? `${label} : ${e.message}` : e.message;
            return (
              <li key={e.path}>
                {onSelect ? (
                  <Link component="button" type="button" color="inherit" onClick={() => onSelect(e.path)} sx={{ textAlign: 'left', verticalAlign: 'baseline' }}>
                    {text}
                  </Link>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </Alert>
  );
}
