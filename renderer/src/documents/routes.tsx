import type { RouteObject } from 'react-router';
import { DocumentPreviewPage } from './DocumentPreviewPage';

/** Routes of the document screens (children of the app layout). */
export const documentRoutes: RouteObject[] = [{ path: 'beneficiaires/:personId/documents/:documentId', element: <DocumentPreviewPage /> }];
