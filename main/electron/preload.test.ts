import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, PRELOAD_GLOBAL } from '../../shared/api/transport';

const mocks = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (_channel: string, request: unknown) => ({ ok: true, value: request })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: mocks.exposeInMainWorld },
  ipcRenderer: { invoke: mocks.invoke, send: vi.fn(), on: vi.fn() },
}));

describe('preload', () => {
  it('exposes exactly one function, invoke, under the preload global', async () => {
    await import('./preload');
    expect(mocks.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = mocks.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe(PRELOAD_GLOBAL);
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
  });

  it('invoke sends the envelope on the single IPC channel and returns the answer', async () => {
    await import('./preload');
    const [, api] = mocks.exposeInMainWorld.mock.calls[0] as [string, { invoke: (r: unknown) => Promise<unknown> }];
    const request = { method: 'auth.me', input: {}, session: 's' };
    await expect(api.invoke(request)).resolves.toEqual({ ok: true, value: request });
    expect(mocks.invoke).toHaveBeenCalledWith(IPC_CHANNEL, request);
  });
});
