import { ageOn, type IsoDate } from '../../../shared/domain/dates';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A calendar date in the user's local format ("1 Mar 2026" or "Mar 1, 2026"). */
export function formatDate(date: IsoDate): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

export function formatAge(dateOfBirth: IsoDate, today: IsoDate): string {
  return `${ageOn(dateOfBirth, today)} y`;
}

/** "today", "3 days ago", "2 months ago": time as people say it. */
export function formatSince(instant: string, now: Date): string {
  const days = Math.round((new Date(instant).getTime() - now.getTime()) / 86_400_000);
  if (Math.abs(days) < 45) return relative.format(days, 'day');
  const months = Math.round(days / 30.44);
  if (Math.abs(months) < 18) return relative.format(months, 'month');
  return relative.format(Math.round(days / 365.25), 'year');
}

/** A moment in this computer's local date and time; the text as given if it is not a time. */
export function formatInstant(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTime.format(date);
}
