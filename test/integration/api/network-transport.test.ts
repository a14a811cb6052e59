import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteApp } from '../../../main/client/remote';
import { ADMIN, setupInput, startHarness, type Harness } from './harness';

/**
 * The harness's network transport (`npm run test:network` runs the role tests through it): the App behind the server
 * mode's HTTPS host on 127.0.0.1, called by the desktop client with its certificate pinned and a bearer session.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ transport: 'network' });
});
afterAll(async () => {
  await h.dispose();
});

describe('API harness over the network', () => {
  it('serves the App over HTTPS on 127.0.0.1 and carries the session as a bearer, across a restart of the App', async () => {
    expect(h.transport).toBe('network');
    expect(h.networkUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    await h.ok('setup.create', setupInput);
    const { session, user } = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    // The desktop client gets the real token (no cookie), and the server finds the session from its bearer header.
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await h.ok('auth.me', {}, session)).toMatchObject({ id: user.id, login: ADMIN.login });
    await h.err('auth.me', {}, 'UNAUTHENTICATED');
    await h.err('auth.me', {}, 'UNAUTHENTICATED', 'jeton-inconnu');
    // The host keeps serving whichever App the harness holds now.
    await h.restart();
    await h.err('auth.me', {}, 'UNAUTHENTICATED', session);
    const again = await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(await h.ok('auth.me', {}, again.session)).toMatchObject({ id: user.id });
  });

  it('refuses, on the desktop client, a server whose certificate is not the pinned one', async () => {
    const wrongPin = Array.from({ length: 32 }, () => '00').join(':');
    const client = createRemoteApp({ url: h.networkUrl!, fingerprint: wrongPin });
    try {
      const response = await client.handle({ method: 'auth.login', input: { login: ADMIN.login, password: ADMIN.password } });
      expect(response).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^Le certificat du serveur a changé \(empreinte [0-9A-F:]{95}\) : connexion refusée\./) } });
    } finally {
      await client.close();
    }
  });
});
