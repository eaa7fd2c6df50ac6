export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'unauthenticated',
  'conflict',
  'not_found',
  'forbidden',
  'unavailable',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A problem with one input field; `path` is dot-separated ("dateOfBirth", "sort.by"). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly fields?: readonly FieldError[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}
