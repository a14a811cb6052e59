import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { IMPORT_KIND_LABELS, type ImportBatch, type ImportKind, type ImportPreview, type ImportProgress } from '../../../../shared/api/imports';
import { toApiError, useApi } from '../../api/ApiContext';
import { deskPaths, importPaths, mergePaths } from '../../kit/paths';
import { countsSentence, resultSentence } from './importModel';
import { RejectedFileButton } from './RejectedFileButton';

/** How often the progress is asked while the batch is applied. */
export const PROGRESS_POLL_MS = 300;

type Phase =
  | { name: 'idle' }
  | { name: 'running'; progress: ImportProgress | null; cancelling: boolean }
  | { name: 'done'; batch: ImportBatch }
  | { name: 'stopped'; cancelled: boolean; message: string };

const number = (n: number) => n.toLocaleString('fr-FR');

/**
 * Step 5: the confirmation, then `imports.apply` with its progress (asked every 300 ms) and « Annuler »
 * (`imports.cancel`: main rolls the whole batch back), then the result — announced in a live region — with the
 * rejected lines' file and the links to the duplicates to check and to the desk.
 */
export function ImportRunStep({
  kind,
  preview,
  fileName,
  onBack,
  onRunning,
  onFinished,
  onRestart,
}: {
  kind: ImportKind;
  preview: ImportPreview;
  fileName: string;
  onBack: () => void;
  onRunning: (running: boolean) => void;
  onFinished: () => void;
  onRestart: () => void;
}) {
  const client = useApi();
  const batchId = preview.batchId!;
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const cancelRequested = useRef(false);
  const running = phase.name === 'running';

  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => {
      client.call('imports.progress', { batchId }).then(
        (progress) => setPhase((p) => (p.name === 'running' ? { ...p, progress } : p)),
        () => undefined, // The next tick asks again; the apply's own answer ends the wait.
      );
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running, client, batchId]);

  const start = () => {
    cancelRequested.current = false;
    setPhase({ name: 'running', progress: null, cancelling: false });
    onRunning(true);
    client.call('imports.apply', { batchId }).then(
      (batch) => {
        onRunning(false);
        if (batch.status === 'termine') {
          setPhase({ name: 'done', batch });
          onFinished();
        } else {
          setPhase({ name: 'stopped', cancelled: batch.status === 'annule', message: '' });
        }
      },
      (e: unknown) => {
        onRunning(false);
        setPhase({ name: 'stopped', cancelled: cancelRequested.current, message: toApiError(e).message });
      },
    );
  };

  const cancel = () => {
    cancelRequested.current = true;
    setPhase((p) => (p.name === 'running' ? { ...p, cancelling: true } : p));
    client.call('imports.cancel', { batchId }).catch(() => undefined);
  };

  const { counts } = preview;
  const toApply = counts.nouveau + counts.mise_a_jour + counts.doublon_possible;

  return (
    <Stack spacing={2.5}>
      {phase.name === 'idle' || phase.name === 'stopped' ? (
        <>
          <Typography>{`${IMPORT_KIND_LABELS[kind]} — fichier « ${fileName} ».`}</Typography>
          <Typography>{countsSentence(counts)}</Typography>
          {toApply === 0 ? <Alert severity="info">Aucune ligne ne crée ni ne modifie de dossier : l’import n’enregistrera que le lot.</Alert> : null}
        </>
      ) : null}
      {phase.name === 'running' ? <Progress progress={phase.progress} total={counts.lines} /> : null}
      <Box role="status" aria-live="polite">
        {phase.name === 'done' ? (
          <Alert severity="success">{resultSentence(phase.batch.counts)}</Alert>
        ) : phase.name === 'stopped' ? (
          <Alert severity={phase.cancelled ? 'info' : 'error'}>
            {phase.cancelled
              ? 'Import annulé : aucun dossier n’a été créé ni modifié.'
              : `L’import a échoué${phase.message ? ` : ${phase.message}` : ''}. Aucun dossier n’a été créé ni modifié.`}
          </Alert>
        ) : null}
      </Box>
      {phase.name === 'done' ? <Result batch={phase.batch} onRestart={onRestart} /> : null}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {phase.name === 'idle' || phase.name === 'stopped' ? (
          <>
            <Button onClick={onBack}>Précédent</Button>
            <Button variant="contained" onClick={start}>
              {phase.name === 'stopped' ? 'Relancer l’import' : `Importer ${counts.lines === 1 ? 'la ligne' : `les ${number(counts.lines)} lignes`}`}
            </Button>
          </>
        ) : null}
        {phase.name === 'running' ? (
          <Button variant="outlined" color="error" onClick={cancel} disabled={phase.cancelling}>
            {phase.cancelling ? 'Annulation…' : 'Annuler'}
          </Button>
        ) : null}
      </Stack>
    </Stack>
  );
}

/** The progress bar (aria-valuenow) and its text alternative, read by screen readers and shown. */
function Progress({ progress, total }: { progress: ImportProgress | null; total: number }) {
  const all = progress?.total || total;
  const done = progress?.done ?? 0;
  const percent = all > 0 ? Math.min(100, Math.round((done / all) * 100)) : 0;
  const text = `${number(done)} lignes traitées sur ${number(all)} (${percent} %)`;
  return (
    <Box>
      <Typography id="import-progress-label" sx={{ mb: 1 }}>
        Import en cours…
      </Typography>
      <LinearProgress variant="determinate" value={percent} aria-labelledby="import-progress-label" aria-valuetext={text} sx={{ height: 10, borderRadius: 1 }} />
      <Typography sx={{ mt: 1 }}>{text}</Typography>
    </Box>
  );
}

function Result({ batch, onRestart }: { batch: ImportBatch; onRestart: () => void }) {
  return (
    <Stack spacing={1.5}>
      {batch.counts.rejete > 0 ? <RejectedFileButton batch={batch} /> : null}
      <Box component="ul" aria-label="Après l’import" sx={{ m: 0, pl: 3, '& li': { mb: 0.5 } }}>
        {batch.counts.doublon_possible > 0 ? (
          <li>
            <Link component={RouterLink} to={mergePaths.duplicates}>
              Doublons à vérifier
            </Link>
          </li>
        ) : null}
        <li>
          <Link component={RouterLink} to={deskPaths.home}>
            Mon activité
          </Link>{' '}
          : les nouveaux bénéficiaires attendent leur orientation.
        </li>
        <li>
          <Link component={RouterLink} to={importPaths.batches}>
            Historique des imports
          </Link>
        </li>
      </Box>
      <Box>
        <Button variant="outlined" onClick={onRestart}>
          Importer un autre fichier
        </Button>
      </Box>
    </Stack>
  );
}
