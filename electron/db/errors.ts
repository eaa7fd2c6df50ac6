export type DatabaseOpenProblem =
  | 'not-a-database'
  | 'foreign-database'
  | 'too-new'
  | 'unwritable'
  | 'not-a-file'
  | 'missing'
  | 'needs-migration'
  | 'upgrade-failed'
  | 'not-encrypted'
  | 'unexpected-plaintext'
  | 'wrong-key';

/** A database that cannot be opened safely. The message is written for the person at the screen. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseOpenProblem,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

const UNWRITABLE_CODES = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_IOERR_WRITE',
]);

/** The `code` of a Node or SQLite error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function isUnwritableError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && (UNWRITABLE_CODES.has(code) || code.startsWith('SQLITE_READONLY'));
}

export function isNotADatabaseError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}
