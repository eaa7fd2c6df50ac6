/** Calendar dates are ISO strings (YYYY-MM-DD) in the clinic's local calendar. */
export type IsoDate = string;

export function toIsoDate(date: Date): IsoDate {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** ISO dates compare correctly as strings because every part is zero-padded. */
export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}

/** Whole years between a date of birth and a reference date. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDateOfDay(dayNumber(date) + days);
}

/** The Monday of the ISO week containing `date`. */
export function startOfWeek(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  const weekday = (day.getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** True for a real calendar day written as YYYY-MM-DD (month lengths and leap years checked). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return false;
  // A non-digit makes its part negative (see digitAt), so the range checks below also reject it.
  const year = digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3);
  const month = digitAt(value, 5) * 10 + digitAt(value, 6);
  const day = digitAt(value, 8) * 10 + digitAt(value, 9);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const DASH = 45;
const ZERO = 48;

/** The digit at a position, or a negative number large enough to make any part containing it negative. */
function digitAt(text: string, position: number): number {
  const digit = text.charCodeAt(position) - ZERO;
  return digit >= 0 && digit <= 9 ? digit : -100_000;
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index += 1) value = value * 10 + (text.charCodeAt(index) - ZERO);
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The day number of a valid ISO date: days since 1970-01-01 (negative before), by integer arithmetic on the
 * calendar fields (the proleptic Gregorian "days from civil" formula), so no time zone or daylight saving
 * change can shift it.
 */
export function dayNumber(date: IsoDate): number {
  const month = digits(date, 5, 2);
  const year = digits(date, 0, 4) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + digits(date, 8, 2) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const FIRST_DAY = dayNumber('0000-01-01');
const LAST_DAY = dayNumber('9999-12-31');

/**
 * The ISO date of a day number (see dayNumber), by the inverse "civil from days" formula: integer arithmetic again,
 * several times faster than a Date and its ISO string, which matters to code that steps through days by the
 * hundred thousand (the metrics, the reference caseload). Outside years 0000–9999, which YYYY-MM-DD cannot write,
 * the Date's own extended form is returned, as before.
 */
export function isoDateOfDay(day: number): IsoDate {
  if (day < FIRST_DAY || day > LAST_DAY) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  const shifted = day + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/** Calendar days from `from` to `to`: 0 on the same day, 1 for the next day, negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}
