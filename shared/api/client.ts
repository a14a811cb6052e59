import { ApiError } from './errors';
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { Transport } from './transport';

/**
 * The one typed client. The renderer holds one, built over the Electron preload or over HTTP.
 * Resolves with the method's output; rejects with an ApiError (French message) otherwise.
 */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  setSession(session: string | undefined): void;
  getSession(): string | undefined;
}

export function createApiClient(transport: Transport, initialSession?: string): ApiClient {
  let session = initialSession;
  return {
    async call(method, input) {
      const response = await transport({ method, input, session });
      if (!response.ok) {
        throw new ApiError(response.error.code, response.error.message, response.error.fieldErrors, response.error.conflict);
      }
      return response.value as MethodOutput<typeof method>;
    },
    setSession(s) {
      session = s;
    },
    getSession() {
      return session;
    },
  };
}
