import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { formatDate } from '../../../shared/domain/format';
import { LazyPdfViewer } from './LazyPdfViewer';
import type { PreviewState } from './useDocumentActions';

/**
 * What the previewed document is: a draft of the record (« Projet (brouillon) », with its watermark), a final
 * version not archived yet, or one archived on a date.
 */
export function archiveStatus(preview: Pick<PreviewState, 'watermark' | 'archivedAt'>): string {
  if (preview.watermark) return `Projet (brouillon), marqué « ${preview.watermark} » : il ne s’archive pas.`;
  if (preview.archivedAt) return `Archivé le ${formatDate(preview.archivedAt)}.`;
  return 'Non encore archivé : archivez le document pour en garder la version définitive.';
}

/** « Aperçu » of a document, with « Télécharger », « Imprimer » and « Fermer ». */
export function PreviewDialog({
  preview,
  busy,
  onClose,
  onDownload,
  onPrint,
}: {
  preview: PreviewState | null;
  busy: boolean;
  onClose: () => void;
  onDownload: (p: PreviewState) => void;
  onPrint: (p: PreviewState) => void;
}) {
  return (
    <Dialog open={preview !== null} onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="apercu-titre">
      <DialogTitle id="apercu-titre">{preview ? `Aperçu : ${preview.title}` : 'Aperçu'}</DialogTitle>
      <DialogContent>
        {preview ? (
          <Alert severity={preview.archivedAt ? 'success' : 'info'} sx={{ mb: 1 }}>
            {archiveStatus(preview)}
          </Alert>
        ) : null}
        {preview ? <LazyPdfViewer base64={preview.base64} title={preview.title} /> : null}
      </DialogContent>
      <DialogActions>
        <Button startIcon={<DownloadIcon />} onClick={() => preview && onDownload(preview)} disabled={!preview}>
          Télécharger
        </Button>
        <Button startIcon={<PrintIcon />} onClick={() => preview && onPrint(preview)} disabled={!preview || busy}>
          {preview && preview.copies > 1 ? `Imprimer (${preview.copies} exemplaires originaux)` : 'Imprimer'}
        </Button>
        <Button onClick={onClose} variant="contained">
          Fermer
        </Button>
      </DialogActions>
    </Dialog>
  );
}
