/** Imports (issue 15 §1): see shared/api/imports.ts and main/services/imports/engine.ts. */
import type { importsMethods } from '../../../shared/api/imports';
import type { HandlersFor } from '../../app/types';
import { batches, rejectedFile, rows, sources, toApiBatch } from './batches';
import { importCommunes, list, remove, save } from './communes';
import { apply, cancel, preview, progress, undo } from './engine';

export { createCafDossier, type CafLine } from './caf';
export { cafEngine } from './caf';
export { Communes, Identities, type BatchContext } from './context';
export { engineOf } from './engine';

export const importsHandlers: HandlersFor<keyof typeof importsMethods> = {
  'imports.sources': sources,
  'imports.preview': preview,
  'imports.rows': rows,
  'imports.apply': async (input, call) => toApiBatch(await apply(input.batchId, call)),
  'imports.progress': (input, call) => progress(input.batchId, call),
  'imports.cancel': (input, call) => cancel(input.batchId, call),
  'imports.undo': (input, call) => toApiBatch(undo(input.batchId, call)),
  'imports.rejectedFile': rejectedFile,
  'imports.batches': batches,
  'communes.list': list,
  'communes.save': save,
  'communes.remove': remove,
  'communes.import': importCommunes,
};
