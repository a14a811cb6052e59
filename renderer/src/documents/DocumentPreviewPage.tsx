/**
 * Screen « Aperçu d’un document archivé » (route `beneficiaires/:personId/documents/:documentId`): the PDF as
 * archived, with « Télécharger », « Imprimer » and the way back to the dossier.
 */
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { useApiQuery } from '../api/ApiContext';
import { Page } from '../kit/Page';
import { LazyPdfViewer } from './LazyPdfViewer';
import { useDocumentActions } from './useDocumentActions';
import { formatDateTime, plural } from '../../../shared/domain/format';

const idOf = (value: string | undefined): number | null => (value && /^\d+$/.test(value) ? Number(value) : null);

export function DocumentPreviewPage() {
  const params = useParams();
  const personId = idOf(params.personId);
  const documentId = idOf(params.documentId);
  const file = useApiQuery('documents.get', { id: documentId ?? 0 }, { enabled: documentId !== null });
  const actions = useDocumentActions();
  const back = personId === null ? '/beneficiaires' : `/beneficiaires/${personId}`;
  const doc = file.data?.document;

  if (documentId === null) {
    return (
      <Page title="Document introuvable">
        <Alert severity="error">Ce document est introuvable.</Alert>
      </Page>
    );
  }
  return (
    <Page
      title={doc ? doc.title : 'Document'}
      subtitle={
        doc ? (
          <Typography color="text.secondary">
            {`${doc.kindLabel} – établi le ${formatDateTime(doc.createdAt)} par ${doc.createdBy} – ${plural(doc.pageCount, 'page', 'pages')} – empreinte SHA-256 ${doc.sha256}`}
          </Typography>
        ) : null
      }
      actions={
        <>
          <Button component={RouterLink} to={back} startIcon={<ArrowBackIcon />}>
            Retour au dossier
          </Button>
          <Button
            startIcon={<DownloadIcon />}
            disabled={!file.data}
            onClick={() => file.data && actions.download({ base64: file.data.base64, fileName: file.data.fileName })}
          >
            Télécharger
          </Button>
          <Button
            variant="contained"
            startIcon={<PrintIcon />}
            disabled={!file.data || actions.busy}
            onClick={() =>
              file.data && void actions.print({ target: { id: documentId }, base64: file.data.base64, fileName: file.data.fileName, copies: file.data.copies })
            }
          >
            {file.data && file.data.copies > 1 ? `Imprimer (${file.data.copies} exemplaires originaux)` : 'Imprimer'}
          </Button>
        </>
      }
    >
      {file.error ? (
        <Alert severity="error" role="alert">
          {file.error.message}
        </Alert>
      ) : !file.data ? (
        <Typography role="status">Chargement du document…</Typography>
      ) : (
        <LazyPdfViewer base64={file.data.base64} title={file.data.document.title} />
      )}
    </Page>
  );
}
