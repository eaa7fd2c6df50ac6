import { toIsoDate, type IsoDate } from '../../../shared/domain/dates';
import type { Level } from '../../../shared/domain/levels';
import { capitalize, levelName } from './describe';

/** Today in the clinic's local calendar (the computer's time zone). */
export function todayIso(): IsoDate {
  return toIsoDate(new Date());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "12 days at IOP"; "Started IOP today" when it began today. */
export function daysAtLevel(since: IsoDate, today: IsoDate, level: Level): string {
  const days = daysBetween(since, today);
  const name = levelName(level);
  if (days < 0) return `${capitalize(name)} starts in ${days === -1 ? '1 day' : `${-days} days`}`;
  if (days === 0) return `Started ${name} today`;
  return `${days === 1 ? '1 day' : `${days} days`} at ${name}`;
}

/** "in 3 days", "today", "2 days ago" for a calendar date. */
export function relativeDay(date: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment something happened, in the user's local date and time format. */
export function formatInstant(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : instantFormat.format(date);
}
