import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The typed API client of the app (the only way to reach main). */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() hors de <ApiProvider>');
  return client;
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
 * Calls a read method when the component mounts and whenever its input changes (compared as JSON).
 * Answers that arrive after a newer call started are ignored.
 */
export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: { enabled?: boolean } = {},
): QueryState<MethodOutput<M>> {
  const client = useApi();
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
  }, [client, method, key, enabled, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
