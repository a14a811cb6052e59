import type { ApiRequest, ApiResponse } from '../../shared/api/transport';
import { AppContext, type DocumentPrinter } from '../services/context';
import { dispatch } from './dispatcher';
import { preloadDocuments } from '../services/documents';
import { DailyDueRefresh } from '../services/desk/daily';
import { AutomaticBackups } from '../services/backup';

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
  /** How often expired sessions are swept; when none is left, the database closes and its key leaves memory (default 30 s). */
  idleCheckMs?: number;
  /** A backup at start, then daily (main/services/backup/automatic.ts); default true (the API tests' harness turns it off). */
  automaticBackups?: boolean;
}

export interface App {
  /** Serves one request of the typed API; never throws (errors come back as `{ ok: false }`). */
  handle(request: ApiRequest): Promise<ApiResponse>;
  /** Ends every session and closes the database. */
  close(): Promise<void>;
}

/**
 * After the first login, once the desk is drawn: loading the PDF engine blocks the process for a few hundred
 * milliseconds, which must fall neither on the login screen nor on the login itself (the bench measured a login
 * slowed from 200 to 480 ms when a timer started it then).
 */
const WARM_UP_AFTER_LOGIN_MS = 2000;

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
  let warmUpScheduled = false;
  const daily = new DailyDueRefresh(context);
  const backups = options.automaticBackups === false ? null : new AutomaticBackups(context);
  // The last session expired (nobody logged out): close the database and drop its key all the same.
  const idleCheck = setInterval(() => void context.releaseIfIdle().catch(() => undefined), options.idleCheckMs ?? 30_000);
  idleCheck.unref();
  return {
    async handle(request) {
      if (closed) {
        return { ok: false, error: { code: 'INTERNAL', message: 'L’application est en cours de fermeture.' } };
      }
      const response = await dispatch(context, request);
      if (!warmUpScheduled && request.method === 'auth.login' && response.ok) {
        warmUpScheduled = true;
        setTimeout(() => void preloadDocuments().catch(() => undefined), WARM_UP_AFTER_LOGIN_MS).unref();
      }
      // A new day (or a database opened for the first time since the upgrade): the échéancier moves with the date.
      if (response.ok) daily.poke();
      if (response.ok) backups?.poke();
      return response;
    },
    async close() {
      closed = true;
      clearInterval(idleCheck);
      await daily.stop();
      await backups?.stop();
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
