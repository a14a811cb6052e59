/**
 * The desktop app as a client of the MDS server (issue 14 §3): the same envelope as the local App, sent over HTTPS.
 *
 * Certificate pinning. The server's certificate is often self-signed (`--tls-self-signed`), so the system's
 * authorities cannot vouch for it; what the user confirmed at first run is its SHA-256 fingerprint. Every TLS
 * connection is therefore opened by our own agent with `rejectUnauthorized: false` AND checked against the pinned
 * fingerprint on `secureConnect`, before the socket is handed to the HTTP request: a certificate that is not the
 * pinned one never receives a byte of the request (headers, bearer token, body). A custom `ca` was not chosen: it
 * would need the whole certificate stored and a leaf accepted as its own authority, and Node would still check the
 * host name, which a server reached by an IP address or an alias often does not carry.
 *
 * The session travels in `Authorization: Bearer`, never in the envelope; `x-parcours-client: desktop` tells the
 * server not to use cookies.
 */
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { ServerCertificate } from '../../shared/api/desktop';
import { z } from 'zod';
import { API_ERROR_CODES, type ApiErrorCode } from '../../shared/api/errors';
import { CLIENT_HEADER, HTTP_API_PATH, type ApiRequest, type ApiResponse } from '../../shared/api/transport';

export interface RemoteAppOptions {
  /** `https://host:port/` of the MDS server. */
  url: string;
  /** The pinned SHA-256 fingerprint (`AB:CD:…`). */
  fingerprint: string;
  /** How long one call may take before it is given up (default 2 minutes: an import or a long PDF). */
  fetchTimeoutMs?: number;
  /** Told the fingerprint the server showed instead of the pinned one. */
  onCertificateChanged?: (presented: string) => void;
}

/** What the desktop host needs of an App: the local one or this remote one. */
export interface RemoteApp {
  handle(request: ApiRequest): Promise<ApiResponse>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const PROBE_TIMEOUT_MS = 10_000;
/** Large enough for a PDF or an export in base64, small enough to refuse a runaway answer. */
const MAX_RESPONSE_BYTES = 200 * 1024 * 1024;

export const certificateChangedMessage = (presented: string): string =>
  `Le certificat du serveur a changé (empreinte ${presented}) : connexion refusée. Un administrateur peut accepter le nouveau certificat depuis l’écran de connexion.`;
export const unreachableMessage = (url: string): string =>
  `Le serveur de la MDS (${url}) ne répond pas. Vérifiez la connexion au réseau et l’adresse du serveur, puis réessayez.`;
const timeoutMessage = (url: string): string =>
  `Le serveur de la MDS (${url}) n’a pas répondu à temps. Réessayez ; si le problème persiste, prévenez l’administrateur.`;
const unexpectedMessage = (status: number): string => `Réponse inattendue du serveur de la MDS (HTTP ${status}).`;
const NOT_HTTPS_MESSAGE = 'Adresse refusée : le serveur de la MDS ne se joint qu’en HTTPS (https://…).';
const BAD_ADDRESS_MESSAGE = 'Adresse du serveur invalide : saisissez par exemple https://serveur-mds.departement.fr:8443/.';

const failure = (code: ApiErrorCode, message: string): ApiResponse => ({ ok: false, error: { code, message } });

/** The server's address as `https://host:port/`, or the French reason it is refused (plain HTTP, credentials, garbage). */
export function parseServerUrl(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, message: BAD_ADDRESS_MESSAGE };
  }
  if (url.protocol !== 'https:') return { ok: false, message: NOT_HTTPS_MESSAGE };
  if (url.hostname === '' || url.username !== '' || url.password !== '') return { ok: false, message: BAD_ADDRESS_MESSAGE };
  return { ok: true, url: `https://${url.host}/` };
}

/** Fingerprints compare without their separators or case. */
const sameFingerprint = (a: string, b: string): boolean => a.replace(/[^0-9a-f]/gi, '').toUpperCase() === b.replace(/[^0-9a-f]/gi, '').toUpperCase();

class CertificateChangedError extends Error {
  constructor(readonly presented: string) {
    super('certificate changed');
  }
}

interface Endpoint {
  host: string;
  port: number;
}

function endpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  // `[::1]` in a URL, `::1` for the socket.
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: parsed.port === '' ? 443 : Number(parsed.port) };
}

/** A TLS connection that trusts no authority: the caller decides from the certificate it presents. */
function connectTls({ host, port }: Endpoint): tls.TLSSocket {
  return tls.connect({ host, port, rejectUnauthorized: false, ...(isIP(host) === 0 ? { servername: host } : {}) });
}

