import { useId, useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import { toApiError } from '../api/ApiContext';
import { ConfirmDialog } from './ConfirmDialog';
import { applyFieldErrors } from './formErrors';
import { useNotify } from './notifications';
import { ScrollRegion } from './ScrollRegion';
import { LoadError, Loading } from './status';

export interface EntityColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

export interface RowAction {
  /** Visible text, e.g. « Modifier ». */
  text: string;
  /** Accessible name naming the row, e.g. « Modifier le compte de Claire Petit ». */
  label: string;
  onClick: () => void;
}

export interface EntityListProps<T> {
  /** Name of the table (and of its scrolling region). */
  label: string;
  list: { data: readonly T[] | undefined; error: ApiError | undefined; loading: boolean; reload: () => void };
  /** « Chargement des comptes… » */
  loadingText: string;
  /** Said when the list is empty. */
  empty: ReactNode;
  /** The first column heads its row (th scope="row"). */
  columns: readonly EntityColumn<T>[];
  rowKey: (row: T) => string | number;
  /** « Modifier » of a row (none: the row cannot be edited). */
  edit?: (row: T) => RowAction | null;
  /** « Supprimer » / « Désactiver » of a row, in red (none: the row cannot be removed). */
  remove?: (row: T) => RowAction | null;
  size?: 'small' | 'medium';
}

/** An administration list (accounts, organismes, référents): loading, error, empty, then the table with its row actions. */
export function EntityList<T>({ label, list, loadingText, empty, columns, rowKey, edit, remove, size = 'small' }: EntityListProps<T>) {
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data) return list.loading ? <Loading>{loadingText}</Loading> : null;
  if (list.data.length === 0) return <Typography>{empty}</Typography>;
  const [first, ...rest] = columns;
  return (
    <ScrollRegion variant="outlined" aria-label={label}>
      <Table size={size} aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c.header} scope="col">
                {c.header}
              </TableCell>
            ))}
            <TableCell scope="col">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.data.map((row) => {
            const actions = [edit?.(row), remove?.(row)];
            return (
              <TableRow key={rowKey(row)}>
                {first ? (
                  <TableCell component="th" scope="row">
                    {first.cell(row)}
                  </TableCell>
                ) : null}
                {rest.map((c) => (
                  <TableCell key={c.header}>{c.cell(row)}</TableCell>
                ))}
                <TableCell>
                  <Stack direction="row" spacing={1}>
                    {actions.map((a, i) =>
                      a ? (
                        <Button key={a.text} size="small" color={i === 1 ? 'error' : 'primary'} onClick={a.onClick} aria-label={a.label}>
                          {a.text}
                        </Button>
                      ) : null,
                    )}
                  </Stack>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

export interface EntityDialogProps<T extends FieldValues, O> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the form's context type does not matter here
  form: UseFormReturn<T, any, O>;
  title: string;
  submitLabel: string;
  /** Saves the parsed values; resolves to the toast that says it is done. */
  save: (values: O) => Promise<string>;
  /** true: saved (the list reloads). */
  onClose: (saved: boolean) => void;
  /** The fields. */
  children: ReactNode;
}

/**
 * The dialog that creates or edits one entity of an administration list: its fields, the API's message and
 * field errors on refusal, « Annuler » and the save button.
 */
export function EntityDialog<T extends FieldValues, O>({ form, title, submitLabel, save, onClose, children }: EntityDialogProps<T, O>) {
  const notify = useNotify();
  const titleId = useId();
  const [error, setError] = useState<string>();
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      notify(await save(values));
      onClose(true);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      applyFieldErrors(form.setError, apiError);
    }
  });
  return (
    <Dialog open onClose={() => !pending && onClose(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)} disabled={pending}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" disabled={pending}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export interface RemoveEntityDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** Removes; resolves to the toast that says what was done. */
  remove: () => Promise<string>;
  /** true: removed (the list reloads). */
  onClose: (removed: boolean) => void;
  children: ReactNode;
}

/** « Supprimer … ? » / « Désactiver … ? » of an administration list, with the API's refusal in the dialog. */
export function RemoveEntityDialog({ open, title, confirmLabel, remove, onClose, children }: RemoveEntityDialogProps) {
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const close = (removed: boolean) => {
    setError(undefined);
    onClose(removed);
  };
  return (
    <ConfirmDialog
      open={open}
      title={title}
      confirmLabel={confirmLabel}
      danger
      pending={pending}
      error={error}
      onCancel={() => close(false)}
      onConfirm={() => {
        setPending(true);
        setError(undefined);
        remove().then(
          (message) => {
            setPending(false);
            notify(message);
            close(true);
          },
          (e: unknown) => {
            setPending(false);
            setError(toApiError(e).message);
          },
        );
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
