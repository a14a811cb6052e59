import type { FieldErrors, FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
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
 * Puts the API's `fieldErrors` on the form's fields (focus on the first) and returns the paths it set.
 */
export function applyApiFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ApiError): string[] {
  const entries = Object.entries(error.fieldErrors ?? {});
  entries.forEach(([path, message], i) => {
    setError(path as FieldPath<T>, { type: 'server', message }, { shouldFocus: i === 0 });
  });
  return entries.map(([path]) => path);
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