/** An agent whose every socket is handed to a request only once the server showed the pinned certificate. */
class PinnedAgent extends https.Agent {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly pin: string,
    private readonly onMismatch: (presented: string) => void,
  ) {
    super({ keepAlive: true, maxSockets: 16 });
  }

  override createConnection(_options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = connectTls(this.endpoint);
    const done = callback ?? (() => undefined);
    const onError = (error: Error) => done(error, socket);
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      socket.off('error', onError);
      const presented = socket.getPeerCertificate().fingerprint256 ?? '';
      if (!sameFingerprint(presented, this.pin)) {
        socket.destroy();
        this.onMismatch(presented);
        done(new CertificateChangedError(presented), socket);
        return;
      }
      done(null, socket);
    });
    // Returning nothing makes the agent wait for the callback: no request is written before the check.
    return undefined;
  }
}

/** The server's answer is checked like any input from the network: an envelope answer, or an error. */
const apiResponseSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).refine((body) => 'value' in body),
  z.object({ ok: z.literal(false), error: z.looseObject({ code: z.enum(API_ERROR_CODES), message: z.string() }) }),
]);

/** An App whose every call goes to the MDS server, over a connection pinned to its certificate. */
export function createRemoteApp(options: RemoteAppOptions): RemoteApp {
  const parsed = parseServerUrl(options.url);
  if (!parsed.ok) throw new Error(parsed.message);
  const base = parsed.url;
  const endpoint = endpointOf(base);
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agent = new PinnedAgent(endpoint, options.fingerprint, (presented) => options.onCertificateChanged?.(presented));
  let closed = false;

  const send = (request: ApiRequest): Promise<ApiResponse> =>
    new Promise((resolve) => {
      // The envelope's own session is dropped: the token goes in the Authorization header only.
      const body = JSON.stringify({ method: request.method, input: request.input });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        [CLIENT_HEADER]: 'desktop',
      };
      if (request.session) headers.authorization = `Bearer ${request.session}`;
      let settled = false;
      const settle = (response: ApiResponse) => {
        if (settled) return;
        settled = true;
        resolve(response);
      };
      const req = https.request(
        { host: endpoint.host, port: endpoint.port, path: HTTP_API_PATH, method: 'POST', headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy();
              settle(failure('INTERNAL', unexpectedMessage(res.statusCode ?? 0)));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', () => settle(failure('INTERNAL', unreachableMessage(base))));
          res.on('end', () => {
            let parsedBody: unknown;
            try {
              parsedBody = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              parsedBody = null;
            }
            settle(apiResponseSchema.safeParse(parsedBody).success ? (parsedBody as ApiResponse) : failure('INTERNAL', unexpectedMessage(res.statusCode ?? 0)));
          });
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        settle(failure('INTERNAL', timeoutMessage(base)));
      });
      req.on('error', (error) => {
        settle(
          error instanceof CertificateChangedError
            ? failure('INTERNAL', certificateChangedMessage(error.presented))
            : failure('INTERNAL', unreachableMessage(base)),
        );
      });
      req.end(body);
    });

  return {
    async handle(request) {
      if (closed) return failure('INTERNAL', 'L’application est en cours de fermeture.');
      return send(request);
    },
    async close() {
      closed = true;
      agent.destroy();
    },
  };
}

const certificateName = (fields: Record<string, unknown> | undefined): string => {
  if (!fields) return '';
  const cn = fields.CN;
  if (typeof cn === 'string') return cn;
  if (Array.isArray(cn)) return cn.join(', ');
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
};

/**
 * Reads the server's certificate without trusting it (nothing is sent but the TLS handshake), for the user to compare
 * its fingerprint with the one the MDS gave them before pinning it.
 */
export function probeServer(input: string, options: { timeoutMs?: number } = {}): Promise<ApiResponse<ServerCertificate>> {
  const parsed = parseServerUrl(input);
  if (!parsed.ok) return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: parsed.message } });
  const url = parsed.url;
  return new Promise((resolve) => {
    const socket = connectTls(endpointOf(url));
    const fail = () => {
      socket.destroy();
      resolve({ ok: false, error: { code: 'INTERNAL', message: unreachableMessage(url) } });
    };
    socket.setTimeout(options.timeoutMs ?? PROBE_TIMEOUT_MS, fail);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      const validTo = new Date(cert.valid_to);
      resolve({
        ok: true,
        value: {
          url,
          fingerprint: cert.fingerprint256,
          subject: certificateName(cert.subject as unknown as Record<string, unknown> | undefined),
          issuer: certificateName(cert.issuer as unknown as Record<string, unknown> | undefined),
          validTo: Number.isNaN(validTo.getTime()) ? cert.valid_to : validTo.toISOString(),
        },
      });
    });
  });
}
