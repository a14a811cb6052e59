import type { ApiRequest, ApiResponse } from '../../shared/api/transport';
import { AppContext, type DocumentPrinter } from '../services/context';
import { dispatch } from './dispatcher';
import { preloadDocuments } from '../services/documents';

export interface AppOptions {
  /** Folder of `parcours.db` and `parcours.keys.json`. */
  dataDir: string;
  /** Folder of the SQL migrations (default: `db/migrations` beside the code). */
  migrationsFolder?: string;
  /** Clock (tests). */
  now?: () => Date;
  /** Waits before answering a failed login (tests inject one that doesn't wait). */
  sleep?: (ms: number) => Promise<void>;
  appVersion?: string;
  /** A session unused this long ends (default 30). */
  sessionIdleMinutes?: number;
  /** The desktop app's print service (Electron); none in browser mode, where the screen opens the PDF. */
  printer?: DocumentPrinter;
}

export interface App {
  /** Serves one request of the typed API; never throws (errors come back as `{ ok: false }`). */
  handle(request: ApiRequest): Promise<ApiResponse>;
  /** Ends every session and closes the database. */
  close(): Promise<void>;
  /**
   * Loads, in the background, what the first prints need (the PDF engine, kept out of the start-up): called once
   * the first screen is served. Optional for test doubles.
   */
  warmUp?(): Promise<void>;
}

export const DEFAULT_SESSION_IDLE_MINUTES = 30;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApp(options: AppOptions): App {
  const idleMinutes = options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES;
  const context = new AppContext({
    dataDir: options.dataDir,
    migrationsFolder: options.migrationsFolder,
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? realSleep,
    appVersion: options.appVersion ?? '0.0.0',
    sessionIdleMs: Math.max(1, idleMinutes) * 60_000,
    printer: options.printer ?? null,
  });
  let closed = false;
  return {
    async handle(request) {
      if (closed) {
        return { ok: false, error: { code: 'INTERNAL', message: 'L’application est en cours de fermeture.' } };
      }
      return dispatch(context, request);
    },
    async warmUp() {
      await preloadDocuments();
    },
    async close() {
      closed = true;
      await context.workspace.writes.run(() =>
        context.workspace.lock.run(() => {
          context.sessions.clear();
          context.workspace.close();
        }),
      );
    },
  };
}

export type { ApiRequest, ApiResponse, DocumentPrinter };
