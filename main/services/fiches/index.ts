/** Fiches de liaison (request → answer) and the attachments of fiches and contracts. */
import type { fichesMethods } from '../../../shared/api/fiches';
import type { HandlersFor } from '../../app/types';
import * as attachments from './attachments';
import * as fiches from './fiches';

export { create as createFiche, get as getFiche, listForDossier as fichesOfDossier } from './fiches';
export { upload as uploadAttachment } from './attachments';

export const fichesHandlers: HandlersFor<keyof typeof fichesMethods> = {
  'fiches.prefill': fiches.prefill,
  'fiches.listForDossier': fiches.listForDossier,
  'fiches.get': fiches.get,
  'fiches.inbox': fiches.inbox,
  'fiches.emailDraft': fiches.emailDraft,
  'fiches.create': fiches.create,
  'fiches.update': fiches.update,
  'fiches.deleteDraft': fiches.deleteDraft,
  'fiches.send': fiches.send,
  'fiches.answer': fiches.answer,
  'fiches.presidentDecision': fiches.presidentDecision,
  'fiches.close': fiches.close,
  'fiches.structureFeedback': fiches.structureFeedback,
  'attachments.upload': attachments.upload,
  'attachments.list': attachments.list,
  'attachments.download': attachments.download,
  'attachments.delete': attachments.remove,
};
