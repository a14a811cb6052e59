/** Error codes every API call may return. Messages are always in French. */
export const API_ERROR_CODES = [
  'VALIDATION', // bad input: nothing was written
  'UNAUTHENTICATED', // no session, expired session, or wrong credentials
  'TOO_MANY_ATTEMPTS', // sign-in closed for a few seconds after repeated failures (the message says how long)
  'FORBIDDEN', // the role or the dossier assignment does not allow it
  'NOT_FOUND',
  'CONFLICT', // stale version, duplicate (e.g. a CAF number already used)
  'RULE', // a business rule of the handbook refuses the write
  'NOT_INITIALIZED', // no database yet: run the setup wizard
  'ALREADY_INITIALIZED',
  'DATABASE', // file is not a database, wrong key, schema newer than the app...
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Key used in fieldErrors for a message about the whole input or record rather than one field. */
export const ROOT_FIELD = '_';

export interface ApiErrorBody {
  code: ApiErrorCode;
  /** French, shown to the user as is. */
  message: string;
  /** Field path (dot separated, as in react-hook-form) → French message. */
  fieldErrors?: Record<string, string>;
  /** On a stale save (CONFLICT): who saved the record last (display name) and when (ISO instant), from the journal. */
  conflict?: ConflictInfo;
}

/** Who changed a record last and when (ISO instant). */
export interface ConflictInfo {
  by: string;
  at: string;
}

/** Thrown by services in main; serialised by the dispatcher. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fieldErrors: Record<string, string> | undefined;
  readonly conflict: ConflictInfo | undefined;
  constructor(code: ApiErrorCode, message: string, fieldErrors?: Record<string, string>, conflict?: ConflictInfo) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.conflict = conflict;
  }
  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
      ...(this.conflict ? { conflict: { by: this.conflict.by, at: this.conflict.at } } : {}),
    };
  }
}
