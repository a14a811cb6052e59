/**
 * Browser mode: serves the built renderer and the one API on 127.0.0.1 only, with Node's http.
 * No framework: one static folder, one POST endpoint and a handful of checks do not earn one.
 *
 * Defences, in order: Host header (DNS rebinding) on every request — the page itself carries the
 * launch token —, then for the API: method, Origin / Sec-Fetch-Site, token (constant time),
 * Content-Type, body size, JSON.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app';
import { forwardRequest } from '../../shared/api/envelope';
import { HTTP_API_PATH, HTTP_TOKEN_HEADER, TOKEN_META_NAME } from '../../shared/api/transport';
import { DEFAULT_MAX_BODY_BYTES, httpKit, tokensMatch } from './http-kit';

export { DEFAULT_MAX_BODY_BYTES, contentTypeFor, resolveStaticPath, tokensMatch } from './http-kit';

export const LOOPBACK_HOST = '127.0.0.1';

export interface BrowserHostOptions {
  app: Pick<App, 'handle'>;
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Per-launch token; random (32 bytes, base64url) when absent. */
  token?: string;
  maxBodyBytes?: number;
}

export interface BrowserHost {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  token: string;
  /** The bound address (always 127.0.0.1). */
  address: AddressInfo;
  close(): Promise<void>;
}

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Puts the launch-token meta tag at the end of <head> (after <meta charset>), or first when there is no head. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META_NAME}" content="${escapeAttribute(token)}">`;
  const headEnd = html.search(/<\/head\s*>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}  ${meta}\n  ${html.slice(headEnd)}`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
  }
  return `${meta}\n${html}`;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app } = options;
  const token = options.token ?? newLaunchToken();
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const kit = httpKit({
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    rendererDir: options.rendererDir,
    transformIndex: (html) => injectToken(html, token),
    notBuiltMessage: 'L’interface n’est pas construite : lancez « npm run start:browser » (ou « npx vite build ») puis rechargez la page.',
  });
  const { refuse } = kit;

  async function serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      refuse(res, 405, 'VALIDATION', 'Méthode HTTP non autorisée : l’API n’accepte que POST.', { Allow: 'POST' });
      return;
    }
    if (kit.refuseForeign(req, res, allowedOrigins())) return;
    const given = req.headers[HTTP_TOKEN_HEADER];
    if (typeof given !== 'string' || given.length === 0) {
      refuse(res, 401, 'UNAUTHENTICATED', 'Requête refusée : jeton de lancement absent. Rechargez la page.');
      return;
    }
    if (!tokensMatch(given, token)) {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : jeton de lancement incorrect. Rechargez la page.');
      return;
    }
    const body = await kit.readJsonBody(req, res);
    if (!body) return;
    const response = await forwardRequest((request) => app.handle(request), body.value);
    kit.sendJson(res, 200, response);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (host === undefined || !allowedHosts().has(host.toLowerCase())) {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : adresse du serveur inattendue (seuls 127.0.0.1 et localhost sont acceptés).');
      return;
    }
    const rawPath = kit.requestPath(req);
    if (rawPath === null) return kit.notFound(res);
    if (rawPath === HTTP_API_PATH) return serveApi(req, res);
    return kit.serveStatic(req, res, rawPath);
  }

  const server = createServer(kit.guard(onRequest, 'Erreur interne du serveur local.'));
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;

  return {
    url: `http://${LOOPBACK_HOST}:${port}/`,
    port,
    token,
    address,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
