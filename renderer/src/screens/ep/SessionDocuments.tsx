import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { EpConvocations, EpLetterKind, EpSession } from '../../../../shared/api/ep';
import { toApiError, useApi } from '../../api/ApiContext';
import { base64ToBlob, saveBlob } from '../../kit/files';
import { Section, StatusLine } from './common';
import { formatDate, personName } from '../../../../shared/domain/format';

const NOT_HELD: readonly EpSession['status'][] = ['creee', 'dossiers_inscrits', 'convocations_envoyees'];

/** Saves (or opens) a PDF received in base64. */
export function deliver(file: { fileName: string; mime: string; contentBase64: string }, open: boolean): void {
  const blob = base64ToBlob(file.contentBase64, file.mime);
  if (!open) return saveBlob(blob, file.fileName);
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Convocations (members) and information letters (beneficiaries); the session file, the letters, the
 * procès-verbal and the decision letters as PDFs.
 */
export function SessionDocuments({ session }: { session: EpSession }) {
  const api = useApi();
  const [anonymised, setAnonymised] = useState(false);
  const [convocations, setConvocations] = useState<EpConvocations | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  /** Optional sending date of the letters ('' = dated on the day they are produced). */
  const [sendingDate, setSendingDate] = useState('');

  const loadConvocations = async () => {
    setError(undefined);
    try {
      setConvocations(await api.call('ep.sessions.convocations', { sessionId: session.id }));
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const pdf = async (open: boolean) => {
    setPending(true);
    setError(undefined);
    setStatus('Préparation du dossier de séance…');
    try {
      const file = await api.call('ep.sessions.filePdf', { sessionId: session.id, anonymised });
      deliver(file, open);
      setStatus(`Dossier de séance${anonymised ? ' anonymisé' : ''} prêt : ${file.fileName}.`);
    } catch (e) {
      setError(toApiError(e).message);
      setStatus('');
    } finally {
      setPending(false);
    }
  };

  const letter = async (kind: EpLetterKind, label: string, itemId?: number) => {
    setPending(true);
    setError(undefined);
    setStatus(`Préparation : ${label}…`);
    try {
      const file = await api.call('ep.sessions.letterPdf', {
        sessionId: session.id,
        kind,
        ...(itemId === undefined ? {} : { itemId }),
        ...(sendingDate && kind !== 'proces_verbal' ? { sendingDate } : {}),
      });
      deliver(file, false);
      setStatus(`${label} prêt : ${file.fileName}.`);
    } catch (e) {
      setError(toApiError(e).message);
      setStatus('');
    } finally {
      setPending(false);
    }
  };
  const held = !NOT_HELD.includes(session.status);
  const decided = session.items.filter((i) => i.status === 'inscrit' && i.decision !== null);

  return (
    <Section id="ep-session-documents" title="Convocations et dossier de séance">
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="outlined" onClick={() => (convocations ? setConvocations(null) : void loadConvocations())} aria-expanded={convocations !== null}>
          {convocations ? 'Masquer les convocations' : 'Afficher les convocations'}
        </Button>
        <FormControlLabel control={<Checkbox checked={anonymised} onChange={(e) => setAnonymised(e.target.checked)} />} label="Dossier anonymisé (initiales)" />
        <Button variant="contained" onClick={() => void pdf(false)} disabled={pending}>
          Dossier de séance (PDF)
        </Button>
        <Button variant="outlined" onClick={() => void pdf(true)} disabled={pending}>
          Ouvrir le dossier dans un nouvel onglet
        </Button>
      </Box>
      <TextField
        type="date"
        label="Date d’envoi des courriers"
        value={sendingDate}
        onChange={(e) => setSendingDate(e.target.value)}
        helperText="Facultative : sans elle, les courriers sont datés du jour où ils sont produits."
        slotProps={{ inputLabel: { shrink: true } }}
        size="small"
        sx={{ mt: 2 }}
      />
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mt: 1 }} role="group" aria-label="Courriers de la séance (PDF)">
        <Button variant="outlined" onClick={() => void letter('convocations', 'Convocations des membres')} disabled={pending}>
          Convocations des membres (PDF)
        </Button>
        <Button variant="outlined" onClick={() => void letter('informations', 'Lettres d’information des bénéficiaires')} disabled={pending}>
          Lettres d’information des bénéficiaires (PDF)
        </Button>
        {held ? (
          <Button variant="outlined" onClick={() => void letter('proces_verbal', 'Procès-verbal')} disabled={pending}>
            Procès-verbal (PDF)
          </Button>
        ) : null}
      </Box>
      {decided.length > 0 ? (
        <Box component="ul" aria-label="Courriers de décision" sx={{ listStyle: 'none', p: 0, mt: 1 }}>
          {decided.map((i) => {
            const name = personName(i.person);
            return (
              <Box component="li" key={i.itemId} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', my: 0.5 }}>
                <Typography sx={{ minWidth: '12rem' }}>Décision — {name}</Typography>
                <Button size="small" variant="outlined" onClick={() => void letter('decision_beneficiaire', `Courrier de décision à ${name}`, i.itemId)} disabled={pending}>
                  Courrier au bénéficiaire (PDF)
                </Button>
                <Button size="small" variant="outlined" onClick={() => void letter('decision_referent', `Courrier de décision au référent de ${name}`, i.itemId)} disabled={pending}>
                  Courrier au référent (PDF)
                </Button>
              </Box>
            );
          })}
        </Box>
      ) : null}
      <StatusLine status={status} error={error} />
      {convocations ? <ConvocationsView data={convocations} /> : null}
    </Section>
  );
}

function ConvocationsView({ data }: { data: EpConvocations }) {
  return (
    <Box component="section" aria-labelledby="ep-convocations-title" sx={{ mt: 2 }}>
      <Typography variant="h3" id="ep-convocations-title" sx={{ fontSize: '1.2rem' }}>
        Convocations — {data.session.epName}, séance du {formatDate(data.session.date)} à {data.session.startTime}, {data.session.place}
      </Typography>
      <Typography variant="h4" sx={{ fontSize: '1.05rem', mt: 2 }}>
        Ordre du jour
      </Typography>
      <ol aria-label="Ordre du jour de la séance">
        {data.ordreDuJour.map((o, i) => (
          <li key={i}>
            {o.slotStart ?? 'Horaire à fixer'} — {o.label} ({o.theme})
          </li>
        ))}
      </ol>
      <Typography variant="h4" sx={{ fontSize: '1.05rem', mt: 2 }}>
        Convocations des membres ({data.members.length})
      </Typography>
      {data.members.map((m) => (
        <Paper key={m.memberId} variant="outlined" component="article" aria-label={`Convocation de ${m.name}`} sx={{ p: 2, my: 1 }}>
          <Typography sx={{ fontWeight: 700 }}>
            {m.name} — {m.function} ({m.organisationLabel})
          </Typography>
          {m.address ? <Typography variant="body2">{m.address}</Typography> : null}
          {m.substituteName ? <Typography variant="body2">Suppléant : {m.substituteName}</Typography> : null}
          <Typography sx={{ whiteSpace: 'pre-line', mt: 1 }}>{m.text}</Typography>
        </Paper>
      ))}
      <Typography variant="h4" sx={{ fontSize: '1.05rem', mt: 2 }}>
        Lettres d’information des bénéficiaires ({data.beneficiaries.length})
      </Typography>
      {data.beneficiaries.map((b) => (
        <Paper key={b.itemId} variant="outlined" component="article" aria-label={`Lettre d’information de ${b.name}`} sx={{ p: 2, my: 1 }}>
          <Typography sx={{ fontWeight: 700 }}>
            {b.civilite} {b.name}
          </Typography>
          {b.address.map((line) => (
            <Typography key={line} variant="body2">
              {line}
            </Typography>
          ))}
          <Typography sx={{ mt: 1 }}>
            Votre situation sera examinée par l’équipe pluridisciplinaire le {formatDate(b.date)}
            {b.time ? ` à ${b.time}` : ''}, {b.place}. Motif : {b.reason}.
          </Typography>
          <Typography sx={{ mt: 1 }}>{b.observations}</Typography>
        </Paper>
      ))}
    </Box>
  );
}
