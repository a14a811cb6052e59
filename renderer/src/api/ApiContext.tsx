import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/client';
import { api, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { WRITES_THAT_REFRESH_NOTHING } from '../../../shared/api/live';

/**
 * The one invalidation mechanism of the renderer: a number bumped after every successful write (a method
 * whose contract entry says `writes: true`). Every `useApiQuery` (and the few hand-made reads, e.g.
 * `interview.summary`) depends on it, so whatever is on screen is read again after any write, wherever
 * the write was made. Nothing is cached across versions.
 */
export interface DataVersion {
  get(): number;
  subscribe(listener: () => void): () => void;
  bump(): void;
}

export function createDataVersion(): DataVersion {
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => version,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    bump() {
      version += 1;
      for (const listener of listeners) listener();
    },
  };
}

/**
 * Whether a successful call of `method` changes data that reads show. Drafts are the user's unsaved input, shown by
 * no read: saving one (every few seconds) refreshes nothing. Nor does opening « Mon activité » (`desk.mine` records
 * the visit): read again after a write, it would write again, forever. The server's live events use the same list.
 */
export function changesData(method: MethodName): boolean {
  return api[method].writes && !WRITES_THAT_REFRESH_NOTHING.has(method);
}

/** The client, bumping `version` after each successful write. */
function versionedClient(client: ApiClient, version: DataVersion): ApiClient {
  return {
    async call(method, input) {
      const output = await client.call(method, input);
      if (changesData(method)) version.bump();
      return output;
    },
    setSession: (session) => client.setSession(session),
    getSession: () => client.getSession(),
  };
}

const ApiContext = createContext<{ client: ApiClient; version: DataVersion } | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [version] = useState(createDataVersion);
  const value = useMemo(() => ({ client: versionedClient(client, version), version }), [client, version]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext() {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi() hors de <ApiProvider>');
  return value;
}

/** The typed API client of the app (the only way to reach main). */
export function useApi(): ApiClient {
  return useApiContext().client;
}

/** The data version: changes after every successful write made through `useApi()`. */
export function useDataVersion(): number {
  const { version } = useApiContext();
  return useSyncExternalStore(version.subscribe, version.get);
}

/**
 * Reads everything on screen again without a write of this window: live updates (LiveUpdates) call `refresh` when
 * another desk changed data; `current` tells whether a bump happened since (a write made here already re-read).
 */
export function useDataRefresh(): { refresh: () => void; current: () => number } {
  const { version } = useApiContext();
  return useMemo(() => ({ refresh: () => version.bump(), current: () => version.get() }), [version]);
}

/** Any thrown value as an ApiError with a French message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INTERNAL', 'Une erreur inattendue est survenue. Réessayez.');
}

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Calls the method again (keeps the current data until the answer). */
  reload: () => void;
}

/**
 * Calls a read method when the component mounts, whenever its input changes (compared as JSON), and after
 * every write (data version): the current data stays shown while it is read again.
 * Answers that arrive after a newer call started are ignored.
 */
export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: { enabled?: boolean } = {},
): QueryState<MethodOutput<M>> {
  const client = useApi();
  const dataVersion = useDataVersion();
  const enabled = options.enabled ?? true;
  const key = JSON.stringify(input);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ data: MethodOutput<M> | undefined; error: ApiError | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: enabled,
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    client.call(method, JSON.parse(key) as MethodInput<M>).then(
      (data) => {
        if (current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (current) setState((s) => ({ ...s, error: toApiError(error), loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, method, key, enabled, generation, dataVersion]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
