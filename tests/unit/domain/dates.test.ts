import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ageOn, isAfter, toIsoDate } from '../../../shared/domain/dates';

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
