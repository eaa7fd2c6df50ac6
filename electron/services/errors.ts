import type { ErrorCode, FieldError } from '../../shared/contract/result';

/**
 * A failure the person at the screen can act on; its message is shown as written. A `cause` (the error it explains,
 * which may name paths the screen must not show) goes to the log.
 */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
    readonly fields: readonly FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export function invalidField(path: string, message: string): DomainError {
  return new DomainError('invalid_input', message, [{ path, message }]);
}
