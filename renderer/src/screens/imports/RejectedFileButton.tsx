import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DownloadIcon from '@mui/icons-material/Download';
import type { ImportBatch } from '../../../../shared/api/imports';
import { plural } from '../../../../shared/domain/format';
import { toApiError, useApi } from '../../api/ApiContext';
import { saveBlob } from '../../kit/files';
import { useNotify } from '../../kit/notifications';

/** « Télécharger les lignes rejetées »: a CSV for Excel with the lines' values, their number and the « motif du rejet ». */
export function RejectedFileButton({ batch, size = 'medium' }: { batch: ImportBatch; size?: 'small' | 'medium' }) {
  const client = useApi();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const download = async () => {
    setPending(true);
    setError(undefined);
    try {
      const file = await client.call('imports.rejectedFile', { batchId: batch.id });
      saveBlob(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }), file.fileName);
      notify(`${plural(file.count, 'ligne rejetée téléchargée', 'lignes rejetées téléchargées')} (${file.fileName}).`);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <Box>
      <Button
        size={size}
        variant="outlined"
        startIcon={<DownloadIcon />}
        onClick={() => void download()}
        disabled={pending}
        aria-label={`Télécharger les lignes rejetées (CSV) du fichier ${batch.fileName}`}
      >
        Télécharger les lignes rejetées (CSV)
      </Button>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {error}
        </Alert>
      ) : null}
    </Box>
  );
}
