import type { z } from 'zod';
import type { Api, foundationMethods, MethodName, MethodParsedInput } from '../../shared/api/contract';
import * as audit from '../services/audit';
import * as auth from '../services/auth';
import type { AuthedCall, PublicCall } from '../services/context';
import * as dossiers from '../services/dossiers';
import * as drafts from '../services/drafts';
import * as users from '../services/users';
import * as workspace from '../services/workspace';
import { interviewHandlers } from './handlers-interview';
import { contractsHandlers } from './handlers-contracts';
import { fichesHandlers } from './handlers-fiches';
import { epHandlers } from './handlers-ep';
import { documentsHandlers } from './handlers-documents';

/** Public methods get a call whose actor may be null; the others a logged-in actor and an open database. */
export type CallFor<M extends MethodName> = Api[M]['access'] extends 'public' ? PublicCall : AuthedCall;

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  call: CallFor<M>,
) => z.input<Api[M]['output']> | Promise<z.input<Api[M]['output']>>;

export type HandlersFor<K extends MethodName> = { [M in K]: Handler<M> };
export type Handlers = HandlersFor<MethodName>;

/** Foundation methods → their services. */
export const foundationHandlers: HandlersFor<keyof typeof foundationMethods> = {
  'app.status': workspace.status,
  'setup.create': workspace.setupCreate,
  'auth.login': auth.login,
  'auth.logout': auth.logout,
  'auth.me': auth.me,
  'auth.changePassword': auth.changePassword,
  'users.list': users.list,
  'users.create': users.create,
  'users.update': users.update,
  'users.remove': users.remove,
  'users.staff': users.staff,
  'mds.get': workspace.mdsGet,
  'dossiers.search': dossiers.search,
  'dossiers.get': dossiers.get,
  'dossiers.create': dossiers.create,
  'dossiers.update': dossiers.update,
  'audit.forDossier': audit.forDossier,
  'drafts.get': drafts.get,
  'drafts.save': drafts.save,
  'drafts.delete': drafts.remove,
};

/**
 * Every method of the contract → its service. Each capability keeps its map in main/app/handlers-<feature>.ts
 * (typed `HandlersFor<keyof typeof <feature>Methods>`) and spreads it here.
 */
export const handlers: Handlers = {
  ...foundationHandlers,
  ...interviewHandlers,
  ...contractsHandlers,
  ...fichesHandlers,
  ...epHandlers,
  ...documentsHandlers,
};
