/**
 * Data protection (RGPD): the retention rules, the dossiers due for anonymisation and their purge, the right of access.
 * Drafts' retention is the foundation's (main/services/foundation/drafts.ts).
 */
import type { rgpdMethods } from '../../../shared/api/rgpd';
import type { HandlersFor } from '../../app/types';
import { exportPerson } from './export';
import { purge } from './purge';
import { purgeCandidates, retention } from './retention';

export const rgpdHandlers: HandlersFor<keyof typeof rgpdMethods> = {
  'rgpd.retention': retention,
  'rgpd.purgeCandidates': purgeCandidates,
  'rgpd.purge': purge,
  'rgpd.exportPerson': exportPerson,
};
