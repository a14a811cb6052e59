import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { AppContext, type AuthedCall } from '../services/context';
import { dispatch } from './dispatcher';
import { handlers } from './handlers';
import type { Handlers } from './types';

let dir: string;
let app: AppContext;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'parcours-dispatch-'));
  app = new AppContext({
    dataDir: dir,
    migrationsFolder: undefined,
    now: () => new Date('2026-01-01T00:00:00Z'),
    sleep: async () => undefined,
    appVersion: 'test',
    sessionIdleMs: 60_000,
    printer: null,
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const withStatus = (status: Handlers['app.status']): Handlers => ({ ...handlers, 'app.status': status });

describe('dispatch', () => {
  it('refuses malformed envelopes', async () => {
    for (const request of [null, undefined, 'app.status', 42, [], {}, { method: 7, input: {} }, { method: '', input: {} }, { method: 'app.status', input: {}, session: 12 }]) {
      const response = await dispatch(app, request);
      expect(response, JSON.stringify(request)).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: 'Requête invalide : elle doit nommer une méthode et, le cas échéant, une session.' },
      });
    }
  });

  it('refuses unknown methods, including inherited property names', async () => {
    for (const method of ['dossiers.drop', 'toString', '__proto__', 'constructor']) {
      const response = await dispatch(app, { method, input: {} });
      expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      if (!response.ok) expect(response.error.message).toContain('Méthode inconnue');
    }
  });

  it('validates the input before calling the service', async () => {
    const status = vi.fn(handlers['app.status']);
    const response = await dispatch(app, { method: 'app.status', input: { extra: 1 } }, withStatus(status));
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(status).not.toHaveBeenCalled();
  });

  it('serves a valid call through the output schema', async () => {
    const response = await dispatch(app, { method: 'app.status', input: {} });
    expect(response).toEqual({ ok: true, value: { initialized: false, mds: null, appVersion: 'test', schemaVersion: expect.any(Number) } });
  });

  it('strips what the output schema does not declare', async () => {
    const leaky = (() => ({ initialized: false, mds: null, appVersion: 'x', schemaVersion: 1, secret: 'clé' })) as Handlers['app.status'];
    const response = await dispatch(app, { method: 'app.status', input: {} }, withStatus(leaky));
    expect(response).toEqual({ ok: true, value: { initialized: false, mds: null, appVersion: 'x', schemaVersion: 1 } });
  });

  it('an output that breaks the contract is an INTERNAL error, logged, not sent', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = (() => ({ initialized: 'oui' })) as unknown as Handlers['app.status'];
    const response = await dispatch(app, { method: 'app.status', input: {} }, withStatus(broken));
    expect(response).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(response)).not.toContain('oui');
    expect(log).toHaveBeenCalled();
  });

  it('an unexpected exception is INTERNAL with a generic French message; an ApiError passes through', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const crash = (() => {
      throw new Error('SQLITE_IOERR /chemin/secret');
    }) as Handlers['app.status'];
    const response = await dispatch(app, { method: 'app.status', input: {} }, withStatus(crash));
    expect(response).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/erreur inattendue/) } });
    expect(JSON.stringify(response)).not.toContain('secret');
    expect(log).toHaveBeenCalledTimes(1);

    const refusal = (() => {
      throw new ApiError('RULE', 'Règle métier', { champ: 'Message' });
    }) as Handlers['app.status'];
    expect(await dispatch(app, { method: 'app.status', input: {} }, withStatus(refusal))).toEqual({
      ok: false,
      error: { code: 'RULE', message: 'Règle métier', fieldErrors: { champ: 'Message' } },
    });
  });

  it('checks the session before the input of a protected method', async () => {
    const response = await dispatch(app, { method: 'users.create', input: { login: 1 } });
    expect(response).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('dispatch: `writes` decides how a call reaches the database', () => {
  let session: string;
  const admin = { login: 'admin', displayName: 'Alice Admin', structure: 'Conseil départemental', password: 'admin-mot-de-passe-1' };
  const draftCount = () => (app.workspace.current!.sqlite.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n;
  const writeDraft = (call: AuthedCall, key: string) =>
    call.open.sqlite.prepare('INSERT INTO drafts (user_id, key, data_json, updated_at) VALUES (?, ?, ?, ?)').run(call.actor.id, key, '{}', '2026-01-01T00:00:00Z');

  beforeEach(async () => {
    const mds = { name: 'MDS de Test', territory: 'Test' };
    expect(await dispatch(app, { method: 'setup.create', input: { mds, admin } })).toEqual({ ok: true, value: { ok: true, recovery: expect.objectContaining({ recoveryKey: expect.any(String) }) } });
    const login = await dispatch(app, { method: 'auth.login', input: { login: admin.login, password: admin.password } });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    session = (login.value as { session: string }).session;
  });
  afterEach(() => app.workspace.close());

  it('a method declared read-only gets a connection that cannot write: the write fails, nothing is stored', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(api['users.list'].writes).toBe(false);
    let seen: { readonly: boolean; inTransaction: boolean } | undefined;
    const sneaky = ((_input, call) => {
      seen = { readonly: call.open.sqlite.readonly, inTransaction: call.open.sqlite.inTransaction };
      writeDraft(call, 'lecture');
      return [];
    }) as Handlers['users.list'];
    const response = await dispatch(app, { method: 'users.list', input: {}, session }, { ...handlers, 'users.list': sneaky });
    expect(seen).toEqual({ readonly: true, inTransaction: false });
    expect(response).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(draftCount()).toBe(0);
  });

  it('a write method runs in one transaction: committed when it succeeds, rolled back whole when it fails', async () => {
    expect(api['drafts.save'].writes).toBe(true);
    const failing = (async (_input, call) => {
      expect(call.open.sqlite.inTransaction).toBe(true);
      writeDraft(call, 'un');
      await Promise.resolve();
      writeDraft(call, 'deux');
      throw new ApiError('RULE', 'Refusé après deux écritures.');
    }) as Handlers['drafts.save'];
    const refused = await dispatch(app, { method: 'drafts.save', input: { key: 'k', data: {} }, session }, { ...handlers, 'drafts.save': failing });
    expect(refused).toEqual({ ok: false, error: { code: 'RULE', message: 'Refusé après deux écritures.' } });
    expect(draftCount()).toBe(0);
    expect(app.workspace.current!.sqlite.inTransaction).toBe(false);
    expect(await dispatch(app, { method: 'drafts.save', input: { key: 'k', data: { a: 1 } }, session })).toEqual({ ok: true, value: { ok: true } });
    expect(draftCount()).toBe(1);
  });

  it('write calls run one after the other', async () => {
    const order: string[] = [];
    const slow = (async (input, call) => {
      order.push(`début ${input.key}`);
      writeDraft(call, input.key);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`fin ${input.key}`);
      return { ok: true };
    }) as Handlers['drafts.save'];
    const withSlow = { ...handlers, 'drafts.save': slow };
    const calls = ['a', 'b'].map((key) => dispatch(app, { method: 'drafts.save', input: { key, data: {} }, session }, withSlow));
    expect(await Promise.all(calls)).toEqual([{ ok: true, value: { ok: true } }, { ok: true, value: { ok: true } }]);
    expect(order).toEqual(['début a', 'fin a', 'début b', 'fin b']);
    expect(draftCount()).toBe(2);
  });
});


describe('dispatch: live events after the COMMIT of a data-changing write', () => {
  let session: string;
  const admin = { login: 'admin', displayName: 'Alice Admin', structure: 'Conseil départemental', password: 'admin-mot-de-passe-1' };
  const committedDrafts = () => (app.workspace.reader!.sqlite.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n;

  beforeEach(async () => {
    await dispatch(app, { method: 'setup.create', input: { mds: { name: 'MDS de Test', territory: 'Test' }, admin } });
    const login = await dispatch(app, { method: 'auth.login', input: { login: admin.login, password: admin.password } });
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    session = (login.value as { session: string }).session;
  });
  afterEach(() => app.workspace.close());

  it('publishes once the write is committed, never for a refused or rolled back one, nor for a draft', async () => {
    const seen: { kind: string; mdsIds: number[]; userIds: number[]; committed: number }[] = [];
    app.live.subscribe((event) => seen.push({ kind: event.kind, mdsIds: event.mdsIds, userIds: event.userIds, committed: committedDrafts() }));
    const writeDraft = (call: AuthedCall) =>
      call.open.sqlite.prepare('INSERT INTO drafts (user_id, key, data_json, updated_at) VALUES (?, ?, ?, ?)').run(call.actor.id, `k${Math.random()}`, '{}', '2026-01-01T00:00:00Z');
    const failing = ((_input, call) => {
      writeDraft(call);
      throw new ApiError('RULE', 'Refusé après une écriture.');
    }) as Handlers['mds.update'];
    const input = { name: 'MDS du Ternois' };
    expect(await dispatch(app, { method: 'mds.update', input, session }, { ...handlers, 'mds.update': failing })).toMatchObject({ ok: false });
    expect(await dispatch(app, { method: 'mds.update', input: { name: '' }, session })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(app, { method: 'drafts.save', input: { key: 'k', data: {} }, session })).toMatchObject({ ok: true });
    expect(seen).toEqual([]);

    const writing = ((parsed, call) => {
      writeDraft(call);
      return handlers['mds.update'](parsed, call);
    }) as Handlers['mds.update'];
    expect(await dispatch(app, { method: 'mds.update', input, session }, { ...handlers, 'mds.update': writing })).toMatchObject({ ok: true });
    // The listener already saw the write committed (the read-only connection shows only committed data).
    expect(seen).toEqual([{ kind: 'compte', mdsIds: [1], userIds: [1], committed: 2 }]);
  });
});
