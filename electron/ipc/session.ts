import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../../shared/contract/auth';

/**
 * Who is signed in to this window. Lives only in the main process: the renderer learns the user from
 * auth.status but can never set it, and every channel's access is checked against this.
 */
export interface SessionStore {
  readonly user: SessionUser | null;
  /** A random id for this sign-in session; emergency access granted in it ends with it. */
  readonly id: string;
  /** The last time the person did something (ms since the epoch); the session locks after a quiet spell. */
  readonly lastActivity: number;
  readonly autoLockMinutes: number;
  begin(user: SessionUser): void;
  /** The same person, with roles or flags re-read; keeps the session's start and the activity clock. */
  refresh(user: SessionUser): void;
  touch(): void;
  setAutoLockMinutes(minutes: number): void;
  end(): void;
}

/** `now` is the app's clock in milliseconds, so tests with a fixed clock see the same time as the services. */
export function createSessionStore(now: () => number = Date.now): SessionStore {
  let current: SessionUser | null = null;
  let id: string = randomUUID();
  let lastActivity = 0;
  let autoLockMinutes = 10;
  return {
    get user() {
      return current;
    },
    get id() {
      return id;
    },
    get lastActivity() {
      return lastActivity;
    },
    get autoLockMinutes() {
      return autoLockMinutes;
    },
    begin(user) {
      // Emergency access ends with the session; a password change within it keeps it.
      if (current?.id !== user.id) id = randomUUID();
      current = user;
      lastActivity = now();
    },
    refresh(user) {
      if (current?.id === user.id) current = user;
    },
    touch() {
      if (current) lastActivity = Math.max(lastActivity, now());
    },
    setAutoLockMinutes(minutes) {
      autoLockMinutes = minutes;
    },
    end() {
      current = null;
      lastActivity = 0;
      id = randomUUID();
    },
  };
}
