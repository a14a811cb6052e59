import type { RouteObject } from 'react-router';
import { lazyElement } from '../kit/lazyRoute';

/** Routes of the document screens (children of the app layout), loaded when first opened. */
export const documentRoutes: RouteObject[] = [
  { path: 'beneficiaires/:personId/documents/:documentId', ...lazyElement(() => import('./DocumentPreviewPage'), (m) => <m.DocumentPreviewPage />) },
];
