import { useEffect } from 'react';
import { HTTP_EVENTS_PATH } from '../../../shared/api/transport';
import { useApi, useDataRefresh } from '../api/ApiContext';
import { rendererHost, type RendererHost } from '../api/transport';

/** Polling period when server-sent events are not available (Electron, the local host, a proxy that cuts them). */
export const LIVE_POLL_MS = 2_000;
/** Events arriving together (a burst of writes) cost one re-read. */
export const LIVE_COALESCE_MS = 250;
/** Errors of the event stream before polling takes over (the browser retries the stream by itself in between). */
export const LIVE_MAX_STREAM_ERRORS = 3;

/** The part of EventSource used here (tests give a fake one). */
export interface LiveEventSource {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: 'change', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type OpenEventSource = (url: string) => LiveEventSource;

const CLOSED = 2;

function defaultOpen(): OpenEventSource | undefined {
  if (typeof EventSource === 'undefined') return undefined;
  return (url) => new EventSource(url) as unknown as LiveEventSource;
}

function seqOf(data: string): number | undefined {
  try {
    const seq = (JSON.parse(data) as { seq?: unknown }).seq;
    return typeof seq === 'number' && Number.isFinite(seq) ? seq : undefined;
  } catch {
    return undefined;
  }
}

export interface LiveUpdatesProps {
  /** Where the renderer runs (default: from the window): only the MDS server streams events. */
  host?: RendererHost;
  /** How to open the event stream (default: the browser's EventSource, when it exists). */
  openEvents?: OpenEventSource | undefined;
  pollMs?: number;
}

/**
 * Live updates of a logged-in desk: what another desk changes (a fiche sent, a contract transmitted, an avis or a
 * decision, a rendez-vous) is read again on this one within 2 seconds, without a reload — screens and navigation
 * badges alike, through the data version (nothing else changes: forms keep what is being typed). In a browser on
 * the MDS server: the server-sent events of `/api/events` (`{"seq","kind"}` only); elsewhere, or when the stream
 * keeps failing: `live.poll` every 2 s. A session that ended shows up there as UNAUTHENTICATED: the guarded
 * client then brings the login screen back.
 */
export function LiveUpdates({ host, openEvents, pollMs = LIVE_POLL_MS }: LiveUpdatesProps) {
  const client = useApi();
  const { refresh, current } = useDataRefresh();
  const where = host ?? rendererHost(window);

  useEffect(() => {
    // The local browser-mode host is one desk: nobody else writes, there is nothing to hear.
    if (where === 'local' && openEvents === undefined) return undefined;
    const open = openEvents ?? (where === 'server' ? defaultOpen() : undefined);
    let stopped = false;
    let lastSeq = 0;
    let seenAt: number | undefined;
    let coalesce: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let source: LiveEventSource | undefined;

    // One re-read for a burst; none if this window bumped the version since the last event (its reads are later).
    const changed = () => {
      seenAt = current();
      if (coalesce !== undefined) return;
      coalesce = setTimeout(() => {
        coalesce = undefined;
        if (!stopped && current() === seenAt) refresh();
      }, LIVE_COALESCE_MS);
    };
    const saw = (seq: number) => {
      if (seq === lastSeq) return;
      // Lower: the server started again (its numbering too); higher: something changed.
      lastSeq = seq;
      changed();
    };

    let baseline = false;
    let versionAtPoll = current();
    const poll = () => {
      if (stopped) return;
      client.call('live.poll', { after: lastSeq }).then(
        ({ seq }) => {
          if (stopped) return;
          // This window wrote since the last poll (its own reads came after): the new number is taken without a
          // second re-read, which would only disturb what is being typed.
          const wroteMeanwhile = current() !== versionAtPoll;
          versionAtPoll = current();
          if (wroteMeanwhile && baseline) lastSeq = seq;
          else if (baseline || lastSeq > 0) saw(seq);
          else lastSeq = seq;
          baseline = true;
          pollTimer = setTimeout(poll, pollMs);
        },
        () => {
          // UNAUTHENTICATED: the guarded client shows the login (this component goes away); otherwise try again.
          if (!stopped) pollTimer = setTimeout(poll, pollMs);
        },
      );
    };

    const stream = (openStream: OpenEventSource) => {
      let errors = 0;
      let opened = false;
      const es = openStream(HTTP_EVENTS_PATH);
      source = es;
      es.onopen = () => {
        // Back after a cut: what changed meanwhile was not streamed.
        if (opened) changed();
        opened = true;
        errors = 0;
      };
      es.addEventListener('change', (event) => {
        const seq = seqOf(event.data);
        if (seq !== undefined) saw(seq);
      });
      es.onerror = () => {
        errors += 1;
        if (es.readyState !== CLOSED && errors < LIVE_MAX_STREAM_ERRORS) return;
        // Refused (a session that ended, no stream on this server) or failing again and again: poll instead.
        es.close();
        source = undefined;
        if (!stopped) poll();
      };
    };

    if (open) stream(open);
    else poll();
    return () => {
      stopped = true;
      clearTimeout(coalesce);
      clearTimeout(pollTimer);
      source?.close();
    };
  }, [client, refresh, current, openEvents, where, pollMs]);

  return null;
}
