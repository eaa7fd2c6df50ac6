import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageOn, dayNumber, daysBetween, isAfter, isIsoDate, isoDateOfDay, toIsoDate } from '../../../shared/domain/dates';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Dates in years 1300–8000 as ISO strings, built from UTC so the time zone cannot shift them. Adding up to
 * ±100,000 days (about 274 years) keeps every result within four-digit years 1000–9999.
 */
const isoDate = fc
  .date({ min: new Date(Date.UTC(1300, 0, 1)), max: new Date(Date.UTC(8000, 11, 31)), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('toIsoDate', () => {
  it('formats a date in the local calendar as YYYY-MM-DD', () => {
    expect(toIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(toIsoDate(new Date(2024, 1, 29))).toBe('2024-02-29');
    expect(toIsoDate(new Date(1999, 11, 31))).toBe('1999-12-31');
  });

  it('uses the local day, not the UTC day, late in the evening and early in the morning', () => {
    expect(toIsoDate(new Date(2026, 11, 31, 23, 59, 59, 999))).toBe('2026-12-31');
    expect(toIsoDate(new Date(2027, 0, 1, 0, 0, 0, 0))).toBe('2027-01-01');
  });

  it('pads years below 1000 to four digits', () => {
    const early = new Date(2026, 6, 4);
    early.setFullYear(5);
    expect(toIsoDate(early)).toBe('0005-07-04');
  });

  it('round-trips through the local Date constructor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (year, month, day) => {
        expect(toIsoDate(new Date(year, month - 1, day, 12))).toBe(iso(year, month, day));
      }),
    );
  });
});

describe('isAfter', () => {
  it.each([
    ['2026-03-02', '2026-03-01', true],
    ['2026-03-01', '2026-03-02', false],
    ['2026-03-01', '2026-03-01', false],
    ['2026-10-01', '2026-09-30', true],
    ['2027-01-01', '2026-12-31', true],
    ['1999-12-31', '2000-01-01', false],
    ['2024-02-29', '2024-02-28', true],
  ])('isAfter(%s, %s) is %s', (a, b, expected) => {
    expect(isAfter(a, b)).toBe(expected);
  });

  it('agrees with the order of the calendar days', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        expect(isAfter(a, b)).toBe(Date.parse(a) > Date.parse(b));
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts a birthday that is today', () => {
    expect(ageOn('2000-05-10', '2026-05-10')).toBe(26);
  });

  it('does not count a birthday that is tomorrow', () => {
    expect(ageOn('2000-05-10', '2026-05-09')).toBe(25);
    expect(ageOn('2000-05-10', '2026-04-30')).toBe(25);
  });

  it('counts a birthday that was yesterday', () => {
    expect(ageOn('2000-05-10', '2026-05-11')).toBe(26);
  });

  it('is zero on the day of birth and across the first year', () => {
    expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
    expect(ageOn('2025-03-02', '2026-03-01')).toBe(0);
  });

  it('handles a birthday late in the year seen early in the next', () => {
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35);
    expect(ageOn('1990-12-31', '2026-12-31')).toBe(36);
  });

  it('counts a leap-day birthday on 29 February in leap years', () => {
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
    expect(ageOn('2000-02-29', '2024-02-28')).toBe(23);
  });

  it('counts a leap-day birthday from 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
  });

  it('turns n years old exactly on the n-th birthday and not the day before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 120 }),
        (year, month, day, years) => {
          const birth = iso(year, month, day);
          const birthday = iso(year + years, month, day);
          expect(ageOn(birth, birthday)).toBe(years);
          expect(ageOn(birth, addDays(birthday, -1))).toBe(years - 1);
        },
      ),
    );
  });

  it('never decreases as the reference date moves forward', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: 0, max: 800 }), (birth, on, days) => {
        expect(ageOn(birth, addDays(on, days))).toBeGreaterThanOrEqual(ageOn(birth, on));
      }),
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-15', 0, '2026-03-15'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-01', -1, '2026-01-31'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2026-03-01', -365 * 75, '1951-03-20'],
    ['2026-03-01', 1000, '2028-11-25'],
  ])('addDays(%s, %i) is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('does not depend on the local time zone or daylight saving', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
  });

  // Known bug: Date.UTC maps years 0–99 to 1900–1999, so early (but valid) ISO dates jump by 1900 years.
  it('keeps years below 100 as they are', () => {
    expect(addDays('0050-01-01', 1)).toBe('0050-01-02');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('always returns a valid ISO date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -100_000, max: 100_000 }), (date, days) => {
        const result = addDays(date, days);
        expect(result).toMatch(ISO_DATE);
        expect(new Date(`${result}T00:00:00Z`).toISOString().slice(0, 10)).toBe(result);
      }),
    );
  });

  it('is undone by adding the opposite number of days', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -100_000, max: 100_000 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
      }),
    );
  });

  it('adds in steps the same as at once', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -50_000, max: 50_000 }), fc.integer({ min: -50_000, max: 50_000 }), (date, a, b) => {
        expect(addDays(addDays(date, a), b)).toBe(addDays(date, a + b));
      }),
    );
  });

  it('moves later exactly when the number of days is positive', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -10_000, max: 10_000 }), (date, days) => {
        expect(isAfter(addDays(date, days), date)).toBe(days > 0);
        expect(addDays(date, days) === date).toBe(days === 0);
      }),
    );
  });
});

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30', '0001-01-01', '9999-12-31'])('accepts the real date %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each([
    ['2025-02-29', 'not a leap year'],
    ['1900-02-29', 'a century that is not a leap year'],
    ['2026-02-30', 'no 30 February'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['2026-1-01', 'an unpadded month'],
    ['2026-01-1', 'an unpadded day'],
    ['26-01-01', 'a two-digit year'],
    ['2026/01/01', 'slashes'],
    ['2026-01-01T00:00:00Z', 'a timestamp'],
    [' 2026-01-01', 'a leading space'],
    ['2026-0a-01', 'a letter'],
    ['', 'an empty string'],
  ])('rejects %s (%s)', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });

  it('rejects a non-digit in any digit position', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.constantFrom(0, 1, 2, 3, 5, 6, 8, 9),
        fc.constantFrom('a', '-', '+', ' ', '/', ':', '.', '٣'),
        (date, position, character) => {
          expect(isIsoDate(date.slice(0, position) + character + date.slice(position + 1))).toBe(false);
        },
      ),
    );
  });

  it.each([null, undefined, 20260101, new Date(2026, 0, 1), ['2026-01-01']])('rejects the non-string %s', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it('agrees with the UTC calendar on every day it generates', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(isIsoDate(date)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const utc = new Date(Date.UTC(year, month - 1, day));
        const real = utc.getUTCMonth() === month - 1;
        expect(isIsoDate(iso(year, month, day))).toBe(real);
      }),
    );
  });
});

