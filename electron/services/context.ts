import type { Kysely } from 'kysely';
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

/** What every service needs; tests pass a fixed clock and deterministic ids. */
export interface ServiceContext {
  readonly db: Kysely<StepwiseSchema>;
  readonly clock: Clock;
  readonly newId: () => string;
}
