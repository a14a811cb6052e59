/**
 * The server's structured log (pino, one JSON object per line, to stdout or to `--log-file`).
 *
 * What it may hold: a request id, the API method's NAME (only names of the contract: anything else is « inconnue »),
 * the outcome code, the duration, the server's own events. What it never holds: an envelope, an input, an answer, a
 * name, a CAF number, a session token, a cookie, a header, an IP address. The only calls are the few below, so nothing
 * else can slip in; `redact` is a second belt for the usual places where a header or a cookie would hide.
 */
import { pino, type Logger } from 'pino';
import { api } from '../../shared/api/contract';

export type ServerLogger = Logger;

export interface LoggerOptions {
  /** A file (appended, created 0600 when missing; written synchronously: one short line per call); stdout when absent. */
  file?: string | undefined;
  level?: 'info' | 'warn' | 'error' | 'silent';
  /** Tests: a stream instead of stdout/the file. */
  stream?: NodeJS.WritableStream;
}

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-parcours-csrf"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'cookie',
  'authorization',
  'session',
  'input',
  'address',
];

export function createServerLogger(options: LoggerOptions = {}): ServerLogger {
  const destination =
    options.stream ?? (options.file !== undefined ? pino.destination({ dest: options.file, mkdir: true, sync: true, mode: 0o600 }) : pino.destination(1));
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'parcours-rsa' },
      redact: { paths: REDACTED_PATHS, censor: '[retiré]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

const METHODS: ReadonlySet<string> = new Set(Object.keys(api));

/** The method name as it may be logged: a contract method, else « inconnue » (a made-up name could carry anything). */
export function loggableMethod(value: unknown): string {
  if (typeof value !== 'object' || value === null) return 'inconnue';
  const method = (value as { method?: unknown }).method;
  return typeof method === 'string' && METHODS.has(method) ? method : 'inconnue';
}

export interface ApiCallLine {
  /** Request id (random, per request). */
  req: string;
  method: string;
  /** 'ok' or the error code (UNAUTHENTICATED, VALIDATION, …). */
  outcome: string;
  ms: number;
  /** 'navigateur' | 'poste' (the desktop client). */
  client: 'navigateur' | 'poste';
}

export function logApiCall(logger: ServerLogger, line: ApiCallLine): void {
  logger.info({ kind: 'api', ...line }, 'api');
}

/** An HTTP request refused before the App (Host, CSRF, size…): the path class and status only. */
export function logRefused(logger: ServerLogger, line: { req: string; status: number; reason: string }): void {
  logger.warn({ kind: 'refus', ...line }, 'refus');
}
