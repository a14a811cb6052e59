import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { format } from 'date-fns';
import type { FormDraft } from './useFormDraft';
import { formatDateTime } from '../../../shared/domain/format';

/** « Un brouillon du … a été retrouvé » with Reprendre / Abandonner. */
export function DraftOffer({ draft, onRestore }: { draft: FormDraft; onRestore: () => void }) {
  if (!draft.found) return null;
  return (
    <Alert
      severity="info"
      role="status"
      sx={{ mb: 2 }}
      action={
        <Stack direction="row" spacing={1}>
          <Button color="inherit" variant="outlined" size="small" onClick={onRestore}>
            Reprendre
          </Button>
          <Button color="inherit" size="small" onClick={() => void draft.discard()}>
            Abandonner
          </Button>
        </Stack>
      }
    >
      {draftFoundText(draft.found.updatedAt)}
    </Alert>
  );
}

export function draftFoundText(updatedAt: string): string {
  const at = new Date(updatedAt);
  if (Number.isNaN(at.getTime())) return 'Un brouillon de ce formulaire a été retrouvé.';
  return `Un brouillon du ${formatDateTime(at)} a été retrouvé.`;
}

/** "Brouillon enregistré à HH:MM" under the form's buttons. */
export function DraftStatus({ draft }: { draft: FormDraft }) {
  return (
    <Typography color={draft.saveFailed ? 'error' : 'text.secondary'} variant="body2" data-testid="draft-status">
      {draft.saveFailed ? 'Le brouillon n’a pas pu être enregistré.' : draft.savedAt ? `Brouillon enregistré à ${format(draft.savedAt, 'HH:mm')}` : ''}
    </Typography>
  );
}
