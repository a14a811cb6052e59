/**
 * Server mode (issue 14): the one API, the live events and the built renderer over HTTPS, for the MDS's network.
 *
 * Wire protocol (docs/architecture.md, « Mode serveur »):
 * - `POST /api`: the usual envelope; its `session` field is ignored and replaced by the transport's session —
 *   browsers: the `__Host-parcours-session` cookie (HttpOnly, Secure, SameSite=Strict) plus the CSRF double submit
 *   (`__Host-parcours-csrf` cookie sent back in `x-parcours-csrf`); the desktop client (`x-parcours-client: desktop`):
 *   `Authorization: Bearer <token>`, no cookies.
 * - `GET /api/events`: server-sent events `{ seq, kind }` the session may see, a ping every 15 s, ended with the session.
 * - `GET /api/health`: `{ ok, version, mode }`, no personal data.
 * - anything else: the built renderer.
 * Every request: Host header against the listen address / public name (DNS rebinding), HSTS. A plain-HTTP request on
 * the port gets a plain-text refusal, never the application.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, isIPv6, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { App } from '../app';
import { eventVisibleTo } from '../app/live';
import { forwardRequest } from '../../shared/api/envelope';
import {
  CLIENT_HEADER,
  COOKIE_SESSION_PLACEHOLDER,
  CSRF_COOKIE,
  CSRF_HEADER,
  HTTP_API_PATH,
  HTTP_EVENTS_PATH,
  HTTP_HEALTH_PATH,
  SESSION_COOKIE,
  type ApiResponse,
} from '../../shared/api/transport';
import { DEFAULT_MAX_BODY_BYTES, httpKit, tokensMatch } from '../host/http-kit';
import { fingerprintOf } from './tls';
import { logApiCall, loggableMethod, logRefused, type ServerLogger } from './logger';

/** What the host needs of the App (main/app/index.ts `createApp({ mode: 'server' })`). */
export type ServedApp = Pick<App, 'handle' | 'events' | 'sessionInfo'>;

export interface ServerHostOptions {
  app: ServedApp;
  tls: { cert: string; key: string };
  /** The address to listen on (127.0.0.1, an interface's address, 0.0.0.0 / :: with publicOrigin). */
  host: string;
  /** 0: a free port. */
  port: number;
  rendererDir: string;
  logger: ServerLogger;
  /** `https://name[:port]` as the users type it (DNS name of the server); required when listening on every address. */
  publicOrigin?: string | undefined;
  /** Shown by the health endpoint. */
  version?: string;
  maxBodyBytes?: number;
  /** Live events: the keep-alive comment's period (default 15 s). */
  pingMs?: number;
}

export interface ServerHost {
  /** https://HOST:PORT/ (or the public origin). */
  url: string;
  port: number;
  /** SHA-256 of the certificate, « AB:CD:… ». */
  fingerprint: string;
  close(): Promise<void>;
}

export const EVENTS_PING_MS = 15_000;
/** How often an open event stream checks that its session still exists. */
export const SESSION_CHECK_MS = 2_000;
export const HSTS_HEADER = 'max-age=31536000';
const TLS_HANDSHAKE = 0x16;
const FIRST_BYTE_TIMEOUT_MS = 30_000;
const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

export const PLAIN_HTTP_REFUSED = 'Ce serveur n’accepte que les connexions chiffrées : utilisez l’adresse en https://.';

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/** `host:port` as it appears in a Host header (IPv6 in brackets; the default port omitted by browsers). */
function authorities(host: string, port: number): string[] {
  const name = isIPv6(host) ? `[${host}]` : host.toLowerCase();
  return port === 443 ? [name, `${name}:443`] : [`${name}:${port}`];
}

/** The cookies of a request (first value of each name). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!out.has(name)) out.set(name, part.slice(at + 1).trim());
  }
  return out;
}

const COOKIE_ATTRIBUTES = 'Secure; SameSite=Strict; Path=/';
export const sessionCookie = (token: string): string => `${SESSION_COOKIE}=${token}; HttpOnly; ${COOKIE_ATTRIBUTES}`;
export const csrfCookie = (value: string): string => `${CSRF_COOKIE}=${value}; ${COOKIE_ATTRIBUTES}`;
export const CLEARED_COOKIES = [
  `${SESSION_COOKIE}=; HttpOnly; ${COOKIE_ATTRIBUTES}; Max-Age=0`,
  `${CSRF_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`,
];

/** Who is calling, as the transport says: the desktop client's bearer, or a browser's cookies. */
type Caller =
  | { client: 'poste'; token: string | undefined }
  | { client: 'navigateur'; token: string | undefined; csrfCookie: string | undefined; csrfHeader: string | undefined };

