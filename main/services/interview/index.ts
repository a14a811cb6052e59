/** The first interview: DSP, EDE, orientation, droits et devoirs, orientation reference data, dossier summary. */
import type { interviewMethods } from '../../../shared/api/interview';
import type { HandlersFor } from '../../app/types';
import * as droits from './droits';
import * as dsp from './dsp';
import * as ede from './ede';
import * as orientation from './orientation';
import * as preconisations from './preconisations';
import * as referentials from './referentials';
import { summary } from './summary';

export { currentEdeGrid, get as getEde, list as edesOfDossier } from './ede';
export { get as getDspRevision, history as dspHistory } from './dsp';
export { decide as decideOrientation, decisionForDocument } from './orientation';

export const interviewHandlers: HandlersFor<keyof typeof interviewMethods> = {
  'dsp.latest': dsp.latest,
  'dsp.save': dsp.save,
  'dsp.history': dsp.history,
  'dsp.get': dsp.get,
  'dsp.compare': dsp.compare,
  'ede.grid': ede.grid,
  'ede.create': ede.create,
  'ede.list': ede.list,
  'ede.get': ede.get,
  'ede.compare': ede.compare,
  'orientation.proposal': orientation.proposal,
  'orientation.decide': orientation.decide,
  'orientation.preconisations.record': preconisations.record,
  'orientation.preconisations.list': preconisations.list,
  'orientation.awaiting': preconisations.awaiting,
  'orientation.current': orientation.current,
  'orientation.history': orientation.history,
  'droitsDevoirs.get': droits.get,
  'droitsDevoirs.save': droits.save,
  'organismes.list': referentials.organismesList,
  'organismes.create': referentials.organismesCreate,
  'organismes.update': referentials.organismesUpdate,
  'organismes.remove': referentials.organismesRemove,
  'referents.list': referentials.referentsList,
  'referents.create': referentials.referentsCreate,
  'referents.update': referentials.referentsUpdate,
  'referents.remove': referentials.referentsRemove,
  'interview.summary': summary,
};
