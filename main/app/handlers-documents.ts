import type { documentsMethods } from '../../shared/api/documents';
import * as documents from '../services/documents';
import type { HandlersFor } from './handlers';

/** Printed documents → their service. */
export const documentsHandlers: HandlersFor<keyof typeof documentsMethods> = {
  'documents.list': documents.list,
  'documents.printable': documents.printable,
  'documents.get': documents.get,
  'documents.generate': documents.generate,
  'documents.print': documents.print,
  'documents.printSupport': documents.printSupport,
};
