import { randomBytes } from 'node:crypto';

export interface Session {
  userId: number;
  createdAt: number;
  lastSeen: number;
}

export type SessionLookup = { status: 'ok'; session: Session } | { status: 'unknown' } | { status: 'expired' };

/** In-memory sessions: random 256-bit tokens (base64url), ended by logout or after an idle time. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly idleMs: number) {}

  create(userId: number, nowMs: number): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId, createdAt: nowMs, lastSeen: nowMs });
    return token;
  }

  /** Finds the session and marks it used now; an idle one is ended. */
  touch(token: string, nowMs: number): SessionLookup {
    const session = this.sessions.get(token);
    if (!session) return { status: 'unknown' };
    if (nowMs - session.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return { status: 'expired' };
    }
    session.lastSeen = Math.max(session.lastSeen, nowMs);
    return { status: 'ok', session };
  }

  /** The session without touching it (public methods that only look at who is there). */
  peek(token: string, nowMs: number): Session | undefined {
    const session = this.sessions.get(token);
    return session && nowMs - session.lastSeen <= this.idleMs ? session : undefined;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  endForUser(userId: number): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }

  /** Drops idle sessions; returns how many are still alive. */
  sweep(nowMs: number): number {
    for (const [token, session] of this.sessions) if (nowMs - session.lastSeen > this.idleMs) this.sessions.delete(token);
    return this.sessions.size;
  }

  clear(): void {
    this.sessions.clear();
  }
}
