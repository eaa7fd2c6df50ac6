import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDateSchema } from '../../../shared/contract/fields';
import { DATE_FORMAT_LABELS, DATE_FORMATS, parseDate, suggestDateFormat, type DateFormat } from '../../../shared/import/mapping';

const runs = { numRuns: 1000 };

describe('parseDate', () => {
  it.each([
    ['2026-03-01', 'iso', '2026-03-01'],
    ['03/01/2026', 'mdy', '2026-03-01'],
    ['01/03/2026', 'dmy', '2026-03-01'],
    ['3/1/2026', 'mdy', '2026-03-01'],
    ['1/3/2026', 'dmy', '2026-03-01'],
    ['12/31/1999', 'mdy', '1999-12-31'],
    ['31/12/1999', 'dmy', '1999-12-31'],
    ['0001-01-01', 'iso', '0001-01-01'],
    ['9999-12-31', 'iso', '9999-12-31'],
  ] as const)('reads %j as %s → %s', (text, format, iso) => {
    expect(parseDate(text, format)).toBe(iso);
  });

  it.each([
    ['2024-02-29', 'iso', '2024-02-29'],
    ['2000-02-29', 'iso', '2000-02-29'],
    ['1600-02-29', 'iso', '1600-02-29'],
    ['02/29/2024', 'mdy', '2024-02-29'],
    ['29/02/2000', 'dmy', '2000-02-29'],
    ['2023-02-28', 'iso', '2023-02-28'],
    ['1900-02-28', 'iso', '1900-02-28'],
  ] as const)('accepts the leap day or last day of February %j (%s)', (text, format, iso) => {
    expect(parseDate(text, format)).toBe(iso);
  });

  it.each([
    ['2023-02-29', 'iso'],
    ['1900-02-29', 'iso'],
    ['2100-02-29', 'iso'],
    ['2024-02-30', 'iso'],
    ['02/29/2023', 'mdy'],
    ['29/02/1900', 'dmy'],
  ] as const)('rejects the impossible February date %j (%s)', (text, format) => {
    expect(parseDate(text, format)).toBeNull();
  });

  it.each([
    ['2026-13-01', 'iso'],
    ['2026-00-10', 'iso'],
    ['2026-01-00', 'iso'],
    ['2026-01-32', 'iso'],
    ['13/01/2026', 'mdy'],
    ['01/13/2026', 'dmy'],
    ['0/10/2026', 'mdy'],
    ['10/0/2026', 'mdy'],
    ['01/32/2026', 'mdy'],
    ['32/01/2026', 'dmy'],
  ] as const)('rejects month 13, month 0, day 0 and day 32: %j (%s)', (text, format) => {
    expect(parseDate(text, format)).toBeNull();
  });

  it.each(['04', '06', '09', '11'])('month %s has 30 days', (month) => {
    expect(parseDate(`2026-${month}-30`, 'iso')).toBe(`2026-${month}-30`);
    expect(parseDate(`2026-${month}-31`, 'iso')).toBeNull();
    expect(parseDate(`${month}/31/2026`, 'mdy')).toBeNull();
    expect(parseDate(`31/${month}/2026`, 'dmy')).toBeNull();
  });

  it.each(['01', '03', '05', '07', '08', '10', '12'])('month %s has 31 days', (month) => {
    expect(parseDate(`2026-${month}-31`, 'iso')).toBe(`2026-${month}-31`);
    expect(parseDate(`31/${month}/2026`, 'dmy')).toBe(`2026-${month}-31`);
  });

  it.each([
    ['  2026-03-01  ', 'iso'],
    ['\t2026-03-01\n', 'iso'],
    [' 03/01/2026 ', 'mdy'],
    ['\u00a001/03/2026\u00a0', 'dmy'],
  ] as const)('ignores surrounding whitespace in %j', (text, format) => {
    expect(parseDate(text, format)).toBe('2026-03-01');
  });

  it.each([
    ['03/01/2026', 'iso'],
    ['2026/03/01', 'iso'],
    ['2026.03.01', 'iso'],
    ['2026-3-1', 'iso'],
    ['26-03-01', 'iso'],
    ['2026-03-01T00:00:00Z', 'iso'],
    ['2026-03-01 12:00', 'iso'],
    ['20260301', 'iso'],
    ['+2026-03-01', 'iso'],
    ['2026-03-01', 'mdy'],
    ['2026-03-01', 'dmy'],
    ['03/01/26', 'mdy'],
    ['003/01/2026', 'mdy'],
    ['03 01 2026', 'mdy'],
    ['03\\01\\2026', 'dmy'],
    ['March 1, 2026', 'mdy'],
    ['1 Mar 2026', 'dmy'],
    ['', 'iso'],
    ['   ', 'mdy'],
    ['２０２６-03-01', 'iso'],
    ['٢٠٢٦-٠٣-٠١', 'iso'],
    ['03/01/2026 03/01/2026', 'mdy'],
  ] as const)('rejects %j written in the wrong shape for %s', (text, format) => {
    expect(parseDate(text, format)).toBeNull();
  });

  it.each(['/', '.', '-'])('accepts %j between the parts of a slashed date', (separator) => {
    expect(parseDate(['03', '01', '2026'].join(separator), 'mdy')).toBe('2026-03-01');
    expect(parseDate(['01', '03', '2026'].join(separator), 'dmy')).toBe('2026-03-01');
  });

  it('refuses mixed separators in one slashed date', () => {
    expect(parseDate('03/01-2026', 'mdy')).toBeNull();
    expect(parseDate('01.03/2026', 'dmy')).toBeNull();
  });

  it('labels every format', () => {
    expect(Object.keys(DATE_FORMAT_LABELS).sort()).toEqual([...DATE_FORMATS].sort());
  });

  const validDate = fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

  function write(iso: string, format: DateFormat, separator: string, pad: boolean): string {
    const [year, month, day] = iso.split('-') as [string, string, string];
    const part = (value: string) => (pad ? value : String(Number(value)));
    if (format === 'iso') return iso;
    return format === 'mdy' ? [part(month), part(day), year].join(separator) : [part(day), part(month), year].join(separator);
  }

  it('reads back any real date written in each format, with any separator and padding', () => {
    fc.assert(
      fc.property(validDate, fc.constantFrom(...DATE_FORMATS), fc.constantFrom('/', '.', '-'), fc.boolean(), (iso, format, separator, pad) => {
        expect(parseDate(write(iso, format, separator, pad), format)).toBe(iso);
      }),
      runs,
    );
  });

  it('agrees with the contract’s ISO date schema on every YYYY-MM-DD string', () => {
    const digits = (length: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((parts) => parts.join(''));
    const lowMonth = fc.integer({ min: 0, max: 13 }).map((value) => String(value).padStart(2, '0'));
    const lowDay = fc.integer({ min: 0, max: 32 }).map((value) => String(value).padStart(2, '0'));
    const text = fc.tuple(digits(4), fc.oneof(lowMonth, digits(2)), fc.oneof(lowDay, digits(2))).map((parts) => parts.join('-'));
    fc.assert(
      fc.property(text, (value) => {
        const parsed = parseDate(value, 'iso');
        expect(parsed !== null, value).toBe(isoDateSchema.safeParse(value).success);
        if (parsed !== null) expect(parsed).toBe(value);
      }),
      runs,
    );
  });

  it('only ever returns a zero-padded ISO date of a real day, or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.constantFrom(...DATE_FORMATS), (text, format) => {
        const parsed = parseDate(text, format);
        if (parsed === null) return;
        expect(parsed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(isoDateSchema.safeParse(parsed).success).toBe(true);
      }),
      runs,
    );
  });
});