describe('dayNumber and daysBetween', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    // 2000-03-01 is day 11,017: 30 years of 365 days plus 7 leap days (1972 … 1996) plus 31 + 29 days of 2000.
    expect(dayNumber('2000-03-01')).toBe(30 * 365 + 7 + 31 + 29);
  });

  it.each([
    ['2026-03-01', '2026-03-01', 0],
    ['2026-03-01', '2026-03-02', 1],
    ['2026-03-02', '2026-03-01', -1],
    ['2024-02-28', '2024-03-01', 2], // leap year: 28 Feb, 29 Feb, 1 Mar
    ['2025-02-28', '2025-03-01', 1],
    ['1900-02-28', '1900-03-01', 1], // 1900 is not a leap year
    ['2000-02-28', '2000-03-01', 2], // 2000 is
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2026-12-31', '2027-01-01', 1],
  ])('daysBetween(%s, %s) is %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('is not shifted by daylight saving changes (Europe and the US, spring and autumn)', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it('agrees with UTC millisecond arithmetic and with addDays', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (from, to) => {
        expect(daysBetween(from, to)).toBe((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
      }),
    );
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -100_000, max: 100_000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });

  it('has isoDateOfDay as its inverse on every day of years 0000–9999, the same day a UTC Date names', () => {
    const first = dayNumber('0000-01-01');
    const last = dayNumber('9999-12-31');
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        const date = isoDateOfDay(day);
        expect(date).toMatch(ISO_DATE);
        expect(dayNumber(date)).toBe(day);
        const utc = new Date(0);
        utc.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
        expect(utc.getTime() / 86_400_000).toBe(day);
      }),
      { numRuns: 2000 },
    );
    expect([first - 1, first, last, last + 1].map(isoDateOfDay)).toEqual(['-000001-12', '0000-01-01', '9999-12-31', '+010000-01']);
  });

  it('handles years below 100 and the last day of 9999', () => {
    expect(daysBetween('0050-01-01', '0050-01-02')).toBe(1);
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
    expect(daysBetween('0000-02-28', '0000-03-01')).toBe(2); // year 0 is a leap year (proleptic Gregorian)
    expect(daysBetween('9999-12-30', '9999-12-31')).toBe(1);
  });
});
