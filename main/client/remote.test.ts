import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { createRemoteApp, parseServerUrl, probeServer } from './remote';

/** A tiny HTTPS server standing for the MDS server: it records what reaches it and answers like the App. */
interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function certificate(commonName: string) {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  } as Parameters<typeof generate>[1]);
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

async function startServer(tlsMaterial: { cert: string; key: string }) {
  const received: Received[] = [];
  let connections = 0;
  const server = https.createServer({ cert: tlsMaterial.cert, key: tlsMaterial.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const envelope = JSON.parse(body) as { method: string };
      res.setHeader('content-type', 'application/json');
      if (envelope.method === 'broken') {
        res.statusCode = 502;
        res.end('<html>Bad gateway</html>');
        return;
      }
      if (envelope.method === 'auth.me' && req.headers.authorization !== 'Bearer jeton-123') {
        res.statusCode = 401;
        res.end(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Session expirée.' } }));
        return;
      }
      res.end(JSON.stringify({ ok: true, value: { method: envelope.method, who: req.headers.authorization ?? null } }));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let right: Awaited<ReturnType<typeof certificate>>;
let other: Awaited<ReturnType<typeof certificate>>;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  [right, other] = await Promise.all([certificate('serveur-mds.test'), certificate('imposteur.test')]);
  server = await startServer(right);
});
afterAll(async () => {
  await server.close();
});

describe('createRemoteApp', () => {
  it('sends the envelope over the pinned TLS connection, the session as a bearer, and returns the answer', async () => {
    const remote = createRemoteApp({ url: server.url, fingerprint: right.fingerprint });
    try {
      server.received.length = 0;
      const response = await remote.handle({ method: 'auth.me', input: { x: 1 }, session: 'jeton-123' });
      expect(response).toEqual({ ok: true, value: { method: 'auth.me', who: 'Bearer jeton-123' } });
      const [request] = server.received;
      expect(request).toMatchObject({ method: 'POST', url: '/api' });
      expect(request!.headers['x-parcours-client']).toBe('desktop');
      expect(request!.headers.authorization).toBe('Bearer jeton-123');
      // The envelope's own session field is removed: the token travels in the header only.
      expect(JSON.parse(request!.body)).toEqual({ method: 'auth.me', input: { x: 1 } });
      expect(request!.body).not.toContain('jeton-123');
      expect(request!.headers.cookie).toBeUndefined();
    } finally {
      await remote.close();
    }
  });

  it('sends no Authorization header without a session, passes API errors through as they are', async () => {
    const remote = createRemoteApp({ url: server.url, fingerprint: right.fingerprint.toLowerCase() });
    try {
      server.received.length = 0;
      expect(await remote.handle({ method: 'app.status', input: {} })).toEqual({ ok: true, value: { method: 'app.status', who: null } });
      expect(server.received[0]!.headers.authorization).toBeUndefined();
      expect(await remote.handle({ method: 'auth.me', input: {}, session: 'autre' })).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Session expirée.' },
      });
      expect(await remote.handle({ method: 'broken', input: {} })).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: 'Réponse inattendue du serveur de la MDS (HTTP 502).' },
      });
    } finally {
      await remote.close();
    }
  });

  it('refuses a server showing another certificate, in French, before sending anything of the request', async () => {
    const seen: string[] = [];
    const remote = createRemoteApp({ url: server.url, fingerprint: other.fingerprint, onCertificateChanged: (f) => seen.push(f) });
    try {
      server.received.length = 0;
      const connectionsBefore = server.connections();
      const response = await remote.handle({ method: 'auth.login', input: { login: 'admin', password: 'secret-du-test' }, session: 'jeton-123' });
      expect(response).toEqual({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `Le certificat du serveur a changé (empreinte ${right.fingerprint}) : connexion refusée. Un administrateur peut accepter le nouveau certificat depuis l’écran de connexion.`,
        },
      });
      expect(seen).toEqual([right.fingerprint]);
      // The connection was made (that is how the certificate was seen) but no request reached the server.
      expect(server.connections()).toBeGreaterThan(connectionsBefore);
      expect(server.received).toEqual([]);
    } finally {
      await remote.close();
    }
  });

  it('names the address when the server does not answer', async () => {
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as AddressInfo).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const remote = createRemoteApp({ url: `https://127.0.0.1:${port}`, fingerprint: right.fingerprint });
    try {
      const response = await remote.handle({ method: 'app.status', input: {} });
      expect(response).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringContaining(`Le serveur de la MDS (https://127.0.0.1:${port}/) ne répond pas`) },
      });
    } finally {
      await remote.close();
    }
  });

  it('gives up a call that takes longer than its timeout', async () => {
    const silent = https.createServer({ cert: right.cert, key: right.key }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const remote = createRemoteApp({ url, fingerprint: right.fingerprint, fetchTimeoutMs: 200 });
    try {
      const response = await remote.handle({ method: 'app.status', input: {} });
      expect(response).toMatchObject({ ok: false, error: { message: expect.stringMatching(/n’a pas répondu à temps/) } });
    } finally {
      await remote.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('answers without calling the server once closed', async () => {
    const remote = createRemoteApp({ url: server.url, fingerprint: right.fingerprint });
    await remote.close();
    server.received.length = 0;
    expect(await remote.handle({ method: 'app.status', input: {} })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(server.received).toEqual([]);
  });
});

describe('probeServer', () => {
  it('reads the certificate without trusting it and without sending a request', async () => {
    server.received.length = 0;
    const probe = await probeServer(server.url.replace('https://', ''));
    expect(probe).toEqual({
      ok: true,
      value: { url: server.url, fingerprint: right.fingerprint, subject: 'serveur-mds.test', issuer: 'serveur-mds.test', validTo: expect.any(String) },
    });
    expect(probe.ok && new Date(probe.value.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(server.received).toEqual([]);
  });

  it('refuses plain HTTP and names an address that does not answer', async () => {
    expect(await probeServer('http://127.0.0.1:8080/')).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Adresse refusée : le serveur de la MDS ne se joint qu’en HTTPS (https://…).' },
    });
    const plain = net.createServer((socket) => {
      socket.resume();
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as AddressInfo).port;
    try {
      expect(await probeServer(`https://127.0.0.1:${port}`)).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringContaining(`(https://127.0.0.1:${port}/) ne répond pas`) },
      });
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});

describe('parseServerUrl', () => {
  it('keeps only https://host:port/', () => {
    expect(parseServerUrl(' https://mds.example.org:8443/api?x=1 ')).toEqual({ ok: true, url: 'https://mds.example.org:8443/' });
    expect(parseServerUrl('mds.example.org')).toEqual({ ok: true, url: 'https://mds.example.org/' });
    expect(parseServerUrl('https://[::1]:9000')).toEqual({ ok: true, url: 'https://[::1]:9000/' });
    for (const bad of ['http://mds.example.org/', 'ftp://x/', 'https://user:pw@mds.example.org/', 'https://', '']) {
      expect(parseServerUrl(bad).ok, bad).toBe(false);
    }
  });
});
