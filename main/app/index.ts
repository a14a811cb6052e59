import { createHmac } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../../shared/api/transport';
import { AppContext, type DocumentPrinter } from '../services/context';
import { dispatch } from './dispatcher';
import { preloadDocuments } from '../services/documents';
import { configurePdfPool, warmPdfPool } from '../documents/pool';
import { DailyDueRefresh } from '../services/desk/daily';
import { AutomaticBackups } from '../services/backup';
import type { LiveEvents } from './live';

export type { LiveEvent, LiveEventKind, LiveEvents, LiveViewer } from './live';
export { eventVisibleTo, LIVE_EVENT_KINDS } from './live';

/** What the host knows of a request besides its envelope. */
export interface RequestMeta {
  /** The client's IP address (server): used only for sign-in throttling, never logged, never stored in clear. */
  address?: string;
}

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
  /** A session ends this long after the login, however active (default 12). */
  sessionMaxHours?: number;
  /**
   * 'desk' (default): one desk; the database opens at the first login and closes when the last session ends.
   * 'server' (issue 14): the database is opened at start with `databaseKey` and stays open until `close()`.
   */
  mode?: 'desk' | 'server';
  /** Server: the database key unwrapped from the service key slot. Wiped from this Buffer once the database is open. */
  databaseKey?: Buffer;
  /** The desktop app's print service (Electron); none in browser mode, where the screen opens the PDF. */
  printer?: DocumentPrinter;
  /**
   * Threads of the PDF pool (main/documents/pool.ts): 0 renders in the main thread; default: the cores but one, 1 to 2.
   * Process-wide: given, it reconfigures the pool.
   */
  pdfWorkers?: number;
  /** How often expired sessions are swept; when none is left, the database closes and its key leaves memory (default 30 s). */
  idleCheckMs?: number;
  /** A backup at start, then daily (main/services/backup/automatic.ts); default true (the API tests' harness turns it off). */
  automaticBackups?: boolean;
}

export interface App {
  /** Serves one request of the typed API; never throws (errors come back as `{ ok: false }`). */
  handle(request: ApiRequest, meta?: RequestMeta): Promise<ApiResponse>;
  /** Live events, published after the COMMIT of each data-changing write. */
  readonly events: LiveEvents;
  /** Who holds this session (not touched); null when it is unknown or ended. Lets a host filter the live events. */
  sessionInfo(token: string): { userId: number; mdsId: number; partner: boolean } | null;
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
export const DEFAULT_SESSION_MAX_HOURS = 12;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApp(options: AppOptions): App {
  const idleMinutes = options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES;
  const maxHours = options.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS;
  const mode = options.mode ?? 'desk';
  const context = new AppContext({
    dataDir: options.dataDir,
    migrationsFolder: options.migrationsFolder,
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? realSleep,
    appVersion: options.appVersion ?? '0.0.0',
    sessionIdleMs: Math.max(0.01, idleMinutes) * 60_000,
    sessionMaxMs: Math.max(1 / 60, maxHours) * 3_600_000,
    mode,
    printer: options.printer ?? null,
  });
  if (mode === 'server') openForServer(context, options.databaseKey);
  if (options.pdfWorkers !== undefined) configurePdfPool({ maxThreads: options.pdfWorkers });
  let closed = false;
  let warmUpScheduled = false;
  const daily = new DailyDueRefresh(context);
  const backups = options.automaticBackups === false ? null : new AutomaticBackups(context);
  // The last session expired (nobody logged out): close the database and drop its key all the same.
  const idleCheck = setInterval(() => void context.releaseIfIdle().catch(() => undefined), options.idleCheckMs ?? 30_000);
  idleCheck.unref();
  return {
    events: context.live,
    sessionInfo: (token) => context.viewer(token),
    async handle(request, meta) {
      if (closed) {
        return { ok: false, error: { code: 'INTERNAL', message: 'L’application est en cours de fermeture.' } };
      }
      const response = await dispatch(context, request, undefined, { address: meta?.address });
      if (!warmUpScheduled && request.method === 'auth.login' && response.ok) {
        warmUpScheduled = true;
        setTimeout(() => {
          void preloadDocuments().catch(() => undefined);
          void warmPdfPool();
        }, WARM_UP_AFTER_LOGIN_MS).unref();
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

/**
 * Server start: opens the database with the service key (checked against the file: a wrong key is told apart from a
 * damaged file), then wipes the caller's copy of the key. Throws an Error with a French message.
 */
function openForServer(context: AppContext, key: Buffer | undefined): void {
  if (!key) throw new Error('Mode serveur : la clé de service de la base de données est manquante.');
  const ws = context.workspace;
  try {
    if (!ws.isInitialized()) {
      throw new Error(`Mode serveur : aucune base de données dans « ${ws.dataDir} » ; initialisez d’abord l’espace de travail.`);
    }
    try {
      ws.openWith(key, { keyIsKnownGood: false });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`Mode serveur : la base de données ne s’ouvre pas avec la clé de service (${detail})`, { cause: error });
    }
    // The throttle's keys naming addresses are HMACs under a secret only the open database's key gives.
    context.throttle.useSecret(createHmac('sha256', ws.key).update('parcours:limitation-des-connexions').digest());
  } finally {
    key.fill(0);
  }
}

export type { ApiRequest, ApiResponse, DocumentPrinter };
