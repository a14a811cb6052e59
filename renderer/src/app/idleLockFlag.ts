/** The idle lock's flag in the tab's sessionStorage (IdleLock.tsx), kept apart so that start-up does not load the lock. */
export const LOCK_FLAG = 'parcours.verrou';

/**
 * A new login in this tab: a lock left by an earlier session no longer applies. (On the MDS server every browser
 * session is the placeholder « cookie », so the flag alone cannot tell two sessions apart.)
 */
export function clearIdleLock(): void {
  try {
    window.sessionStorage.removeItem(LOCK_FLAG);
  } catch {
    // Storage refused: there is no flag to clear.
  }
}
