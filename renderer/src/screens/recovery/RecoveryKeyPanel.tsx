import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import DownloadIcon from '@mui/icons-material/Download';
import type { MethodInput } from '../../../../shared/api/contract';
import type { RecoveryIssued } from '../../../../shared/api/recovery';
import { toApiError, useApi } from '../../api/ApiContext';
import { downloadPdf, openPdf } from '../../documents/pdfFiles';

/** The MDS printed at the head of the sheet. */
export type SheetMds = MethodInput<'recovery.sheet'>['mds'];

export interface RecoveryKeyPanelProps {
  issued: RecoveryIssued;
  mds: SheetMds;
  /** The button that closes the panel once the key is kept (« Continuer vers la connexion »). */
  doneLabel: string;
  onDone: () => void;
}

export const KEPT_LABEL = 'J’ai imprimé la feuille (ou recopié la clé) et je la range au coffre.';

/**
 * A recovery key just issued, shown once: the key in large monospace characters, its sheet to print or download,
 * and a confirmation that it is kept before going on.
 */
export function RecoveryKeyPanel({ issued, mds, doneLabel, onDone }: RecoveryKeyPanelProps) {
  const client = useApi();
  const [kept, setKept] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The sheet is rendered on demand (never stored: it holds the key). */
  const withSheet = async (use: (base64: string, fileName: string) => unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      const sheet = await client.call('recovery.sheet', { recoveryKey: issued.recoveryKey, createdAt: issued.createdAt, mds });
      use(sheet.base64, sheet.fileName);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={2}>
      <Alert severity="warning" role="note">
        Cette clé n’est affichée qu’une fois et n’est enregistrée nulle part en clair. Sans elle, la perte du fichier des clés ou l’oubli de tous les mots de
        passe administrateur rendrait les données illisibles.
      </Alert>
      <Box
        role="group"
        aria-label="Clé de secours"
        sx={{ fontFamily: '"DejaVu Sans Mono", Consolas, monospace', fontSize: { xs: '1.25rem', md: '1.75rem' }, fontWeight: 700, letterSpacing: '0.05em', p: 2, border: 2, borderRadius: 1, textAlign: 'center', wordBreak: 'break-all' }}
      >
        {issued.recoveryKey}
      </Box>
      <Typography>
        Imprimez la feuille « Clé de secours — à conserver au coffre » : elle rappelle à quoi sert la clé et comment l’utiliser (lien « Clé de secours » de l’écran
        de connexion).
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <Button variant="contained" startIcon={<PrintIcon />} disabled={busy} onClick={() => void withSheet(openPdf)}>
          Imprimer la feuille
        </Button>
        <Button variant="outlined" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void withSheet(downloadPdf)}>
          Télécharger la feuille (PDF)
        </Button>
      </Stack>
      <FormControlLabel
        control={
          <Checkbox
            checked={kept}
            onChange={(e) => {
              setKept(e.target.checked);
              setError(undefined);
            }}
          />
        }
        label={KEPT_LABEL}
      />
      {error ? (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <div>
        <Button variant="contained" onClick={() => (kept ? onDone() : setError('Confirmez d’abord que la clé de secours est imprimée ou recopiée et rangée au coffre.'))}>
          {doneLabel}
        </Button>
      </div>
    </Stack>
  );
}
