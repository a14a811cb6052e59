import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { AppContext } from '../services/context';
import { dispatch } from './dispatcher';
import { handlers, type Handlers } from './handlers';

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
