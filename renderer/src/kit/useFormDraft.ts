import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useApi } from '../api/ApiContext';
import { getLocalDraft, putLocalDraft, removeLocalDraft } from '../api/localDrafts';

export const DRAFT_SAVE_DELAY_MS = 800;

export interface FoundDraft {
  data: unknown;
  /** ISO instant of its last save. */
  updatedAt: string;
}

export interface FormDraft {
  /** A draft left by an earlier visit (reload, crash), until the user takes it up or drops it. */
  found: FoundDraft | null;
  /** When this visit's typing was last saved as a draft. */
  savedAt: Date | null;
  /** The last save of the draft failed. */
  saveFailed: boolean;
  /** Takes the found draft (the caller puts it into the form). */
  take: () => unknown;
  /** Deletes the found draft. */
  discard: () => Promise<void>;
  /** The form was saved for real: stop saving drafts and delete it. */
  markSaved: () => Promise<void>;
}

/**
 * Saves the half-filled form as a draft while the user types (debounced, `drafts.save`), and offers a
 * draft left by an earlier visit (`drafts.get`). Nothing is saved while the values equal `baseline`.
 * A pending save is sent when the form goes away (leaving the page keeps the draft). What each save sends is also
 * kept in the tab (localDrafts) until the server has it: when the session ends, the refused save loses nothing —
 * that copy, newer than the server's draft, is what the form offers after the next login.
 */
export function useFormDraft<T extends FieldValues>({
  key,
  form,
  baseline,
  delayMs = DRAFT_SAVE_DELAY_MS,
}: {
  key: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturn<T, any, any>;
  baseline: T;
  delayMs?: number;
}): FormDraft {
  const client = useApi();
  const [found, setFound] = useState<FoundDraft | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<unknown>(undefined);
  const sends = useRef(0);
  const stopped = useRef(false);
  const baselineJson = useRef(JSON.stringify(baseline));

  useEffect(() => {
    let current = true;
    const local = getLocalDraft(key);
    if (local) {
      setFound(local);
      return;
    }
    client.call('drafts.get', { key }).then(
      (draft) => {
        if (current && draft) setFound(draft);
      },
      () => undefined, // No draft to offer: the form works without.
    );
    return () => {
      current = false;
    };
  }, [client, key]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const data = pending.current;
    pending.current = undefined;
    if (data === undefined || stopped.current) return;
    // Kept in the tab until the server has it: a refused save (the session ended) loses nothing.
    putLocalDraft(key, data);
    const sent = ++sends.current;
    client.call('drafts.save', { key, data }).then(
      () => {
        if (sent === sends.current && !stopped.current) removeLocalDraft(key);
        setSavedAt(new Date());
        setSaveFailed(false);
      },
      () => setSaveFailed(true),
    );
  }, [client, key]);

  const flushRef = useRef(flush);
  flushRef.current = flush;

  useEffect(() => {
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        if (stopped.current) return;
        const json = JSON.stringify(values);
        if (json === baselineJson.current) return;
        pending.current = JSON.parse(json) as unknown;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => flushRef.current(), delayMs);
      },
    });
    return unsubscribe;
  }, [form, delayMs]);

  // Leaving the form (navigation, logout): send what is pending.
  useEffect(() => () => flushRef.current(), []);

  const take = useCallback(() => {
    const data = found?.data;
    setFound(null);
    return data;
  }, [found]);

  const discard = useCallback(async () => {
    setFound(null);
    removeLocalDraft(key);
    try {
      await client.call('drafts.delete', { key });
    } catch {
      // It will be offered again next time: harmless.
    }
  }, [client, key]);

  const markSaved = useCallback(async () => {
    stopped.current = true;
    clearTimeout(timer.current);
    pending.current = undefined;
    setFound(null);
    removeLocalDraft(key);
    try {
      await client.call('drafts.delete', { key });
    } catch {
      // The dossier is saved; a leftover draft will be offered and can be dropped.
    }
  }, [client, key]);

  return { found, savedAt, saveFailed, take, discard, markSaved };
}
