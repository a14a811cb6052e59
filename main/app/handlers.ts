import { appointmentsHandlers } from '../services/appointments';
import { contractsHandlers } from '../services/contracts';
import { deskHandlers } from '../services/desk';
import { documentsHandlers } from '../services/documents';
import { epHandlers } from '../services/ep';
import { fichesHandlers } from '../services/fiches';
import { foundationHandlers } from '../services/foundation';
import { interviewHandlers } from '../services/interview';
import { recoveryHandlers } from '../services/recovery';
import { rgpdHandlers } from '../services/rgpd';
import { backupHandlers } from '../services/backup';
import { statisticsHandlers } from '../services/statistics';
import { exportsHandlers } from '../services/exports';
import { importsHandlers } from '../services/imports';
import { mergeHandlers } from '../services/merge';
import { liveHandlers } from '../services/live';
import type { Handlers } from './types';

export type { CallFor, Handler, Handlers, HandlersFor } from './types';

/**
 * Every method of the contract → its service. Each capability keeps its map in main/services/<capability>/index.ts
 * (typed `HandlersFor<keyof typeof <capability>Methods>`); they are spread here.
 */
export const handlers: Handlers = {
  ...foundationHandlers,
  ...interviewHandlers,
  ...contractsHandlers,
  ...fichesHandlers,
  ...epHandlers,
  ...documentsHandlers,
  ...deskHandlers,
  ...appointmentsHandlers,
  ...rgpdHandlers,
  ...recoveryHandlers,
  ...backupHandlers,
  ...statisticsHandlers,
  ...importsHandlers,
  ...exportsHandlers,
  ...mergeHandlers,
  ...liveHandlers,
};
