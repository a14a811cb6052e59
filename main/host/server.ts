/**
 * Browser mode: serves the built renderer and the one API on 127.0.0.1 only, with Node's http.
 * No framework: one static folder, one POST endpoint and a handful of checks do not earn one.
 *
 * Defences, in order: Host header (DNS rebinding) on every request — the page itself carries the
 * launch token —, then for the API: method, Origin / Sec-Fetch-Site, token (constant time),
 * Content-Type, body size, JSON.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../app';
import { forwardRequest } from '../../shared/api/envelope';
import { HTTP_API_PATH, HTTP_TOKEN_HEADER, TOKEN_META_NAME, type ApiResponse } from '../../shared/api/transport';
import type { ApiErrorCode } from '../../shared/api/errors';
import { baseSecurityHeaders } from '../app/security-headers';

export const LOOPBACK_HOST = '127.0.0.1';
/** Attachments travel base64-encoded in the envelope (10 Mo → ~13,4 Mo): room for one, with margin. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

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

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Constant-time comparison of two strings of any length. */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
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

/**
 * Maps a request path to a file inside rendererDir, or null when it would leave it (after decoding).
 * Directories and symlinks escaping the folder are checked by the caller with realpath.
 */
export function resolveStaticPath(rendererDir: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const root = path.resolve(rendererDir);
  const resolved = path.resolve(root, relative);
  const fromRoot = path.relative(root, resolved);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  return resolved;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app } = options;
  const token = options.token ?? newLaunchToken();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const rendererRoot = path.resolve(options.rendererDir);
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    contentType: string,
    extra: Record<string, string> = {},
  ): void => {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...baseSecurityHeaders(),
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
      ...extra,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };

  const sendJson = (res: ServerResponse, status: number, value: ApiResponse, extra: Record<string, string> = {}): void =>
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store', ...extra });

  const refuse = (
    res: ServerResponse,
    status: number,
    code: ApiErrorCode,
    message: string,
    extra: Record<string, string> = {},
  ): void => sendJson(res, status, { ok: false, error: { code, message } }, extra);

  const notFound = (res: ServerResponse): void => refuse(res, 404, 'NOT_FOUND', 'Ressource introuvable.');

  async function serveStatic(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'VALIDATION', 'Méthode HTTP non autorisée pour cette ressource.', { Allow: 'GET, HEAD' });
      return;
    }
    const filePath = resolveStaticPath(rendererRoot, rawPath);
    if (!filePath) return notFound(res);
    let realFile: string;
    let realRoot: string;
    try {
      [realFile, realRoot] = await Promise.all([realpath(filePath), realpath(rendererRoot)]);
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return notFound(res);
    } catch {
      if (path.relative(rendererRoot, filePath) === 'index.html') {
        return refuse(
          res,
          503,
          'INTERNAL',
          'L’interface n’est pas construite : lancez « npm run start:browser » (ou « npx vite build ») puis rechargez la page.',
        );
      }
      return notFound(res);
    }
    const isIndex = path.relative(realRoot, realFile) === 'index.html';
    const content = await readFile(realFile);
    if (isIndex) {
      send(res, 200, injectToken(content.toString('utf8'), token), CONTENT_TYPES['.html']!, { 'Cache-Control': 'no-store' });
    } else {
      send(res, 200, content, contentTypeFor(realFile), { 'Cache-Control': 'no-cache' });
    }
  }

  function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > maxBodyBytes) {
          done = true;
          resolve('too-large');
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (!done) {
          done = true;
          resolve(Buffer.concat(chunks));
        }
      });
      req.on('error', (error) => {
        if (!done) {
          done = true;
          reject(error);
        }
      });
    });
  }

  /** Answers 413 and closes the connection without reading the rest of the body. */
  const refuseTooLarge = (req: IncomingMessage, res: ServerResponse): void => {
    refuse(res, 413, 'VALIDATION', `Requête trop volumineuse (${Math.floor(maxBodyBytes / 1024 / 1024)} Mo au plus).`, {
      Connection: 'close',
    });
    res.on('finish', () => req.socket.destroySoon());
  };

  async function serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      refuse(res, 405, 'VALIDATION', 'Méthode HTTP non autorisée : l’API n’accepte que POST.', { Allow: 'POST' });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : elle ne provient pas de l’application.');
      return;
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin') {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : elle ne provient pas de l’application.');
      return;
    }
    const given = req.headers[HTTP_TOKEN_HEADER];
    if (typeof given !== 'string' || given.length === 0) {
      refuse(res, 401, 'UNAUTHENTICATED', 'Requête refusée : jeton de lancement absent. Rechargez la page.');
      return;
    }
    if (!tokensMatch(given, token)) {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : jeton de lancement incorrect. Rechargez la page.');
      return;
    }
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      refuse(res, 415, 'VALIDATION', 'Requête refusée : le contenu doit être du JSON (Content-Type: application/json).');
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > maxBodyBytes) return refuseTooLarge(req, res);

    const body = await readBody(req);
    if (body === 'too-large') return refuseTooLarge(req, res);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      refuse(res, 400, 'VALIDATION', 'Requête invalide : le contenu n’est pas du JSON valide.');
      return;
    }
    const response = await forwardRequest((request) => app.handle(request), parsed);
    sendJson(res, 200, response);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (host === undefined || !allowedHosts().has(host.toLowerCase())) {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : adresse du serveur inattendue (seuls 127.0.0.1 et localhost sont acceptés).');
      return;
    }
    const rawUrl = req.url ?? '/';
    if (!rawUrl.startsWith('/')) return notFound(res);
    const rawPath = rawUrl.split(/[?#]/, 1)[0]!;
    if (rawPath === HTTP_API_PATH) return serveApi(req, res);
    return serveStatic(req, res, rawPath);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) {
        refuse(res, 500, 'INTERNAL', 'Erreur interne du serveur local.');
      } else {
        res.destroy();
      }
    });
  });
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
