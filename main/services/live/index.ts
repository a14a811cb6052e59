/** Live events' polling fallback (issue 14 §4): the latest sequence number the caller may see. */
import type { liveMethods } from '../../../shared/api/live';
import type { HandlersFor } from '../../app/types';

export const liveHandlers: HandlersFor<keyof typeof liveMethods> = {
  'live.poll': (_input, call) => ({
    seq: call.app.live.latestFor({ userId: call.actor.id, mdsId: call.actor.mdsId, partner: call.actor.partner }),
  }),
};
