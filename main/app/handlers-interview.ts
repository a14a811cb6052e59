import type { interviewMethods } from '../../shared/api/interview';
import * as droits from '../services/interview-droits';
import * as dsp from '../services/interview-dsp';
import * as ede from '../services/interview-ede';
import * as orientation from '../services/interview-orientation';
import * as referentials from '../services/interview-referentials';
import { summary } from '../services/interview-summary';
import type { HandlersFor } from './handlers';

/** The first interview: DSP, EDE, orientation, droits et devoirs, orientation reference data, dossier summary. */
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
