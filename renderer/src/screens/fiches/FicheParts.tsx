import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import type { FicheAdministratif, FicheView } from '../../../../shared/api/fiches';
import { toApiError, useApi } from '../../api/ApiContext';
import { toIsoDate } from '../../kit/format';
import { DateInput } from '../../kit/DateInput';
import { EtatCivilList } from '../../kit/EtatCivil';
import { Term } from '../../kit/Term';
import { formatDate } from '../../../../shared/domain/format';

/** Première partie de la fiche : informations administratives (MDS, correspondant, référent, organisme, bénéficiaire, contrat). */
export function AdministratifBlock({ data, personId, editable }: { data: FicheAdministratif; personId: number; editable?: boolean }) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id}>
      <Typography variant="h3" id={id} sx={{ mb: 1.5 }}>
        Informations administratives
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0, mb: 2 }}>
        <Term term="Maison du Département Solidarité" value={data.mds || 'Non renseignée'} />
        <Term term="Correspondant" value={data.correspondant ?? 'Non désigné'} />
        <Term term="Référent" value={data.referent ? data.referent.displayName : 'Non désigné'} />
        <Term term="Organisme" value={data.organisme ?? 'Non renseigné'} />
        <Term
          term="Contrat d’engagements réciproques"
          value={data.contrat ? `${data.contrat.type} du ${formatDate(data.contrat.start)} au ${formatDate(data.contrat.end)}` : 'Aucun contrat en cours'}
        />
      </Box>
      <Typography variant="h4" component="h4" sx={{ mb: 1 }}>
        Bénéficiaire du RSA
      </Typography>
      <EtatCivilList etatCivil={data.beneficiaire} personId={personId} editable={editable} />
    </Box>
  );
}

/** What the fiche lacks, as a list of sentences (an icon and the words, never colour alone). */
export function MissingList({ items, title = 'Avant l’envoi, il manque :' }: { items: readonly string[]; title?: string }) {
  if (items.length === 0) return null;
  return (
    <Alert severity="warning" role="status" icon={<ErrorOutlineIcon />} sx={{ mb: 2 }}>
      <Typography sx={{ fontWeight: 700 }}>{title}</Typography>
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }} aria-label="Éléments manquants">
        {items.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** « Envoyer au correspondant »: refused (with the list) while something is missing. */
export function SendSection({ fiche, missing, onSent }: { fiche: FicheView; missing: readonly string[]; onSent: (view: FicheView) => void }) {
  const client = useApi();
  const id = useId();
  const [date, setDate] = useState(toIsoDate(new Date()));
  const [error, setError] = useState<string>();
  const [dateError, setDateError] = useState<string>();
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setTried(true);
    setError(undefined);
    setDateError(undefined);
    if (missing.length > 0) {
      setError('La fiche ne peut pas être envoyée : complétez d’abord ce qui manque.');
      return;
    }
    setBusy(true);
    try {
      onSent(await client.call('fiches.send', { ficheId: fiche.id, version: fiche.version, date }));
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      if (apiError.fieldErrors?.date) setDateError(apiError.fieldErrors.date);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="section" aria-labelledby={id}>
      <Typography variant="h3" id={id} sx={{ mb: 1.5 }}>
        Envoi au correspondant
      </Typography>
      <Box aria-live="polite">
        {error ? (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {error}
          </Alert>
        ) : null}
      </Box>
      <MissingList items={missing} />
      {missing.length === 0 && tried === false ? (
        <Typography sx={{ mb: 2 }}>La fiche est complète : elle peut être envoyée au correspondant.</Typography>
      ) : null}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
        <Box sx={{ maxWidth: 260 }}>
          <DateInput label="Date d’envoi" value={date} onChange={setDate} required disableFuture error={dateError} />
        </Box>
        <Button variant="contained" onClick={() => void send()} disabled={busy} sx={{ mt: { sm: 1 } }}>
          {busy ? 'Envoi…' : 'Envoyer au correspondant'}
        </Button>
      </Stack>
    </Box>
  );
}

/** Demande d’appui « dématérialisée sous forme de mail »: the draft to copy into the mail software. */
export function EmailDraftButton({ ficheId }: { ficheId: number }) {
  const client = useApi();
  const titleId = useId();
  const [draft, setDraft] = useState<{ to: string | null; subject: string; body: string } | null>(null);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState<string>();
  const open = async () => {
    setError(undefined);
    try {
      setDraft(await client.call('fiches.emailDraft', { ficheId }));
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copié.`);
    } catch {
      setCopied('La copie automatique n’est pas disponible : sélectionnez le texte et copiez-le (Ctrl+C).');
    }
  };
  return (
    <>
      <Button variant="outlined" onClick={() => void open()}>
        Préparer un e-mail
      </Button>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {error}
        </Alert>
      ) : null}
      <Dialog open={draft !== null} onClose={() => setDraft(null)} aria-labelledby={titleId} fullWidth maxWidth="md">
        <DialogTitle id={titleId}>E-mail de demande d’appui</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 2 }}>Copiez ce texte dans votre messagerie pour l’envoyer au correspondant.</Typography>
          <Stack spacing={2}>
            <TextField label="Destinataire" value={draft?.to ?? 'Correspondant non désigné'} slotProps={{ htmlInput: { readOnly: true } }} fullWidth />
            <TextField label="Objet" value={draft?.subject ?? ''} slotProps={{ htmlInput: { readOnly: true } }} fullWidth />
            <TextField label="Message" value={draft?.body ?? ''} multiline minRows={8} slotProps={{ htmlInput: { readOnly: true } }} fullWidth />
          </Stack>
          <Typography aria-live="polite" sx={{ mt: 1 }}>
            {copied ?? ''}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => void copy('Objet', draft?.subject ?? '')}>Copier l’objet</Button>
          <Button onClick={() => void copy('Message', draft?.body ?? '')}>Copier le message</Button>
          <Button variant="contained" onClick={() => setDraft(null)} autoFocus>
            Fermer
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
