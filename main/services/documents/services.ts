/** The documents capability's services, loaded on demand by index.ts (they bring the PDF engine with them). */
export * as documents from './documents';
export { cancel, filePdf, letterPdf } from './ep';
export { personDataPdf, activityReportPdf } from './printed';
export { pageCountOf } from './archive';
