import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { IMPORT_KIND_LABELS, IMPORT_STATUS_LABELS, type ImportBatch } from '../../../../shared/api/imports';
import { formatDateTime, plural } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { useNotify } from '../../kit/notifications';
import { Page } from '../../kit/Page';
import { importPaths } from '../../kit/paths';
import { ScrollTable } from '../../kit/ScrollRegion';
import { Loaded } from '../../kit/status';
import { countsSentence } from './importModel';
import { RejectedFileButton } from './RejectedFileButton';

const TITLE = 'Historique des imports';

/**
 * Route `/imports/historique`: every batch of the MDS with its date, user, kind, counts and state; an applied batch
 * offers « Annuler l’import » (main refuses, with the reason, once one of its dossiers was changed since).
 */
export function ImportBatchesPage() {
  const batches = useApiQuery('imports.batches', {});
  const [toUndo, setToUndo] = useState<ImportBatch | null>(null);
  return (
    <Loaded title={TITLE} error={batches.error} loading={!batches.data} onRetry={batches.reload} what="des imports">
      {() => (
        <Page
          title={TITLE}
          breadcrumbs={[{ label: 'Importer un fichier', to: importPaths.wizard }, { label: TITLE }]}
          actions={
            <Button component={RouterLink} to={importPaths.wizard} variant="contained" startIcon={<UploadFileIcon />}>
              Importer un fichier
            </Button>
          }
        >
          {batches.data!.length === 0 ? (
            <Typography>Aucun fichier n’a encore été importé.</Typography>
          ) : (
            <ScrollTable label="Imports de la MDS" size="small">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">Date</TableCell>
                  <TableCell scope="col">Fichier</TableCell>
                  <TableCell scope="col">Type et source</TableCell>
                  <TableCell scope="col">Par</TableCell>
                  <TableCell scope="col">Lignes</TableCell>
                  <TableCell scope="col">État</TableCell>
                  <TableCell scope="col">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {batches.data!.map((b) => (
                  <TableRow key={b.id} sx={{ verticalAlign: 'top' }}>
                    <TableCell>{formatDateTime(b.appliedAt ?? b.createdAt)}</TableCell>
                    <TableCell component="th" scope="row" sx={{ wordBreak: 'break-word' }}>
                      {b.fileName}
                    </TableCell>
                    <TableCell>
                      {IMPORT_KIND_LABELS[b.kind]}
                      <Typography variant="body2" color="text.secondary">
                        {b.source}
                      </Typography>
                    </TableCell>
                    <TableCell>{b.user}</TableCell>
                    <TableCell sx={{ minWidth: 260 }}>{countsSentence(b.counts)}</TableCell>
                    <TableCell>
                      {IMPORT_STATUS_LABELS[b.status]}
                      {b.undoneAt ? (
                        <Typography variant="body2" color="text.secondary">
                          {`Annulé le ${formatDateTime(b.undoneAt)}${b.undoneBy ? ` par ${b.undoneBy}` : ''}`}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
                        {b.counts.rejete > 0 ? <RejectedFileButton batch={b} size="small" /> : null}
                        {b.status === 'termine' && !b.undoneAt ? (
                          <Button size="small" color="error" onClick={() => setToUndo(b)} aria-label={`Annuler l’import du fichier ${b.fileName}`}>
                            Annuler l’import
                          </Button>
                        ) : null}
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
          )}
          <UndoDialog
            batch={toUndo}
            onClose={(done) => {
              setToUndo(null);
              if (done) batches.reload();
            }}
          />
        </Page>
      )}
    </Loaded>
  );
}

/** « Annuler l’import ? »: what is undone; main's refusal (a dossier changed since) stays in the dialog. */
function UndoDialog({ batch, onClose }: { batch: ImportBatch | null; onClose: (done: boolean) => void }) {
  const client = useApi();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const close = (done: boolean) => {
    setError(undefined);
    onClose(done);
  };
  const undo = async () => {
    if (!batch) return;
    setPending(true);
    setError(undefined);
    try {
      const undone = await client.call('imports.undo', { batchId: batch.id });
      notify(`L’import du fichier ${undone.fileName} est annulé.`);
      close(true);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <ConfirmDialog
      open={batch !== null}
      title="Annuler l’import ?"
      confirmLabel="Annuler l’import"
      cancelLabel="Garder l’import"
      danger
      pending={pending}
      error={error}
      onConfirm={() => void undo()}
      onCancel={() => close(false)}
    >
      {batch ? undoText(batch) : ''}
    </ConfirmDialog>
  );
}

function undoText(batch: ImportBatch): string {
  const { nouveau, mise_a_jour } = batch.counts;
  return (
    `L’import du fichier « ${batch.fileName} » du ${formatDateTime(batch.appliedAt ?? batch.createdAt)} est défait en entier : ` +
    `${plural(nouveau, 'dossier créé est supprimé', 'dossiers créés sont supprimés')}, ${plural(mise_a_jour, 'mise à jour est défaite', 'mises à jour sont défaites')}. ` +
    'C’est impossible si l’un de ces dossiers a été modifié depuis.'
  );
}
