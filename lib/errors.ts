/**
 * Errors as data. Use cases throw AppError for expected failures; the action wrapper turns
 * them into an ActionResult the form can show next to the field. Anything else is logged with
 * a reference id and reaches the user as a generic message.
 */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "INVALID_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "VENDOR_ERROR",
  "OUTCOME_UNKNOWN",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export interface ActionError {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** Reference id of the logged incident, for unexpected errors. */
  ref?: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
