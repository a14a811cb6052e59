import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_MAX_MS, SessionStore } from './sessions';

const MIN = 60_000;

describe('SessionStore', () => {
  it('ends a session after its idle time', () => {
    const store = new SessionStore(30 * MIN);
    const token = store.create(1, 0);
    expect(store.touch(token, 29 * MIN).status).toBe('ok');
    expect(store.touch(token, 60 * MIN)).toEqual({ status: 'expired', reason: 'idle' });
    expect(store.touch(token, 60 * MIN)).toEqual({ status: 'unknown' });
  });

  it('ends a session at its absolute lifetime however active it is (12 h by default)', () => {
    const store = new SessionStore(30 * MIN);
    const token = store.create(1, 0);
    for (let t = 20 * MIN; t <= DEFAULT_SESSION_MAX_MS; t += 20 * MIN) expect(store.touch(token, t).status).toBe('ok');
    expect(store.peek(token, DEFAULT_SESSION_MAX_MS + 1)).toBeUndefined();
    expect(store.touch(token, DEFAULT_SESSION_MAX_MS + 1)).toEqual({ status: 'expired', reason: 'lifetime' });
  });

  it('sweeps idle and too old sessions, ends every session of a user', () => {
    const store = new SessionStore(30 * MIN, 60 * MIN);
    const old = store.create(1, 0);
    const other = store.create(2, 0);
    const young = store.create(1, 50 * MIN);
    for (let t = 10 * MIN; t <= 60 * MIN; t += 10 * MIN) store.touch(old, t);
    expect(store.sweep(61 * MIN)).toBe(1);
    expect(store.peek(young, 61 * MIN)).toBeDefined();
    expect(store.peek(old, 61 * MIN)).toBeUndefined();
    expect(store.peek(other, 61 * MIN)).toBeUndefined();
    const more = store.create(1, 61 * MIN);
    expect(store.endForUser(1)).toBe(2);
    expect(store.peek(more, 61 * MIN)).toBeUndefined();
  });
});
