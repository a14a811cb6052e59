/** The desk: « Mon activité », the échéancier across dossiers, the work lists (see shared/api/desk.ts). */
import type { deskMethods } from '../../../shared/api/desk';
import type { HandlersFor } from '../../app/types';
import * as echeancier from './echeancier';
import * as mine from './mine';
import * as worklists from './worklists';

export const deskHandlers: HandlersFor<keyof typeof deskMethods> = {
  'desk.mine': mine.mine,
  'desk.badge': echeancier.badge,
  'echeancier.list': echeancier.list,
  'echeancier.calendar': echeancier.calendar,
  'echeancier.export': echeancier.exportCsv,
  'worklists.list': worklists.list,
};
