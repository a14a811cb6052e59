/**
 * Sign-in throttling per login name (known or not, so the delay gives nothing away) and, on a server, per address.
 *
 * After FREE_LOGIN_FAILURES consecutive failures, each failure closes the login for a growing window (1 s, 2 s, 4 s…
 * up to 30 s). An attempt inside the window is answered at once, without checking the password and without counting
 * (« réessayez dans N secondes »): nothing waits in a queue, so a correct sign-in is never held up behind an
 * attacker's attempts, and queued attempts no longer add 30 s each. The counters are kept in a small file of the data
 * folder (keys hashed), so a restart does not reset them.
 *
 * A server (issue 14 §2) gives the client's address with each attempt: the login's counter is then kept per (login,
 * address) — an attacker elsewhere never closes an account to its owner — and each address has a counter of its own,
 * which closes the address after FREE_ADDRESS_FAILURES failures in a row (1 s, 2 s… up to 5 min), whatever logins it
 * tries. Addresses are never written in clear: their keys are HMACs under a secret the server derives from the
 * database key (`useSecret`). A desk (no address) keeps the per-login counters only.
 */
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Failures allowed without delay, then 1 s, 2 s, 4 s… */
export const FREE_LOGIN_FAILURES = 2;
export const MAX_LOGIN_DELAY_MS = 30_000;
/** Failures in a row allowed from one address (any logins), then 1 s, 2 s, 4 s… up to 5 minutes. */
export const FREE_ADDRESS_FAILURES = 10;
export const MAX_ADDRESS_DELAY_MS = 5 * 60_000;
const MAX_TRACKED_KEYS = 20_000;
export const THROTTLE_FILE_NAME = 'parcours.throttle.json';

const growingDelay = (failures: number, free: number, max: number) => (failures <= free ? 0 : Math.min(1000 * 2 ** (failures - free - 1), max));

/** Window imposed after the n-th consecutive failure (n ≥ 1) for one login. */
export function loginDelayMs(failures: number): number {
  return growingDelay(failures, FREE_LOGIN_FAILURES, MAX_LOGIN_DELAY_MS);
}

/** Window imposed on an address after its n-th failure in a row. */
export function addressDelayMs(failures: number): number {
  return growingDelay(failures, FREE_ADDRESS_FAILURES, MAX_ADDRESS_DELAY_MS);
}

interface Entry {
  failures: number;
  /** Epoch ms before which attempts are refused unchecked. */
  blockedUntil: number;
}

/** What closes the attempt: the login (from this address) or the address itself. */
export type ThrottleScope = 'login' | 'address';

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private secret: Buffer | null = null;

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

  /** The server's secret for the keys naming an address (derived from the database key: stable across restarts). */
  useSecret(secret: Buffer): void {
    this.secret = Buffer.from(secret);
  }

  private hash(text: string): string {
    return this.secret ? createHmac('sha256', this.secret).update(text).digest('hex') : createHash('sha256').update(text).digest('hex');
  }

  /** The key of the login's counter: the login alone on a desk (as before addresses), the pair on a server. */
  private loginKey(login: string, address: string | undefined): string {
    const name = login.normalize('NFC').toLowerCase();
    return address === undefined ? createHash('sha256').update(name).digest('hex') : this.hash(`login\u0000${name}\u0000${address}`);
  }

  private addressKey(address: string): string {
    return this.hash(`address\u0000${address}`);
  }

  private remaining(key: string, now: number): number {
    const e = this.entries.get(key);
    return e ? Math.max(0, e.blockedUntil - now) : 0;
  }

  /** Milliseconds before this login may be tried again from this address (0: now). */
  waitMs(login: string, now: number, address?: string): number {
    return this.check(login, now, address)?.waitMs ?? 0;
  }

  /** What closes this attempt, if anything: the address's window first, then the login's. */
  check(login: string, now: number, address?: string): { waitMs: number; scope: ThrottleScope } | null {
    if (address !== undefined) {
      const wait = this.remaining(this.addressKey(address), now);
      if (wait > 0) return { waitMs: wait, scope: 'address' };
    }
    const wait = this.remaining(this.loginKey(login, address), now);
    return wait > 0 ? { waitMs: wait, scope: 'login' } : null;
  }

  /** Counts one more failure; returns the window now closing this login (from this address). */
  fail(login: string, now: number, address?: string): number {
    const delay = this.count(this.loginKey(login, address), now, loginDelayMs);
    if (address !== undefined) this.count(this.addressKey(address), now, addressDelayMs);
    this.save();
    return delay;
  }

  private count(key: string, now: number, delayFor: (failures: number) => number): number {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const delay = delayFor(failures);
    this.entries.delete(key);
    this.entries.set(key, { failures, blockedUntil: now + delay });
    if (this.entries.size > MAX_TRACKED_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return delay;
  }

  /** A success: the login's counter (from this address) and the address's run of failures start again. */
  reset(login: string, address?: string): void {
    const a = this.entries.delete(this.loginKey(login, address));
    const b = address !== undefined && this.entries.delete(this.addressKey(address));
    if (a || b) this.save();
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

function duration(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (seconds <= 90) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** « Trop de tentatives… pour cet identifiant : réessayez dans 8 secondes. » (or « depuis ce poste »). */
export function tooManyAttemptsMessage(waitMs: number, scope: ThrottleScope = 'login'): string {
  return `Trop de tentatives de connexion ${scope === 'address' ? 'depuis ce poste' : 'pour cet identifiant'} : réessayez dans ${duration(waitMs)}.`;
}
