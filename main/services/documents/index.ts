/**
 * Printed documents: a dossier's (DSP, EDE, contracts, fiches and answers) and the EP's (convocations, letters,
 * session file, procès-verbal), all archived the same way (sha256, date, author) and printed the same way.
 */
import type { documentsMethods } from '../../../shared/api/documents';
import type { HandlersFor } from '../../app/types';
import * as documents from './documents';
import { filePdf, letterPdf } from './ep';

export type { DocumentPrinter } from '../context';

export const documentsHandlers: HandlersFor<keyof typeof documentsMethods> = {
  'documents.list': documents.list,
  'documents.printable': documents.printable,
  'documents.get': documents.get,
  'documents.generate': documents.generate,
  'documents.print': documents.print,
  'documents.printSupport': documents.printSupport,
  'ep.sessions.filePdf': filePdf,
  'ep.sessions.letterPdf': letterPdf,
};
