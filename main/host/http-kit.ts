/**
 * What both hosts share over Node's http(s): answering (security headers, JSON errors), the built renderer served from
 * one folder (no escape, by path or by symlink), the JSON body read with a size limit, constant-time token comparison.
 * Used by the browser-mode host (main/host/server.ts) and the server mode's HTTPS host (main/server/host.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ApiResponse } from '../../shared/api/transport';
import type { ApiErrorCode } from '../../shared/api/errors';
import { baseSecurityHeaders } from '../app/security-headers';

/** Attachments travel base64-encoded in the envelope (10 Mo → ~13,4 Mo): room for one, with margin. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

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

export interface HttpKitOptions {
  maxBodyBytes: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Added to every answer after the base security headers (e.g. HSTS). */
  extraHeaders?: Readonly<Record<string, string>>;
  /** What index.html becomes before it is sent (browser mode: the launch token). */
  transformIndex?: (html: string) => string;
  /** The French line answered (503) when index.html is missing. */
  notBuiltMessage: string;
}

export type HttpKit = ReturnType<typeof httpKit>;

export function httpKit(options: HttpKitOptions) {
  const { maxBodyBytes } = options;
  const rendererRoot = path.resolve(options.rendererDir);
  const extraHeaders = options.extraHeaders ?? {};

  /** The headers every answer carries. */
  const headers = (): Record<string, string> => ({ ...baseSecurityHeaders(), ...extraHeaders });

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    contentType: string,
    extra: Record<string, string | string[]> = {},
  ): void => {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...headers(),
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
      ...extra,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };

  const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string | string[]> = {}): void =>
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store', ...extra });

  const refuse = (
    res: ServerResponse,
    status: number,
    code: ApiErrorCode,
    message: string,
    extra: Record<string, string | string[]> = {},
  ): void => sendJson(res, status, { ok: false, error: { code, message } } satisfies ApiResponse, extra);

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
      if (path.relative(rendererRoot, filePath) === 'index.html') return refuse(res, 503, 'INTERNAL', options.notBuiltMessage);
      return notFound(res);
    }
    const isIndex = path.relative(realRoot, realFile) === 'index.html';
    const content = await readFile(realFile);
    if (isIndex) {
      const html = content.toString('utf8');
      send(res, 200, options.transformIndex ? options.transformIndex(html) : html, CONTENT_TYPES['.html']!, { 'Cache-Control': 'no-store' });
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

  /**
   * The JSON body of an API POST (Content-Type, size, syntax checked), or undefined when the request was refused
   * (the answer is sent).
   */
  async function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<{ value: unknown } | undefined> {
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      refuse(res, 415, 'VALIDATION', 'Requête refusée : le contenu doit être du JSON (Content-Type: application/json).');
      return undefined;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      refuseTooLarge(req, res);
      return undefined;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      refuseTooLarge(req, res);
      return undefined;
    }
    try {
      return { value: JSON.parse(body.toString('utf8')) as unknown };
    } catch {
      refuse(res, 400, 'VALIDATION', 'Requête invalide : le contenu n’est pas du JSON valide.');
      return undefined;
    }
  }

  /** Refuses a POST coming from another site (Origin, when given, must be one of ours; Sec-Fetch-Site same-origin). */
  function refuseForeign(req: IncomingMessage, res: ServerResponse, allowedOrigins: ReadonlySet<string>): boolean {
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    if ((origin !== undefined && !allowedOrigins.has(origin)) || (fetchSite !== undefined && fetchSite !== 'same-origin')) {
      refuse(res, 403, 'FORBIDDEN', 'Requête refusée : elle ne provient pas de l’application.');
      return true;
    }
    return false;
  }

  /** The request's path (no query, no fragment), or null when the target is not a path. */
  const requestPath = (req: IncomingMessage): string | null => {
    const rawUrl = req.url ?? '/';
    return rawUrl.startsWith('/') ? rawUrl.split(/[?#]/, 1)[0]! : null;
  };

  /** Runs one request's handler; a failure becomes a 500 (or a cut connection once the answer has started). */
  const guard =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, failure: string) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      handler(req, res).catch(() => {
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', failure);
        else res.destroy();
      });
    };

  return { headers, send, sendJson, refuse, notFound, serveStatic, readJsonBody, refuseForeign, requestPath, guard };
}
