/**
 * Sign-in throttling per login name (known or not, so the delay gives nothing away).
 *
 * After FREE_LOGIN_FAILURES consecutive failures, each failure closes the login for a growing window (1 s, 2 s, 4 s…
 * up to 30 s). An attempt inside the window is answered at once, without checking the password and without counting
 * (« réessayez dans N secondes »): nothing waits in a queue, so a correct sign-in is never held up behind an
 * attacker's attempts, and queued attempts no longer add 30 s each. The counters are kept in a small file of the data
 * folder (logins hashed), so a restart does not reset them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Failures allowed without delay, then 1 s, 2 s, 4 s… */
export const FREE_LOGIN_FAILURES = 2;
export const MAX_LOGIN_DELAY_MS = 30_000;
const MAX_TRACKED_LOGINS = 10_000;
export const THROTTLE_FILE_NAME = 'parcours.throttle.json';

/** Window imposed after the n-th consecutive failure (n ≥ 1) for one login. */
export function loginDelayMs(failures: number): number {
  if (failures <= FREE_LOGIN_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_LOGIN_FAILURES - 1), MAX_LOGIN_DELAY_MS);
}

interface Entry {
  failures: number;
  /** Epoch ms before which attempts are refused unchecked. */
  blockedUntil: number;
}

const hashLogin = (login: string) => createHash('sha256').update(login.normalize('NFC').toLowerCase()).digest('hex');

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  /** `file`: where the counters survive a restart (null: memory only). */
  constructor(private readonly file: string | null = null) {
    if (file && existsSync(file)) {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as { entries?: Record<string, Entry> };
        for (const [k, e] of Object.entries(data.entries ?? {})) {
          if (Number.isInteger(e.failures) && e.failures > 0 && Number.isFinite(e.blockedUntil)) this.entries.set(k, { failures: e.failures, blockedUntil: e.blockedUntil });
        }
      } catch {
        // A damaged counters file is ignored (and rewritten at the next failure).
      }
    }
  }

  /** Milliseconds before this login may be tried again (0: now). */
  waitMs(login: string, now: number): number {
    const e = this.entries.get(hashLogin(login));
    return e ? Math.max(0, e.blockedUntil - now) : 0;
  }

  /** Counts one more failure; returns the window now closing this login. */
  fail(login: string, now: number): number {
    const key = hashLogin(login);
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const delay = loginDelayMs(failures);
    this.entries.delete(key);
    this.entries.set(key, { failures, blockedUntil: now + delay });
    if (this.entries.size > MAX_TRACKED_LOGINS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.save();
    return delay;
  }

  reset(login: string): void {
    if (this.entries.delete(hashLogin(login))) this.save();
  }

  private save(): void {
    if (!this.file || !existsSync(path.dirname(this.file))) return;
    const temp = `${this.file}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ version: 1, entries: Object.fromEntries(this.entries) }), { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (error) {
      console.error('[connexion] compteurs de tentatives non enregistrés', error);
    }
  }
}

/** « Trop de tentatives… réessayez dans 8 secondes. » */
export function tooManyAttemptsMessage(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return `Trop de tentatives de connexion pour cet identifiant : réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`;
}
