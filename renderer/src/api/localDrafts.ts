/**
 * The last unsaved state of each form, kept in this tab's sessionStorage between two server saves of its draft
 * (`drafts.save` is debounced): when the session ends under the user's fingers, the save that would have carried
 * the last keystrokes is refused, and this copy is what the form offers again after the new login (DraftOffer).
 * The copies belong to whoever typed them: a logout, or another user signing in this tab, clears them.
 */
const PREFIX = 'parcours-rsa:brouillon:';
const OWNER_KEY = 'parcours-rsa:brouillon-titulaire';

export interface LocalDraft {
  data: unknown;
  /** ISO instant of the last change. */
  updatedAt: string;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function attempt<T>(action: (s: Storage) => T): T | undefined {
  const s = storage();
  if (!s) return undefined;
  try {
    return action(s);
  } catch {
    return undefined; // Storage refused or full: the server draft remains.
  }
}

export function putLocalDraft(key: string, data: unknown, now: Date = new Date()): void {
  attempt((s) => s.setItem(PREFIX + key, JSON.stringify({ data, updatedAt: now.toISOString() } satisfies LocalDraft)));
}

export function getLocalDraft(key: string): LocalDraft | null {
  const raw = attempt((s) => s.getItem(PREFIX + key));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    return typeof parsed.updatedAt === 'string' && 'data' in parsed ? { data: parsed.data, updatedAt: parsed.updatedAt } : null;
  } catch {
    return null;
  }
}

export function removeLocalDraft(key: string): void {
  attempt((s) => s.removeItem(PREFIX + key));
}

export function clearLocalDrafts(): void {
  attempt((s) => {
    const keys: string[] = [];
    for (let i = 0; i < s.length; i += 1) {
      const k = s.key(i);
      if (k?.startsWith(PREFIX)) keys.push(k);
    }
    // The owner stays: a save still pending when the form closes is kept for the same user only.
    for (const k of keys) s.removeItem(k);
  });
}

/** A user signed in: another user's copies are dropped, the same user's are kept for their forms. */
export function claimLocalDrafts(userId: number): void {
  const owner = attempt((s) => s.getItem(OWNER_KEY));
  if (owner !== undefined && owner !== null && owner !== String(userId)) clearLocalDrafts();
  attempt((s) => s.setItem(OWNER_KEY, String(userId)));
}
