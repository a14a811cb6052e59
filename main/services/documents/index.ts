/**
 * Printed documents: a dossier's (DSP, EDE, contracts, fiches and answers) and the EP's (convocations, letters,
 * session file, procès-verbal), all archived the same way (sha256, date, author) and printed the same way.
 *
 * The PDF engine (@react-pdf: pdfkit, fontkit, the templates) is 40 % of the host's start-up: this capability's
 * services are loaded at their first call, or just after the host starts (`preloadDocuments`), never before the
 * login screen.
 */
import type { documentsMethods } from '../../../shared/api/documents';
import type { Handler, HandlersFor } from '../../app/types';
import type { PersonDataSheet } from '../../documents/templates/person-data';
import type { ActivityReport } from '../../documents/templates/activity-report';
import type { DocumentContext } from '../../documents/model';
import type * as Services from './services';

export type { DocumentPrinter } from '../context';

type DocumentsMethod = keyof typeof documentsMethods;

let services: Promise<typeof Services> | undefined;
/** Loads the documents services (once); the host calls it when it listens, so that the first print is not slowed. */
export const preloadDocuments = () => (services ??= import('./services'));

/** The right-of-access PDF (rgpd capability): rendered with the engine loaded on demand, never archived. */
export const renderPersonData = async (sheet: PersonDataSheet, ctx: DocumentContext): Promise<Buffer> => (await preloadDocuments()).personDataPdf(sheet, ctx);

/** The « rapport d’activité » PDF (statistics capability): rendered with the engine loaded on demand, never archived. */
export async function renderActivityReport(report: ActivityReport, ctx: DocumentContext): Promise<{ pdf: Buffer; pageCount: number }> {
  const s = await preloadDocuments();
  const pdf = await s.activityReportPdf(report, ctx);
  return { pdf, pageCount: s.pageCountOf(pdf) };
}

const lazy = <M extends DocumentsMethod>(pick: (s: typeof Services) => Handler<M>): Handler<M> =>
  async (input, call) => (await preloadDocuments().then(pick))(input, call);

export const documentsHandlers: HandlersFor<DocumentsMethod> = {
  'documents.list': lazy((s) => s.documents.list),
  'documents.printable': lazy((s) => s.documents.printable),
  'documents.get': lazy((s) => s.documents.get),
  'documents.generate': lazy((s) => s.documents.generate),
  'documents.print': lazy((s) => s.documents.print),
  'documents.printSupport': lazy((s) => s.documents.printSupport),
  'ep.sessions.filePdf': lazy((s) => s.filePdf),
  'ep.sessions.letterPdf': lazy((s) => s.letterPdf),
  'ep.sessions.cancel': lazy((s) => s.cancel),
};
