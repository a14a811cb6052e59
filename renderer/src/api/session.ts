/** The session token survives a reload (sessionStorage), not the closing of the window. */
export const SESSION_STORAGE_KEY = 'parcours-rsa:session';

export function readStoredSession(storage: Storage | undefined = safeSessionStorage()): string | undefined {
  try {
    return storage?.getItem(SESSION_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(session: string | undefined, storage: Storage | undefined = safeSessionStorage()): void {
  try {
    if (session) storage?.setItem(SESSION_STORAGE_KEY, session);
    else storage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Storage refused (private mode…): the session then lasts as long as the page.
  }
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
