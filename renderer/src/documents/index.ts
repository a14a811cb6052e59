export { DossierDocumentsSection, type DossierDocumentsSectionProps } from './DossierDocumentsSection';
export { DocumentPreviewPage } from './DocumentPreviewPage';
export { documentRoutes } from './routes';
export { documentPaths } from './paths';
export { LazyPdfViewer } from './LazyPdfViewer';
