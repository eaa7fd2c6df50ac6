import type { Kysely } from 'kysely';
import type { SessionUser } from '../../shared/contract/auth';
import { toIsoDate, type IsoDate } from '../../shared/domain/dates';
import type { StepwiseSchema } from '../db/schema';

export interface Clock {
  now(): Date;
  /** Today's date in the clinic's local calendar. */
  today(): IsoDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => toIsoDate(new Date()),
};

export function fixedClock(instant: Date): Clock {
  return { now: () => new Date(instant.getTime()), today: () => toIsoDate(instant) };
}

/** A password hasher; tests may pass a cheaper one, the app uses Argon2id. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** What every service needs; tests pass a fixed clock and deterministic ids. */
export interface ServiceContext {
  readonly db: Kysely<StepwiseSchema>;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly passwords: PasswordHasher;
  /** The signed-in user acting, or null before sign-in. */
  readonly actor: SessionUser | null;
  /** The sign-in session acting: emergency access granted in it holds until it ends. */
  readonly sessionId?: string;
}
