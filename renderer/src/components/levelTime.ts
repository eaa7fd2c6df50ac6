import type { IsoDate } from '../../../shared/domain/dates';

const DAY_MS = 86_400_000;
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const shortDateWithYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function utcMidnight(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getTime();
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** "12 days", "1 day", "since today": how long someone has been at their level. */
export function formatDaysAtLevel(since: IsoDate, today: IsoDate): string {
  const days = daysBetween(since, today);
  if (days <= 0) return 'since today';
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** "3 Dec" within the current year, "3 Dec 2027" otherwise, in the user's own date order. */
export function formatShortDate(date: IsoDate, today: IsoDate): string {
  const format = date.slice(0, 4) === today.slice(0, 4) ? shortDate : shortDateWithYear;
  return format.format(new Date(`${date}T00:00:00Z`));
}
