import path from 'node:path';
import type { OpenedDatabase } from '../../db/open';
import type { User as UserRow } from '../../db/schema';
import type { User } from '../../shared/api/contract';
import { LiveBus, type LiveViewer } from '../app/live';
import { findUserById } from '../../db/queries';
import { KeyedMutex } from './mutex';
import { SessionStore } from './sessions';
import { LoginThrottle, THROTTLE_FILE_NAME } from './throttle';
import { Workspace } from './workspace';

/** Prints a PDF through the system dialog; resolves false when the user cancels. */
export interface DocumentPrinter {
  print(pdf: Buffer, options: { copies: number; title: string; fileName: string }): Promise<boolean>;
}

export interface ResolvedOptions {
  dataDir: string;
  migrationsFolder: string | undefined;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  appVersion: string;
  sessionIdleMs: number;
  /** Absolute lifetime of a session, however active (server: 12 h). */
  sessionMaxMs?: number;
  /**
   * 'desk': the database opens at the first login and closes when the last session ends. 'server': it is opened at
   * start with the service key and stays open (main/app/index.ts).
   */
  mode?: 'desk' | 'server';
  /** The desktop app's print service (Electron); null in browser mode, where the screen opens the PDF. */
  printer: DocumentPrinter | null;
}

/** The logged-in user, as read from the database on every call (role and activity are always current). */
export type Actor = UserRow & { mdsId: number };

/** Everything the services share for one app instance. */
export class AppContext {
  readonly workspace: Workspace;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;
  /** Login attempts for one login name run one after the other (the delay can't be bypassed in parallel). */
  readonly loginLocks = new KeyedMutex();
  /** Live events, published after each committed write (main/app/live.ts). */
  readonly live = new LiveBus();

  constructor(readonly options: ResolvedOptions) {
    this.workspace = new Workspace(options.dataDir, options.migrationsFolder);
    this.throttle = new LoginThrottle(path.join(options.dataDir, THROTTLE_FILE_NAME));
    this.sessions = new SessionStore(options.sessionIdleMs, options.sessionMaxMs);
  }

  nowMs(): number {
    return this.options.now().getTime();
  }

  nowIso(): string {
    return this.options.now().toISOString();
  }

  /**
   * Closes the database once nobody is logged in any more (the key leaves memory with it), after the write in progress.
   * A server keeps it open: it only drops the expired sessions.
   */
  releaseIfIdle(): Promise<void> {
    if (this.options.mode === 'server') {
      this.sessions.sweep(this.nowMs());
      return Promise.resolve();
    }
    return this.workspace.writes.run(() =>
      this.workspace.lock.run(() => {
        if (this.sessions.sweep(this.nowMs()) === 0) this.workspace.close();
      }),
    );
  }

  /** Who holds this session (not touched: looking does not keep it alive); null when it is unknown or ended. */
  viewer(token: string): LiveViewer | null {
    const session = this.sessions.peek(token, this.nowMs());
    const reader = this.workspace.reader;
    if (!session || !reader) return null;
    const row = findUserById(reader.db, session.userId);
    if (!row || !row.active || row.mdsId === null) return null;
    return { userId: row.id, mdsId: row.mdsId, partner: row.partner };
  }
}

/** A call of a public method: the caller may or may not be logged in. */
export interface PublicCall {
  app: AppContext;
  actor: Actor | null;
  session: string | undefined;
  /** The client's IP address on a server (sign-in throttling only); undefined on a desk. */
  address?: string | undefined;
}

/** A call of a method that needs a session: the database is open and the actor active. */
export interface AuthedCall {
  app: AppContext;
  actor: Actor;
  session: string;
  open: OpenedDatabase;
  /** The client's IP address on a server (sign-in throttling only); undefined on a desk. */
  address?: string | undefined;
}

export function toApiUser(row: UserRow & { mdsId: number }): User {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    structure: row.structure,
    mdsId: row.mdsId,
    active: row.active,
  };
}

/** The actor as the journal names them. */
export const auditActor = (actor: Actor) => ({ id: actor.id, login: actor.login });
