/** The documents capability's services, loaded on demand by index.ts (they bring the PDF engine with them). */
export * as documents from './documents';
export { cancel, filePdf, letterPdf } from './ep';
export { personDataPdf } from '../../documents/templates/person-data';
export { activityReportPdf } from '../../documents/templates/activity-report';
export { pageCountOf } from './archive';
