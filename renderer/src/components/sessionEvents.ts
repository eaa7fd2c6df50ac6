import type { AppError } from '../../../shared/contract/result';
import { RequestError } from '../api/client';

/** The main process answers this code when no one is signed in (the session ended or the app restarted). */
const SESSION_ENDED_CODE: string = 'unauthenticated';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The signed-in shell listens here so any call that finds the session gone returns everyone to sign-in. */
export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isSessionEnded(error: AppError): boolean {
  return error.code === SESSION_ENDED_CODE;
}

/** Accepts an AppError (from `call`) or a RequestError (from `callOrThrow` via react-query). */
export function watchForSessionEnd(error: unknown): void {
  const appError = error instanceof RequestError ? error.appError : isAppError(error) ? error : null;
  if (appError && isSessionEnded(appError)) for (const listener of [...listeners]) listener();
}

function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
