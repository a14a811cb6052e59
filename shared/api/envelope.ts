/**
 * The envelope check, for main only (the renderer never needs it, and keeping zod out of the transport keeps it
 * out of the renderer's first load).
 */
import { z } from 'zod';
import type { ApiRequest, ApiResponse } from './transport';

/**
 * The envelope as it must arrive: it comes from the renderer or the network, so it is never trusted. One schema,
 * one limit per field: the dispatcher checks it, and a host uses the same check to keep a non-envelope from the App.
 */
export const apiRequestSchema = z.object({
  method: z.string().min(1).max(100),
  input: z.unknown(),
  /** Session tokens are 43 characters (256 bits, base64url). */
  session: z.string().min(1).max(200).nullish(),
});

export const INVALID_REQUEST_MESSAGE = 'Requête invalide : elle doit nommer une méthode et, le cas échéant, une session.';
const APP_FAILED_MESSAGE = 'Erreur interne de l’application. Réessayez ; si le problème persiste, contactez l’administrateur.';

/** The request in a received value, or null when it is not an envelope (a missing input is an empty one). */
export function parseApiRequest(value: unknown): ApiRequest | null {
  const parsed = apiRequestSchema.safeParse(value);
  if (!parsed.success) return null;
  const { method, input, session } = parsed.data;
  return session === null || session === undefined ? { method, input: input ?? {} } : { method, input: input ?? {}, session };
}

/**
 * What a host (IPC, HTTP) does with a received value: a non-envelope is refused without reaching the App; an App
 * that throws (it never should) becomes an INTERNAL error.
 */
export async function forwardRequest(handle: (request: ApiRequest) => Promise<ApiResponse>, value: unknown): Promise<ApiResponse> {
  const request = parseApiRequest(value);
  if (!request) return { ok: false, error: { code: 'VALIDATION', message: INVALID_REQUEST_MESSAGE } };
  try {
    return await handle(request);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: APP_FAILED_MESSAGE } };
  }
}