function callerOf(req: IncomingMessage): Caller {
  if (req.headers[CLIENT_HEADER] === 'desktop') {
    const match = BEARER.exec(req.headers.authorization ?? '');
    return { client: 'poste', token: match?.[1] };
  }
  const cookies = parseCookies(req.headers.cookie);
  const header = req.headers[CSRF_HEADER];
  const token = cookies.get(SESSION_COOKIE);
  return {
    client: 'navigateur',
    token: token !== undefined && token !== '' ? token : undefined,
    csrfCookie: cookies.get(CSRF_COOKIE),
    csrfHeader: typeof header === 'string' ? header : undefined,
  };
}

/** The double submit: the header repeats the CSRF cookie (which another site can neither read nor set). */
function csrfHolds(caller: Extract<Caller, { client: 'navigateur' }>): boolean {
  const { csrfCookie: cookie, csrfHeader: header } = caller;
  return cookie !== undefined && cookie !== '' && header !== undefined && header !== '' && tokensMatch(header, cookie);
}

const newRequestId = (): string => randomBytes(6).toString('base64url');

export async function startServerHost(options: ServerHostOptions): Promise<ServerHost> {
  const { app, logger } = options;
  const pingMs = options.pingMs ?? EVENTS_PING_MS;
  const fingerprint = fingerprintOf(options.tls.cert);
  let publicUrl: URL | undefined;
  if (options.publicOrigin !== undefined) {
    publicUrl = new URL(options.publicOrigin);
    if (publicUrl.protocol !== 'https:') throw new Error('L’adresse publique du serveur doit commencer par https://.');
  } else if (isWildcard(options.host)) {
    throw new Error('À l’écoute de toutes les adresses, le serveur a besoin de son nom public (--public-name) pour vérifier l’en-tête Host.');
  }

  const allowedHosts = new Set<string>();
  const allowedOrigins = new Set<string>();
  const allow = (host: string, port: number): void => {
    for (const authority of authorities(host, port)) {
      allowedHosts.add(authority);
      allowedOrigins.add(`https://${authority}`);
    }
  };

  const kit = httpKit({
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    rendererDir: options.rendererDir,
    extraHeaders: { 'Strict-Transport-Security': HSTS_HEADER },
    notBuiltMessage: 'L’interface n’est pas construite sur le serveur : lancez « npx vite build » puis rechargez la page.',
  });
  const { refuse } = kit;
  const openStreams = new Set<ServerResponse>();

  const refused = (res: ServerResponse, status: number, reason: string, message: string, extra: Record<string, string | string[]> = {}) => {
    logRefused(logger, { req: String(res.getHeader('X-Request-Id') ?? ''), status, reason });
    refuse(res, status, status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message, extra);
  };

  async function serveApi(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    if (req.method !== 'POST') {
      refuse(res, 405, 'VALIDATION', 'Méthode HTTP non autorisée : l’API n’accepte que POST.', { Allow: 'POST' });
      return;
    }
    if (kit.refuseForeign(req, res, allowedOrigins)) return logRefused(logger, { req: requestId, status: 403, reason: 'origine' });
    const caller = callerOf(req);
    if (caller.client === 'navigateur' && caller.token !== undefined && !csrfHolds(caller)) {
      return refused(res, 403, 'csrf', 'Requête refusée : le jeton anti-falsification (CSRF) manque ou ne correspond pas. Rechargez la page.');
    }
    const body = await kit.readJsonBody(req, res);
    if (!body) return;
    const started = performance.now();
    const method = loggableMethod(body.value);
    // The envelope's own session is never trusted: the transport's replaces it (or none).
    const envelope =
      typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)
        ? { ...(body.value as Record<string, unknown>), session: caller.token }
        : body.value;
    const address = req.socket.remoteAddress;
    const response: ApiResponse = await forwardRequest((request) => app.handle(request, address !== undefined ? { address } : {}), envelope);
    logApiCall(logger, {
      req: requestId,
      method,
      outcome: response.ok ? 'ok' : response.error.code,
      ms: Math.round((performance.now() - started) * 10) / 10,
      client: caller.client,
    });
    if (caller.client === 'poste') return kit.sendJson(res, 200, response);

    if (response.ok && method === 'auth.login') {
      const value = response.value as { session: string };
      const cookies = [sessionCookie(value.session), csrfCookie(randomBytes(32).toString('base64url'))];
      return kit.sendJson(res, 200, { ok: true, value: { ...value, session: COOKIE_SESSION_PLACEHOLDER } }, { 'Set-Cookie': cookies });
    }
    const ended = response.ok ? method === 'auth.logout' || method === 'auth.logoutEverywhere' : response.error.code === 'UNAUTHENTICATED';
    kit.sendJson(res, 200, response, ended && caller.token !== undefined ? { 'Set-Cookie': CLEARED_COOKIES } : {});
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    if (req.method !== 'GET') {
      refuse(res, 405, 'VALIDATION', 'Méthode HTTP non autorisée : les événements se lisent en GET.', { Allow: 'GET' });
      return;
    }
    if (kit.refuseForeign(req, res, allowedOrigins)) return logRefused(logger, { req: requestId, status: 403, reason: 'origine' });
    const caller = callerOf(req);
    const token = caller.token;
    if (token === undefined || app.sessionInfo(token) === null) {
      const clear: Record<string, string[]> = caller.client === 'navigateur' && token !== undefined ? { 'Set-Cookie': CLEARED_COOKIES } : {};
      return refused(res, 401, 'session', 'Session terminée : reconnectez-vous.', clear);
    }
    res.writeHead(200, {
      ...kit.headers(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    openStreams.add(res);
    logger.info({ kind: 'evenements', req: requestId, outcome: 'ouvert' }, 'evenements');

    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      unsubscribe();
      clearInterval(ping);
      clearInterval(check);
      openStreams.delete(res);
      if (!res.writableEnded) res.end();
      logger.info({ kind: 'evenements', req: requestId, outcome: 'ferme' }, 'evenements');
    };
    const unsubscribe = app.events.subscribe((event) => {
      const viewer = app.sessionInfo(token);
      if (!viewer) return finish();
      if (eventVisibleTo(event, viewer)) res.write(`event: change\ndata: ${JSON.stringify({ seq: event.seq, kind: event.kind })}\n\n`);
    });
    const ping = setInterval(() => {
      if (!app.sessionInfo(token)) return finish();
      res.write(': ping\n\n');
    }, pingMs);
    ping.unref();
    // A session ended elsewhere (« Se déconnecter partout », expiry): the stream closes within 2 s, and the page's
    // reconnection is refused, so it shows the login again (a map lookup per stream every 2 s).
    const check = setInterval(() => {
      if (!app.sessionInfo(token)) finish();
    }, Math.min(SESSION_CHECK_MS, pingMs));
    check.unref();
    req.on('close', finish);
    res.on('close', finish);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader('X-Request-Id', requestId);
    const rawPath = kit.requestPath(req);
    if (rawPath === null) return kit.notFound(res);
    // The health check has nothing to protect: a probe may use any name of the machine.
    if (rawPath === HTTP_HEALTH_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'VALIDATION', 'Méthode HTTP non autorisée.', { Allow: 'GET, HEAD' });
      return kit.sendJson(res, 200, { ok: true, version: options.version ?? '0.0.0', mode: 'server' });
    }
    const host = req.headers.host;
    if (host === undefined || !allowedHosts.has(host.toLowerCase())) {
      return refused(res, 403, 'host', 'Requête refusée : adresse du serveur inattendue. Utilisez l’adresse donnée par l’administrateur.');
    }
    if (rawPath === HTTP_API_PATH) return serveApi(req, res, requestId);
    if (rawPath === HTTP_EVENTS_PATH) return serveEvents(req, res, requestId);
    return kit.serveStatic(req, res, rawPath);
  }

  const https = createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, kit.guard(onRequest, 'Erreur interne du serveur.'));
  https.requestTimeout = 120_000;
  https.headersTimeout = 30_000;
  // A client that fails its handshake (wrong certificate pinned, a scanner…): nothing to log but the fact.
  https.on('tlsClientError', () => undefined);

  // One listening socket for both: the first byte tells a TLS handshake from a plain-HTTP request.
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    const onReadable = (): void => {
      const chunk = socket.read() as Buffer | null;
      if (chunk === null) {
        socket.once('readable', onReadable);
        return;
      }
      socket.setTimeout(0);
      if (chunk[0] === TLS_HANDSHAKE) {
        socket.unshift(chunk);
        https.emit('connection', socket);
        return;
      }
      const body = `${PLAIN_HTTP_REFUSED}\n`;
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    socket.once('readable', onReadable);
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, options.host, () => {
      front.off('error', reject);
      resolve();
    });
  });
  const port = (front.address() as AddressInfo).port;
  if (!isWildcard(options.host)) allow(options.host, port);
  if (options.host === '127.0.0.1' || options.host === '::1') allow('localhost', port);
  if (publicUrl) allow(publicUrl.hostname.replace(/^\[|\]$/g, ''), publicUrl.port === '' ? 443 : Number(publicUrl.port));
  const url = publicUrl ? `${publicUrl.origin}/` : `https://${authorities(options.host, port)[0]}/`;

  return {
    url,
    port,
    fingerprint,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of openStreams) stream.end();
        front.close(() => resolve());
        https.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