describe('suggestDateFormat', () => {
  it.each([
    [[], 'iso'],
    [['', '  '], 'iso'],
    [['2026-03-01', ' 1999-12-31 '], 'iso'],
    [['2026-03-01', ''], 'iso'],
    [['03/01/2026', '12/31/2026'], 'mdy'],
    [['03/01/2026', '04/05/2026'], 'mdy'],
    [['1.2.2026'], 'mdy'],
    [['03/01/2026', '13/01/2026'], 'dmy'],
    [['31.12.1999'], 'dmy'],
    [['25-12-2026', '01-02-2026'], 'dmy'],
    [['2026-03-01', '03/01/2026'], 'mdy'],
    [['2026-03-01', '30/01/2026'], 'dmy'],
    [['not a date', 'n/a'], 'iso'],
    [['not a date', '05/06/2026'], 'mdy'],
  ] as const)('%j → %s', (samples, format) => {
    expect(suggestDateFormat(samples)).toBe(format);
  });

  it('suggests a format that reads every sample whenever one format reads them all', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DATE_FORMATS),
        fc.array(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), {
          minLength: 1,
          maxLength: 8,
        }),
        (format, dates) => {
          const isos = dates.map((date) => date.toISOString().slice(0, 10));
          const samples = isos.map((iso) => {
            const [year, month, day] = iso.split('-') as [string, string, string];
            return format === 'iso' ? iso : format === 'mdy' ? `${month}/${day}/${year}` : `${day}/${month}/${year}`;
          });
          const suggested = suggestDateFormat(samples);
          if (samples.every((sample) => parseDate(sample, suggested) !== null)) return;
          // The suggestion may only fail to read all samples when no format could.
          const someFormatReadsAll = DATE_FORMATS.some((candidate) => samples.every((sample) => parseDate(sample, candidate) !== null));
          expect(someFormatReadsAll).toBe(false);
        },
      ),
      runs,
    );
  });
});
