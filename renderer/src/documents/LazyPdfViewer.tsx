import { lazy, Suspense } from 'react';
import Typography from '@mui/material/Typography';
import type { PdfViewerProps } from './PdfViewer';

const Viewer = lazy(() => import('./PdfViewer'));

/** The PDF viewer, loaded on first use (pdf.js is large). */
export function LazyPdfViewer(props: PdfViewerProps) {
  return (
    <Suspense fallback={<Typography role="status">Chargement de la visionneuse…</Typography>}>
      <Viewer {...props} />
    </Suspense>
  );
}
