import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import { HTTP_EVENTS_PATH } from '../../../shared/api/transport';
import { ApiProvider, useApi, useDataVersion } from '../api/ApiContext';
import { createGuardedClient } from '../api/guardedClient';
import { LIVE_COALESCE_MS, LiveUpdates, type LiveEventSource, type LiveUpdatesProps, type OpenEventSource } from './LiveUpdates';

/** A stand-in EventSource the test drives. */
class FakeSource implements LiveEventSource {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners: ((event: MessageEvent<string>) => void)[] = [];
  constructor(readonly url: string) {}
  addEventListener(_type: 'change', listener: (event: MessageEvent<string>) => void) {
    this.listeners.push(listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  change(seq: number, kind = 'fiche') {
    for (const l of this.listeners) l(new MessageEvent('change', { data: JSON.stringify({ seq, kind }) }));
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

function fakeStreams() {
  const sources: FakeSource[] = [];
  const open: OpenEventSource = (url) => {
    const source = new FakeSource(url);
    sources.push(source);
    return source;
  };
  return { sources, open };
}

/** A client answering `live.poll` with the seq the test sets, and a write that bumps the version. */
function fakeClient(seq: { value: number | ApiError }) {
  const polls: unknown[] = [];
  const client: ApiClient = {
    call: (async (method: string, input: unknown) => {
      if (method === 'live.poll') {
        polls.push(input);
        if (seq.value instanceof ApiError) throw seq.value;
        return { seq: seq.value };
      }
      if (method === 'appointments.cancel') return { ok: true };
      throw new ApiError('UNKNOWN_METHOD', method);
    }) as ApiClient['call'],
    setSession: () => undefined,
    getSession: () => 'jeton',
  };
  return { client, polls };
}

function Probe() {
  const version = useDataVersion();
  const api = useApi();
  return (
    <>
      <output data-testid="version">{version}</output>
      <button type="button" onClick={() => void api.call('appointments.cancel', { appointmentId: 1, version: 1 } as never)}>
        écrire
      </button>
    </>
  );
}

const version = () => Number(screen.getByTestId('version').textContent);
const pause = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

/** LiveUpdates and a probe of the data version, over `client`. */
function mount(client: ApiClient, props: LiveUpdatesProps) {
  return render(
    <ApiProvider client={client}>
      <LiveUpdates {...props} />
      <Probe />
    </ApiProvider>,
  );
}

afterEach(cleanup);

describe('LiveUpdates', () => {
  it('on the MDS server, reads again on each burst of streamed changes (once), ignoring repeated and garbled events', async () => {
    const { client } = fakeClient({ value: 0 });
    const streams = fakeStreams();
    mount(client, { host: 'server', openEvents: streams.open });
    expect(streams.sources).toHaveLength(1);
    const source = streams.sources[0]!;
    expect(source.url).toBe(HTTP_EVENTS_PATH);
    act(() => {
      source.open();
      source.change(1);
      source.change(2, 'contrat');
      source.change(3, 'ep');
    });
    await waitFor(() => expect(version()).toBe(1));
    await pause(LIVE_COALESCE_MS * 2);
    expect(version()).toBe(1);

    act(() => {
      source.change(3);
      for (const l of (source as unknown as { listeners: ((e: MessageEvent<string>) => void)[] }).listeners) {
        l(new MessageEvent('change', { data: 'pas du json' }));
      }
    });
    await pause(LIVE_COALESCE_MS * 2);
    expect(version()).toBe(1);

    act(() => source.change(4, 'rendez-vous'));
    await waitFor(() => expect(version()).toBe(2));
    act(() => source.change(1)); // the server started again: its numbering too
    await waitFor(() => expect(version()).toBe(3));
  });

  it('does not read twice when this window wrote after the event (its own write already re-read)', async () => {
    const { client } = fakeClient({ value: 0 });
    const streams = fakeStreams();
    mount(client, { host: 'server', openEvents: streams.open });
    const source = streams.sources[0]!;
    act(() => source.change(1));
    act(() => screen.getByRole('button', { name: 'écrire' }).click());
    await waitFor(() => expect(version()).toBe(1));
    await pause(LIVE_COALESCE_MS * 2);
    expect(version()).toBe(1);
  });

  it('re-reads after the stream comes back from a cut, and polls once the stream is refused', async () => {
    const seq = { value: 5 as number | ApiError };
    const { client, polls } = fakeClient(seq);
    const streams = fakeStreams();
    const { unmount } = mount(client, { host: 'server', openEvents: streams.open, pollMs: 40 });
    const source = streams.sources[0]!;
    act(() => source.open());
    act(() => source.fail(false)); // the browser retries by itself
    act(() => source.open());
    await waitFor(() => expect(version()).toBe(1));
    expect(polls).toHaveLength(0);

    act(() => {
      source.change(5);
      source.fail(true); // e.g. 401: the session ended, or no stream here
    });
    expect(source.closed).toBe(true);
    await waitFor(() => expect(version()).toBe(2)); // seq 5 streamed
    await waitFor(() => expect(polls.length).toBeGreaterThan(0));
    expect(polls[0]).toEqual({ after: 5 });
    await pause(200);
    expect(version()).toBe(2); // the server is still at 5
    act(() => {
      seq.value = 9;
    });
    await waitFor(() => expect(version()).toBe(3));
    unmount();
    const count = polls.length;
    await pause(150);
    expect(polls.length).toBe(count);
  });

  it('on the local browser-mode host (one desk, nobody else writes) neither streams nor polls', async () => {
    const { client, polls } = fakeClient({ value: 3 });
    const streams = fakeStreams();
    mount(client, { host: 'local', pollMs: 20 });
    await pause(150);
    expect(polls).toHaveLength(0);
    expect(streams.sources).toHaveLength(0);
  });

  it('polling: a number grown by this window’s own write (already re-read) causes no second re-read', async () => {
    const seq = { value: 4 as number | ApiError };
    const { client, polls } = fakeClient(seq);
    mount(client, { host: 'electron', pollMs: 60 });
    await waitFor(() => expect(polls.length).toBeGreaterThan(0));
    // This window writes (its client bumps the version once), and the server's number moves with it.
    act(() => {
      seq.value = 5;
      screen.getByRole('button', { name: 'écrire' }).click();
    });
    await waitFor(() => expect(version()).toBe(1));
    const after = polls.length;
    await waitFor(() => expect(polls.length).toBeGreaterThan(after + 1));
    expect(version()).toBe(1);
    // Another desk's change, later: read again.
    seq.value = 6;
    await waitFor(() => expect(version()).toBe(2));
  });

  it('in Electron polls live.poll through the typed client: the first answer is the baseline', async () => {
    const seq = { value: 12 as number | ApiError };
    const { client, polls } = fakeClient(seq);
    const streams = fakeStreams();
    mount(client, { host: 'electron', pollMs: 30 });
    await waitFor(() => expect(polls.length).toBeGreaterThan(2));
    expect(streams.sources).toHaveLength(0);
    expect(polls[0]).toEqual({ after: 0 });
    expect(version()).toBe(0);
    seq.value = 13;
    await waitFor(() => expect(version()).toBe(1));
    expect(polls.at(-1)).toEqual({ after: 13 });
  });

  it('a session that ended is noticed by the polling: the guarded client sends the user to the login screen', async () => {
    const seq = { value: 1 as number | ApiError };
    const { client } = fakeClient(seq);
    const lost = vi.fn();
    const guarded = createGuardedClient(client, lost);
    render(
      <ApiProvider client={guarded}>
        <LiveUpdates host="electron" pollMs={30} />
      </ApiProvider>,
    );
    await pause(80);
    expect(lost).not.toHaveBeenCalled();
    seq.value = new ApiError('UNAUTHENTICATED', 'Votre session a pris fin.');
    await waitFor(() => expect(lost).toHaveBeenCalled());
  });
});
