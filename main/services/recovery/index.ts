/** The recovery key and the key slots seen from the accounts (orphan slots, accounts without a slot). */
import type { recoveryMethods } from '../../../shared/api/recovery';
import type { HandlersFor } from '../../app/types';
import * as recovery from './recovery';
import * as sheet from './sheet';
import * as slots from './slots';

export { issueRecoveryKey } from './sheet';

export const recoveryHandlers: HandlersFor<keyof typeof recoveryMethods> = {
  'recovery.status': recovery.status,
  'recovery.sheet': sheet.sheet,
  'recovery.regenerate': recovery.regenerate,
  'recovery.restoreAccess': recovery.restoreAccess,
  'users.orphanSlots': slots.orphanSlots,
  'users.removeOrphanSlot': slots.removeOrphanSlot,
  'users.withoutKey': slots.withoutKey,
  'users.setPassword': slots.setPassword,
};
