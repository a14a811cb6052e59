import type { MethodInput, MethodName } from '../../../../shared/api/contract';

/** The writes of the session page: each returns the session. */
export type SessionWrite = Extract<
  MethodName,
  | 'ep.sessions.advance'
  | 'ep.sessions.addSaisines'
  | 'ep.sessions.assignSlots'
  | 'ep.sessions.setSlot'
  | 'ep.sessions.removeItem'
  | 'ep.sessions.recordAttendance'
  | 'ep.sessions.recordAvis'
  | 'ep.sessions.recordDecision'
>;
/** Runs a write that returns the session; throws the ApiError for the caller's form. */
export type RunSessionWrite = <M extends SessionWrite>(method: M, input: MethodInput<M>, done?: string) => Promise<void>;
