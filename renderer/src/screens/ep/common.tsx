import { useId, useState, type ReactNode } from 'react';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ErrorOutlineIcon from '@mui/icons-material/Error';
import ScheduleIcon from '@mui/icons-material/Schedule';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import type { EpQueueItem } from '../../../../shared/api/ep';
import { plural } from '../../../../shared/domain/format';

/**
 * Checks form values with a shared zod schema: the parsed value, or null after putting each issue's French
 * message on its field (focus on the first).
 */
export function validateWith<S extends z.ZodType, T extends FieldValues>(schema: S, value: unknown, setError: UseFormSetError<T>, fieldOf: (path: string) => string = (p) => p): z.output<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  parsed.error.issues.forEach((issue) => {
    const path = fieldOf(issue.path.join('.'));
    if (seen.has(path)) return;
    seen.add(path);
    setError(path as FieldPath<T>, { type: 'schema', message: issue.message }, { shouldFocus: seen.size === 1 });
  });
  return null;
}

/** A titled region of a page (landmark named by its h2). */
export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1, mb: 1 }}>
        <Typography variant="h2" id={id} sx={{ fontSize: '1.35rem' }}>
          {title}
        </Typography>
        {actions ? <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>{actions}</Box> : null}
      </Box>
      {children}
    </Paper>
  );
}

/** The deadline flag of a saisine: an icon AND its text (never colour alone). */
export function DeadlineFlag({ item }: { item: Pick<EpQueueItem, 'flag' | 'flagLabel' | 'daysLeft'> }) {
  const icon =
    item.flag === 'en_retard' ? (
      <ErrorOutlineIcon fontSize="small" color="error" aria-hidden />
    ) : item.flag === 'bientot' ? (
      <ScheduleIcon fontSize="small" color="warning" aria-hidden />
    ) : (
      <CheckCircleOutlineIcon fontSize="small" color="success" aria-hidden />
    );
  const days =
    item.daysLeft < 0
      ? ` (${-item.daysLeft} jour${item.daysLeft < -1 ? 's' : ''} de retard)`
      : item.flag === 'bientot'
        ? ` (${plural(item.daysLeft, 'jour', 'jours')})`
        : '';
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontWeight: item.flag === 'dans_les_temps' ? 400 : 700 }}>
      {icon}
      {item.flagLabel}
      {days}
    </Box>
  );
}

/**
 * A small write in a dialog: its form (submitted by Enter or the main button), the fields in a column, « Annuler »
 * (or `cancelLabel`) and the main button, disabled while the write runs.
 */
export function FormDialog(props: {
  title: ReactNode;
  submitLabel: string;
  cancelLabel?: string;
  pending: boolean;
  onSubmit: () => void;
  onClose: () => void;
  submitColor?: 'primary' | 'warning';
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Dialog open onClose={props.onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{props.cancelLabel ?? 'Annuler'}</Button>
          <Button type="submit" variant="contained" color={props.submitColor ?? 'primary'} disabled={props.pending}>
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Runs one write at a time: `pending` while it runs, the caller's `onError` when it is refused. */
export function usePendingWrite(onError: (error: unknown) => void): { pending: boolean; run: (write: () => Promise<void>) => Promise<void> } {
  const [pending, setPending] = useState(false);
  const run = async (write: () => Promise<void>) => {
    setPending(true);
    try {
      await write();
    } catch (e) {
      onError(e);
    } finally {
      setPending(false);
    }
  };
  return { pending, run };
}

/** What a document button did (announced politely) and why it failed. */
export function StatusLine({ status, error }: { status: string; error: string | undefined }) {
  return (
    <>
      <Typography role="status" aria-live="polite" sx={{ mt: 1, minHeight: '1.5em' }}>
        {status}
      </Typography>
      {error ? (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      ) : null}
    </>
  );
}

/** The reason a dialog asks for (required, several lines, focused first); its error replaces the help. */
export function ReasonField({ label, value, onChange, error, help }: { label: string; value: string; onChange: (value: string) => void; error: string | undefined; help: string }) {
  return <TextField label={label} value={value} onChange={(e) => onChange(e.target.value)} required multiline minRows={2} autoFocus error={!!error} helperText={error ?? help} />;
}
