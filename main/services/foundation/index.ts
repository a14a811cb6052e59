/** Foundation: first run, sessions, accounts, dossiers, journal, drafts. */
import type { foundationMethods } from '../../../shared/api/contract';
import type { HandlersFor } from '../../app/types';
import * as audit from './audit';
import * as auth from './auth';
import * as dossiers from './dossiers';
import * as drafts from './drafts';
import * as setup from './setup';
import * as users from './users';

export { accessibleDossier, checkDossierAccess, etatCivilOf } from './dossiers';

export const foundationHandlers: HandlersFor<keyof typeof foundationMethods> = {
  'app.status': setup.status,
  'setup.create': setup.setupCreate,
  'auth.login': auth.login,
  'auth.logout': auth.logout,
  'auth.logoutEverywhere': auth.logoutEverywhere,
  'auth.me': auth.me,
  'auth.unlock': auth.unlock,
  'auth.changePassword': auth.changePassword,
  'users.list': users.list,
  'users.create': users.create,
  'users.update': users.update,
  'users.remove': users.remove,
  'users.staff': users.staff,
  'mds.get': setup.mdsGet,
  'mds.update': setup.mdsUpdate,
  'dossiers.search': dossiers.search,
  'dossiers.get': dossiers.get,
  'dossiers.create': dossiers.create,
  'dossiers.update': dossiers.update,
  'audit.forDossier': audit.forDossier,
  'drafts.get': drafts.get,
  'drafts.save': drafts.save,
  'drafts.delete': drafts.remove,
};
