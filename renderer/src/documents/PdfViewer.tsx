/**
 * PDF preview with pdf.js (react-pdf): one page at a time, page navigation and zoom from the toolbar or the
 * keyboard (← → / Page précédente, Page suivante; + − / zoom; Début, Fin), French labels, the page's text
 * layer kept for selection and screen readers. Loaded lazily (LazyPdfViewer): pdf.js stays out of the first
 * screen and of the unit tests.
 */
import { Suspense, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Document, Page, pdfjs } from 'react-pdf';
import 'react-pdf/dist/Page/TextLayer.css';
import 'react-pdf/dist/Page/AnnotationLayer.css';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import FirstPageIcon from '@mui/icons-material/FirstPage';
import LastPageIcon from '@mui/icons-material/LastPage';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import { base64ToBytes } from '../kit/files';
import { ScrollRegion } from '../kit/ScrollRegion';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export interface PdfViewerProps {
  /** The PDF, base64 (as the API returns it). */
  base64: string;
  /** What the PDF is (« CERP n° 12 – DURAND Claire »), for the labels. */
  title: string;
  /** Page width at 100 % (px). */
  width?: number;
}

export default function PdfViewer({ base64, title, width = 760 }: PdfViewerProps) {
  // pdf.js takes the buffer: one copy per document, kept while the document is shown.
  const file = useMemo(() => ({ data: base64ToBytes(base64) }), [base64]);
  const [pages, setPages] = useState(0);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(2);
  const [error, setError] = useState<string | null>(null);
  const live = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setPage(1);
    setPages(0);
    setError(null);
  }, [base64]);

  const go = (p: number) => setPage(Math.min(Math.max(1, p), Math.max(1, pages)));
  const zoomBy = (d: number) => setZoom((z) => Math.min(ZOOM_STEPS.length - 1, Math.max(0, z + d)));
  const scale = ZOOM_STEPS[zoom] ?? 1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => go(page + 1),
      PageDown: () => go(page + 1),
      ArrowLeft: () => go(page - 1),
      PageUp: () => go(page - 1),
      Home: () => go(1),
      End: () => go(pages),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
    };
    const action = keys[e.key];
    if (action && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      action();
    }
  };

  return (
    <Box
      role="region"
      aria-label={`Aperçu : ${title}`}
      aria-roledescription="visionneuse de PDF"
      tabIndex={0}
      onKeyDown={onKeyDown}
      sx={{ outline: 'none', '&:focus-visible': { boxShadow: (t) => `0 0 0 3px ${t.palette.primary.main}` } }}
    >
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }} role="toolbar" aria-label="Navigation et zoom">
        <Tooltip title="Première page">
          <span>
            <IconButton aria-label="Première page" onClick={() => go(1)} disabled={page <= 1}>
              <FirstPageIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Page précédente (←)">
          <span>
            <IconButton aria-label="Page précédente" onClick={() => go(page - 1)} disabled={page <= 1}>
              <ChevronLeftIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Typography ref={live} aria-live="polite" sx={{ minWidth: 110, textAlign: 'center' }}>
          {pages ? `Page ${page} sur ${pages}` : 'Chargement…'}
        </Typography>
        <Tooltip title="Page suivante (→)">
          <span>
            <IconButton aria-label="Page suivante" onClick={() => go(page + 1)} disabled={page >= pages}>
              <ChevronRightIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title="Dernière page">
          <span>
            <IconButton aria-label="Dernière page" onClick={() => go(pages)} disabled={page >= pages}>
              <LastPageIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Box sx={{ width: 16 }} />
        <Tooltip title="Zoom arrière (−)">
          <span>
            <IconButton aria-label="Zoom arrière" onClick={() => zoomBy(-1)} disabled={zoom <= 0}>
              <ZoomOutIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Typography aria-live="polite" sx={{ minWidth: 52, textAlign: 'center' }}>
          {`${Math.round(scale * 100)} %`}
        </Typography>
        <Tooltip title="Zoom avant (+)">
          <span>
            <IconButton aria-label="Zoom avant" onClick={() => zoomBy(1)} disabled={zoom >= ZOOM_STEPS.length - 1}>
              <ZoomInIcon />
            </IconButton>
          </span>
        </Tooltip>
      </Stack>
      {error ? (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      ) : (
        <ScrollRegion aria-label={`Page ${page} du document`} sx={{ bgcolor: 'grey.200', p: 2, display: 'flex', justifyContent: 'center', maxHeight: '75vh' }}>
          {/* Inside the viewer: its state (the PDF's bytes) is kept while pdf.js loads. */}
          <Suspense fallback={<Typography role="status">Chargement du document…</Typography>}>
          <Document
            file={file}
            onLoadSuccess={(doc) => setPages(doc.numPages)}
            onLoadError={() => setError('Le document n’a pas pu être affiché. Téléchargez-le pour l’ouvrir.')}
            loading={<Typography role="status">Chargement du document…</Typography>}
            error={<Typography role="alert">Le document n’a pas pu être affiché.</Typography>}
          >
            <Page pageNumber={page} width={width * scale} renderAnnotationLayer={false} loading={<Typography role="status">Chargement de la page…</Typography>} />
          </Document>
          </Suspense>
        </ScrollRegion>
      )}
    </Box>
  );
}
