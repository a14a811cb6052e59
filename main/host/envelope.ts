import type { ApiErrorBody, ApiErrorCode } from '../../shared/api/errors';
import type { ApiRequest, ApiResponse } from '../../shared/api/transport';

/**
 * The envelope check both hosts run before handing a request to the App: the App validates the
 * method's input; the host only makes sure what arrived is an envelope at all.
 */
export type EnvelopeCheck = { ok: true; request: ApiRequest } | { ok: false; error: ApiErrorBody };

const MAX_METHOD_LENGTH = 100;
const MAX_SESSION_LENGTH = 500;

export function refusal(code: ApiErrorCode, message: string): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: { code, message } };
}

export function checkEnvelope(value: unknown): EnvelopeCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refusal('VALIDATION', 'Requête invalide : un objet { method, input } est attendu.');
  }
  const record = value as Record<string, unknown>;
  const { method, input, session } = record;
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
    return refusal('VALIDATION', 'Requête invalide : le nom de la méthode est manquant ou incorrect.');
  }
  if (session !== undefined && session !== null && (typeof session !== 'string' || session.length > MAX_SESSION_LENGTH)) {
    return refusal('VALIDATION', 'Requête invalide : le jeton de session est incorrect.');
  }
  const request: ApiRequest = { method, input: input === undefined ? {} : input };
  if (typeof session === 'string') request.session = session;
  return { ok: true, request };
}

/** Forwards a checked envelope to the App; a throw (which the App should never do) becomes INTERNAL. */
export async function forwardToApp(
  handle: (request: ApiRequest) => Promise<ApiResponse>,
  value: unknown,
): Promise<ApiResponse> {
  const checked = checkEnvelope(value);
  if (!checked.ok) return checked;
  try {
    return await handle(checked.request);
  } catch {
    return refusal('INTERNAL', 'Erreur interne de l’application. Réessayez ; si le problème persiste, contactez l’administrateur.');
  }
}
