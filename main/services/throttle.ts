/** Failures allowed without delay, then 1 s, 2 s, 4 s… */
export const FREE_LOGIN_FAILURES = 2;
export const MAX_LOGIN_DELAY_MS = 30_000;
const MAX_TRACKED_LOGINS = 100_000;

/** Delay imposed after the n-th consecutive failure (n ≥ 1) for one login. */
export function loginDelayMs(failures: number): number {
  if (failures <= FREE_LOGIN_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_LOGIN_FAILURES - 1), MAX_LOGIN_DELAY_MS);
}

/** Consecutive login failures per login name (known or not, so the delay gives nothing away). */
export class LoginThrottle {
  private readonly failures = new Map<string, number>();

  /** Counts one more failure; returns the delay to impose before answering. */
  fail(login: string): number {
    const n = (this.failures.get(login) ?? 0) + 1;
    this.failures.delete(login);
    this.failures.set(login, n);
    if (this.failures.size > MAX_TRACKED_LOGINS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    return loginDelayMs(n);
  }

  reset(login: string): void {
    this.failures.delete(login);
  }
}
