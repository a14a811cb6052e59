/** Rendez-vous and convocations (see shared/api/appointments.ts). */
import type { appointmentsMethods } from '../../../shared/api/appointments';
import type { HandlersFor } from '../../app/types';
import * as appointments from './appointments';
import * as suspension from './suspension';

export const appointmentsHandlers: HandlersFor<keyof typeof appointmentsMethods> = {
  'appointments.listForDossier': appointments.listForDossier,
  'appointments.plan': appointments.plan,
  'appointments.update': appointments.update,
  'appointments.cancel': appointments.cancel,
  'appointments.recordOutcome': appointments.recordOutcome,
  'appointments.printConvocation': appointments.printConvocation,
  'appointments.suspensionProposal': suspension.suspensionProposal,
  'appointments.acceptSuspension': suspension.acceptSuspension,
};
