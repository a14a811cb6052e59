/**
 * Dossier section « Documents »: what the dossier can print (contracts, fiches de liaison and answers, EDE,
 * DSP) with « Aperçu », « Archiver » and « Imprimer », and the archive of its final documents with « Aperçu »,
 * « Télécharger » and « Imprimer ». A final document is archived once: archiving it again reprints the
 * archived version.
 */
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { Printable } from '../../../shared/api/documents';
import { useApiQuery } from '../api/ApiContext';
import { documentPaths } from './paths';
import { formatSize } from './pdfFiles';
import { PreviewDialog } from './PreviewDialog';
import { useDocumentActions } from './useDocumentActions';
import { formatDate, formatDateTime } from '../../../shared/domain/format';
import { ScrollTable } from '../kit/ScrollRegion';

export interface DossierDocumentsSectionProps {
  personId: number;
}

function PrintableActions({
  item,
  archivedAt,
  busy,
  actions,
  onArchived,
}: {
  item: Printable;
  /** When its latest final version was archived, null when none is. */
  archivedAt: string | null;
  busy: boolean;
  actions: ReturnType<typeof useDocumentActions>;
  onArchived: () => void;
}) {
  const archive = (
    <span>
      <Button
        size="small"
        disabled={busy || item.finalBlocker !== null}
        onClick={async () => {
          const doc = await actions.archive(item.kind, item.sourceId);
          if (doc) onArchived();
        }}
        aria-label={`Archiver la version définitive : ${item.title}`}
      >
        Archiver
      </Button>
    </span>
  );
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Button size="small" disabled={busy} onClick={() => void actions.previewDraft(item.kind, item.sourceId, item.title, archivedAt)} aria-label={`Aperçu : ${item.title}`}>
        Aperçu
      </Button>
      {item.finalBlocker ? <Tooltip title={item.finalBlocker}>{archive}</Tooltip> : archive}
    </Stack>
  );
}

export function DossierDocumentsSection({ personId }: DossierDocumentsSectionProps) {
  const printable = useApiQuery('documents.printable', { personId });
  const archived = useApiQuery('documents.list', { personId });
  const actions = useDocumentActions();
  const reload = () => {
    printable.reload();
    archived.reload();
  };
  const error = printable.error ?? archived.error;

  return (
    <Box>
      {error ? (
        <Alert severity="error" role="alert" action={<Button color="inherit" onClick={reload}>Réessayer</Button>}>
          {error.message}
        </Alert>
      ) : null}

      <Typography variant="h3" component="h3" sx={{ fontSize: '1.05rem', fontWeight: 600, mt: 1 }}>
        À imprimer
      </Typography>
      {!printable.data ? (
        printable.error ? null : <Typography role="status">Chargement des documents…</Typography>
      ) : printable.data.length === 0 ? (
        <Typography color="text.secondary">Rien à imprimer pour l’instant : ni contrat, ni fiche de liaison, ni EDE, ni DSP.</Typography>
      ) : (
        <ScrollTable label="Documents à imprimer" size="small">
          <TableHead>
            <TableRow>
              <TableCell>Document</TableCell>
              <TableCell>Date</TableCell>
              <TableCell>Version archivée</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {printable.data.map((item) => (
              <TableRow key={`${item.kind}-${item.sourceId}`}>
                <TableCell>
                  {item.title}
                  <Typography variant="body2" color="text.secondary">
                    {item.kindLabel}
                  </Typography>
                </TableCell>
                <TableCell>{formatDate(item.date)}</TableCell>
                <TableCell>
                  {item.latestDocumentId ? (
                    <Link component={RouterLink} to={documentPaths.preview(personId, item.latestDocumentId)}>
                      Voir la version archivée
                    </Link>
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      Aucune
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <PrintableActions
                    item={item}
                    archivedAt={archived.data?.find((d) => d.id === item.latestDocumentId)?.createdAt ?? null}
                    busy={actions.busy}
                    actions={actions}
                    onArchived={reload}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}

      <Typography variant="h3" component="h3" sx={{ fontSize: '1.05rem', fontWeight: 600, mt: 3 }}>
        Documents archivés
      </Typography>
      {!archived.data ? (
        archived.error ? null : <Typography role="status">Chargement des documents archivés…</Typography>
      ) : archived.data.length === 0 ? (
        <Typography color="text.secondary">Aucun document définitif n’est encore archivé dans ce dossier.</Typography>
      ) : (
        <ScrollTable label="Documents archivés" size="small">
          <TableHead>
            <TableRow>
              <TableCell>Document</TableCell>
              <TableCell>Établi le</TableCell>
              <TableCell>Par</TableCell>
              <TableCell>Pages</TableCell>
              <TableCell>Empreinte (SHA-256)</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {archived.data.map((doc) => (
              <TableRow key={doc.id}>
                <TableCell>
                  <Link component={RouterLink} to={documentPaths.preview(personId, doc.id)}>
                    {doc.title}
                  </Link>
                  <Typography variant="body2" color="text.secondary">
                    {doc.kindLabel} – {formatSize(doc.size)}
                  </Typography>
                </TableCell>
                <TableCell>{formatDateTime(doc.createdAt)}</TableCell>
                <TableCell>{doc.createdBy}</TableCell>
                <TableCell>{doc.pageCount}</TableCell>
                <TableCell>
                  <Tooltip title={doc.sha256}>
                    <Box component="code" sx={{ fontSize: '0.8rem' }}>{`${doc.sha256.slice(0, 12)}…`}</Box>
                  </Tooltip>
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    <Button size="small" disabled={actions.busy} onClick={() => void actions.previewArchived(doc)} aria-label={`Aperçu : ${doc.title}`}>
                      Aperçu
                    </Button>
                    <Button
                      size="small"
                      disabled={actions.busy}
                      aria-label={`Télécharger : ${doc.title}`}
                      onClick={() => void actions.downloadArchived(doc)}
                    >
                      Télécharger
                    </Button>
                    <Button size="small" disabled={actions.busy} aria-label={`Imprimer : ${doc.title}`} onClick={() => void actions.printArchived(doc)}>
                      Imprimer
                    </Button>
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}

      <PreviewDialog
        preview={actions.preview}
        busy={actions.busy}
        onClose={() => actions.setPreview(null)}
        onDownload={actions.download}
        onPrint={(p) => void actions.print(p)}
      />
    </Box>
  );
}
