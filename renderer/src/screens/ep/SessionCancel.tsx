import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { EpSession } from '../../../../shared/api/ep';
import { toApiError, useApi } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { FormDialog, ReasonField, Section, StatusLine, usePendingWrite } from './common';
import { deliver } from './SessionDocuments';
import { formatDate } from '../../../../shared/domain/format';

/** A session without any case left on its ordre du jour: the offer to cancel it (reason, sending date of the letters). */
export function CancelOffer({ session, onCancelled }: { session: EpSession; onCancelled: (session: EpSession) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Alert
      severity="warning"
      sx={{ mb: 3 }}
      action={
        <Button color="inherit" variant="outlined" onClick={() => setOpen(true)}>
          Annuler la séance
        </Button>
      }
    >
      <AlertTitle>Aucun dossier n’est inscrit à l’ordre du jour</AlertTitle>
      {session.convocationsSentOn
        ? 'Les convocations ont été envoyées : vous pouvez annuler la séance, un courrier d’annulation est alors préparé pour chaque personne convoquée.'
        : 'Vous pouvez annuler la séance : personne n’y a encore été convoqué.'}
      {open ? <CancelDialog session={session} onClose={() => setOpen(false)} onCancelled={onCancelled} /> : null}
    </Alert>
  );
}

function CancelDialog({ session, onClose, onCancelled }: { session: EpSession; onClose: () => void; onCancelled: (session: EpSession) => void }) {
  const api = useApi();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [sendingDate, setSendingDate] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; sendingDate?: string; form?: string }>({});
  const write = usePendingWrite((e) => {
    const err = toApiError(e);
    const fields = { reason: err.fieldErrors?.reason, sendingDate: err.fieldErrors?.sendingDate };
    setErrors({ ...fields, form: fields.reason || fields.sendingDate ? undefined : err.message });
  });
  const submit = () =>
    write.run(async () => {
      setErrors({});
      const result = await api.call('ep.sessions.cancel', { sessionId: session.id, version: session.version, reason, ...(sendingDate ? { sendingDate } : {}) });
      if (result.letters) deliver(result.letters, false);
      notify(result.letters ? `Séance annulée. Courriers d’annulation prêts : ${result.letters.fileName}.` : 'Séance annulée.');
      onCancelled(result.session);
      onClose();
    });
  return (
    <FormDialog
      title={`Annuler la séance du ${formatDate(session.date)}`}
      submitLabel="Annuler la séance"
      cancelLabel="Ne pas annuler"
      submitColor="warning"
      pending={write.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <ReasonField label="Motif de l’annulation" value={reason} onChange={setReason} error={errors.reason} help="Il figure sur les courriers d’annulation." />
      {session.convocationsSentOn ? (
        <TextField
          type="date"
          label="Date d’envoi des courriers"
          value={sendingDate}
          onChange={(e) => setSendingDate(e.target.value)}
          error={!!errors.sendingDate}
          helperText={errors.sendingDate ?? 'Facultative : sans elle, les courriers sont datés d’aujourd’hui.'}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      ) : null}
      {errors.form ? (
        <Alert severity="error" role="alert">
          {errors.form}
        </Alert>
      ) : null}
    </FormDialog>
  );
}

/** A cancelled session: when and why, and its letters to print again (those convened, once the convocations were sent). */
export function CancelledPanel({ session }: { session: EpSession }) {
  const api = useApi();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const write = usePendingWrite((e) => setError(toApiError(e).message));
  const print = () =>
    write.run(async () => {
      setError(undefined);
      const file = await api.call('ep.sessions.letterPdf', { sessionId: session.id, kind: 'annulation' });
      deliver(file, false);
      setStatus(`Courriers d’annulation prêts : ${file.fileName}.`);
    });
  return (
    <Section id="ep-session-cancelled" title="Séance annulée">
      <Typography>
        Annulée le {session.cancelledOn ? formatDate(session.cancelledOn) : '—'} : {session.cancelReason}
      </Typography>
      {session.convocationsSentOn ? (
        <Box sx={{ mt: 1 }}>
          <Button variant="outlined" onClick={() => void print()} disabled={write.pending}>
            Courriers d’annulation (PDF)
          </Button>
        </Box>
      ) : (
        <Typography color="text.secondary">Les convocations n’avaient pas été envoyées : aucun courrier n’est à adresser.</Typography>
      )}
      <StatusLine status={status} error={error} />
    </Section>
  );
}
