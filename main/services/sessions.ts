import { randomBytes } from 'node:crypto';

export interface Session {
  userId: number;
  createdAt: number;
  lastSeen: number;
}

/** `expired`: ended by inactivity (`idle`) or because it reached its absolute lifetime (`lifetime`). */
export type SessionLookup = { status: 'ok'; session: Session } | { status: 'unknown' } | { status: 'expired'; reason: 'idle' | 'lifetime' };

/** No absolute lifetime given: 12 hours (issue 14 §2). */
export const DEFAULT_SESSION_MAX_MS = 12 * 60 * 60_000;

/**
 * In-memory sessions: random 256-bit tokens (base64url), ended by logout, after an idle time, or once they reach
 * their absolute lifetime however active they are.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly idleMs: number,
    private readonly maxMs: number = DEFAULT_SESSION_MAX_MS,
  ) {}

  create(userId: number, nowMs: number): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId, createdAt: nowMs, lastSeen: nowMs });
    return token;
  }

  private endedBy(session: Session, nowMs: number): 'idle' | 'lifetime' | null {
    if (nowMs - session.createdAt > this.maxMs) return 'lifetime';
    if (nowMs - session.lastSeen > this.idleMs) return 'idle';
    return null;
  }

  /**
   * Finds the session and marks it used now; an idle or too old one is ended. `activity: false` (a client polling
   * for live updates, not the user acting): found and checked the same, but its idle time keeps running.
   */
  touch(token: string, nowMs: number, activity = true): SessionLookup {
    const session = this.sessions.get(token);
    if (!session) return { status: 'unknown' };
    const reason = this.endedBy(session, nowMs);
    if (reason) {
      this.sessions.delete(token);
      return { status: 'expired', reason };
    }
    if (activity) session.lastSeen = Math.max(session.lastSeen, nowMs);
    return { status: 'ok', session };
  }

  /** The session without touching it (public methods that only look at who is there). */
  peek(token: string, nowMs: number): Session | undefined {
    const session = this.sessions.get(token);
    return session && !this.endedBy(session, nowMs) ? session : undefined;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of this user; returns how many there were. */
  endForUser(userId: number): number {
    let ended = 0;
    for (const [token, session] of this.sessions) {
      if (session.userId === userId) {
        this.sessions.delete(token);
        ended += 1;
      }
    }
    return ended;
  }

  /** Drops idle and too old sessions; returns how many are still alive. */
  sweep(nowMs: number): number {
    for (const [token, session] of this.sessions) if (this.endedBy(session, nowMs)) this.sessions.delete(token);
    return this.sessions.size;
  }

  clear(): void {
    this.sessions.clear();
  }
}
