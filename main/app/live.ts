/**
 * Live events (issue 14 §4): an in-memory bus. The dispatcher publishes one after the COMMIT of every successful
 * data-changing write (never for a refused or rolled back one); the HTTPS host (main/server/host.ts) relays to each
 * session the events it may see, as `{ seq, kind }` only. `live.poll` answers the latest sequence number a caller may
 * see (polling fallback). Bounded: the bus keeps the latest number per MDS and per user, not the events.
 */
import type { LiveEventKind } from '../../shared/api/live';

export type { LiveEventKind } from '../../shared/api/live';
export { LIVE_EVENT_KINDS } from '../../shared/api/live';

export interface LiveEvent {
  /** Increasing from 1 for the life of the app. */
  seq: number;
  kind: LiveEventKind;
  /** The MDS whose desks are concerned (the actor's). */
  mdsIds: number[];
  /** The users concerned (at least the actor; the référents of the dossiers changed, when known). */
  userIds: number[];
}

/** Who looks: `App.sessionInfo(token)`. */
export interface LiveViewer {
  userId: number;
  mdsId: number;
  /** A partner référent (extranet) sees only the events naming them, not the whole MDS's. */
  partner: boolean;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveEvents {
  /** Calls `listener` for each event published from now on; returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
}

/** Whether this viewer may be told of this event. */
export function eventVisibleTo(event: Pick<LiveEvent, 'mdsIds' | 'userIds'>, viewer: LiveViewer): boolean {
  if (event.userIds.includes(viewer.userId)) return true;
  return !viewer.partner && event.mdsIds.includes(viewer.mdsId);
}

export class LiveBus implements LiveEvents {
  private seq = 0;
  private readonly listeners = new Set<LiveListener>();
  private readonly latestByMds = new Map<number, number>();
  private readonly latestByUser = new Map<number, number>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  publish(kind: LiveEventKind, mdsIds: readonly number[], userIds: readonly number[]): LiveEvent {
    this.seq += 1;
    const event: LiveEvent = { seq: this.seq, kind, mdsIds: [...new Set(mdsIds)], userIds: [...new Set(userIds)] };
    for (const id of event.mdsIds) this.latestByMds.set(id, event.seq);
    for (const id of event.userIds) this.latestByUser.set(id, event.seq);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('[événements] un abonné a échoué', error);
      }
    }
    return event;
  }

  /** The latest sequence number this viewer may see (0: none yet). */
  latestFor(viewer: LiveViewer): number {
    const own = this.latestByUser.get(viewer.userId) ?? 0;
    return viewer.partner ? own : Math.max(own, this.latestByMds.get(viewer.mdsId) ?? 0);
  }
}
