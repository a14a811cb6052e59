/** Équipe pluridisciplinaire: reference data, queue, sessions, avis, decisions and their effects, the data of its documents. */
import type { epMethods } from '../../../shared/api/ep';
import type { HandlersFor } from '../../app/types';
import * as decisions from './decisions';
import * as documents from './documents';
import * as reference from './reference';
import * as sessions from './sessions';

export { accessibleSession, loadSessionData } from './common';
export { decisionLetter } from './decisions';
export { cancellationData, convocations, minutes, sessionFileData } from './documents';
export { cancelSession } from './sessions';

export const epHandlers: HandlersFor<keyof typeof epMethods> = {
  'ep.get': reference.get,
  'ep.save': reference.save,
  'ep.addMember': reference.addMember,
  'ep.updateMember': reference.updateMember,
  'ep.removeMember': reference.removeMember,
  'ep.queue': sessions.queue,
  'ep.sessions.list': sessions.list,
  'ep.sessions.get': sessions.get,
  'ep.sessions.create': sessions.create,
  'ep.sessions.update': sessions.update,
  'ep.sessions.addSaisines': sessions.addSaisines,
  'ep.sessions.assignSlots': sessions.assignSlots,
  'ep.sessions.setSlot': sessions.setSlot,
  'ep.sessions.removeItem': sessions.removeItem,
  'ep.sessions.advance': sessions.advance,
  'ep.sessions.convocations': documents.convocations,
  'ep.sessions.file': documents.file,
  'ep.sessions.recordAttendance': sessions.recordAttendance,
  'ep.sessions.recordAvis': sessions.recordAvis,
  'ep.sessions.minutes': documents.minutes,
  'ep.sessions.recordDecision': decisions.recordDecision,
  'ep.sessions.decisionLetter': decisions.decisionLetter,
  'ep.outcomesForDossier': decisions.outcomesForDossier,
  'ep.sanctionsForDossier': decisions.sanctionsForDossier,
};
