import { DomainError } from './errors';

export const WRONG_CREDENTIALS_MESSAGE = 'The username or password is not correct.';
/** Failed attempts allowed before each further failure makes the next attempt wait longer. */
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_SECONDS = 5;
const LONGEST_WAIT_SECONDS = 15 * 60;

/** 5 s after the 3rd failure, then doubling, up to 15 minutes. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_SECONDS);
}

export interface ThrottleState {
  readonly failedSignIns: number;
  readonly lockedUntil: string | null;
}

/** What a wrong password is told once `failures` attempts in a row have failed. */
export function wrongCredentials(failures: number): DomainError {
  const waitSeconds = waitAfterFailures(failures);
  return new DomainError(
    'invalid_input',
    waitSeconds > 0
      ? `${WRONG_CREDENTIALS_MESSAGE} After ${failures} failed attempts, wait ${waitSeconds} seconds before trying again.`
      : WRONG_CREDENTIALS_MESSAGE,
  );
}

function tooManyAttempts(remainingMs: number): DomainError {
  const seconds = Math.ceil(remainingMs / 1000);
  return new DomainError('forbidden', `Too many failed attempts. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`);
}

/** Refuses at once, without checking the password, while an account must wait. */
export function throttledUntil(lockedUntil: string | null, now: Date): void {
  if (lockedUntil !== null && new Date(lockedUntil) > now) throw tooManyAttempts(new Date(lockedUntil).getTime() - now.getTime());
}

/** One more failure, with the wait it earns; sign-in counts each attempt this way before trying the password. */
export function countFailure<T extends ThrottleState>(state: T, now: Date): T {
  const failures = state.failedSignIns + 1;
  const wait = waitAfterFailures(failures);
  return { ...state, failedSignIns: failures, lockedUntil: wait > 0 ? new Date(now.getTime() + wait * 1000).toISOString() : null };
}

export function throttleFailure<T extends ThrottleState>(state: T, now: Date): { updated: T; error: DomainError } {
  const updated = countFailure(state, now);
  return { updated, error: wrongCredentials(updated.failedSignIns) };
}

/** Names that match no account get the same answers and waits, kept in memory only. */
const unknownNames = new Map<string, ThrottleState>();

export function checkUnknownName(username: string, now: Date): void {
  throttledUntil(unknownNames.get(username.toLowerCase())?.lockedUntil ?? null, now);
}

export function failUnknownName(username: string, now: Date): DomainError {
  const key = username.toLowerCase();
  const { updated, error } = throttleFailure(unknownNames.get(key) ?? { failedSignIns: 0, lockedUntil: null }, now);
  if (unknownNames.size > 10_000) unknownNames.clear();
  unknownNames.set(key, updated);
  return error;
}
