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
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  utc.setUTCFullYear(y, m - 1, d + days);
  return utc.toISOString().slice(0, 10);
}

/** The Monday of the ISO week containing `date`. */
export function startOfWeek(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  const weekday = (day.getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}
