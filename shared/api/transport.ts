import type { ApiErrorBody } from './errors';

/** What travels over IPC or HTTP: one envelope for every method. */
export interface ApiRequest {
  method: string;
  input: unknown;
  /** Session token returned by auth.login; absent for public methods. */
  session?: string | undefined;
}

export type ApiResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** A transport sends one envelope and resolves with the response (never rejects for API errors). */
export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

/** Electron: the preload exposes exactly this on window. */
export const PRELOAD_GLOBAL = 'parcoursApi' as const;
export interface PreloadApi {
  invoke(request: ApiRequest): Promise<ApiResponse>;
}
/** Electron: the single IPC channel. */
export const IPC_CHANNEL = 'parcours:api' as const;

/** Browser mode: HTTP endpoint and headers. */
export const HTTP_API_PATH = '/api' as const;
export const HTTP_TOKEN_HEADER = 'x-parcours-token' as const;
/** Browser mode: the per-launch token is given to the page in this meta tag. */
export const TOKEN_META_NAME = 'parcours-launch-token' as const;

/** Server mode (issue 14): server-sent events, health, cookies and headers of the HTTPS host (main/server/host.ts). */
export const HTTP_EVENTS_PATH = '/api/events' as const;
export const HTTP_HEALTH_PATH = '/api/health' as const;
export const SESSION_COOKIE = '__Host-parcours-session' as const;
export const CSRF_COOKIE = '__Host-parcours-csrf' as const;
export const CSRF_HEADER = 'x-parcours-csrf' as const;
/** `desktop` on every request of the desktop client (bearer session, no cookies). */
export const CLIENT_HEADER = 'x-parcours-client' as const;
/** What a browser's login answer carries instead of the token (the token is in the HttpOnly cookie). */
export const COOKIE_SESSION_PLACEHOLDER = 'cookie' as const;
