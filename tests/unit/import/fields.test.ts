import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, IMPORT_KINDS, IMPORT_KIND_LABELS, normalizeHeader } from '../../../shared/import/fields';

const runs = { numRuns: 500 };

describe('normalizeHeader', () => {
  it.each([
    ['Date of Birth', 'dateofbirth'],
    ['date_of_birth', 'dateofbirth'],
    ['DateOfBirth', 'dateofbirth'],
    ['DATE-OF-BIRTH', 'dateofbirth'],
    ['date.of.birth', 'dateofbirth'],
    ['  Date   of\tBirth  ', 'dateofbirth'],
    [' DOB ', 'dob'],
    ['D.O.B.', 'dob'],
    ['(DOB)', 'dob'],
    ['MRN #', 'mrn'],
    ['Patient ID:', 'patientid'],
    ['weeklyTreatmentHours', 'weeklytreatmenthours'],
    ['needs24HourSupervision', 'needs24hoursupervision'],
    ['', ''],
    ['   ', ''],
    ['—/_-', ''],
  ])('%j → %j', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized);
  });

  it('reads the four spellings of date of birth as one key', () => {
    const keys = ['Date of Birth', 'date_of_birth', 'DateOfBirth', 'Date-Of-Birth'].map(normalizeHeader);
    expect(new Set(keys)).toEqual(new Set(['dateofbirth']));
  });

  it.each([
    ['composed and decomposed accents', 'Née', 'Ne\u0301e', 'née'],
    ['full-width letters', 'ＤＯＢ', 'dob', 'dob'],
    ['the fi ligature', 'ﬁrst', 'first', 'first'],
    ['a non-breaking space', 'date\u00a0of\u00a0birth', 'date of birth', 'dateofbirth'],
    ['a byte order mark', '\ufeffmrn', 'mrn', 'mrn'],
    ['non-Latin letters and digits', 'Дата 1', 'дата1', 'дата1'],
  ])('treats %s alike (NFKC, then lower case)', (_what, left, right, normalized) => {
    expect(normalizeHeader(left)).toBe(normalized);
    expect(normalizeHeader(right)).toBe(normalized);
  });

  it('is idempotent where dropping a separator lets NFKC compose letters (Hangul jamo)', () => {
    const normalized = normalizeHeader('ﾡ ㅏ');
    expect(normalizeHeader(normalized)).toBe(normalized);
  });

  it('keeps accents: an accented header is not the unaccented word', () => {
    expect(normalizeHeader('Née')).not.toBe(normalizeHeader('Nee'));
  });

  it('keeps only lower-case letters and digits, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (header) => {
        const normalized = normalizeHeader(header);
        expect(normalized).toMatch(/^[\p{L}\p{N}]*$/u);
        expect(normalizeHeader(normalized)).toBe(normalized);
      }),
      runs,
    );
  });

  it('ignores the case and separators of any field key or alias', () => {
    const names = IMPORT_KINDS.flatMap((kind) => IMPORT_FIELDS[kind].flatMap((field) => [field.key, ...field.aliases]));
    const separator = fc.constantFrom('', ' ', '_', '-', '.', '  ', '\t', '/');
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.array(separator, { minLength: 60, maxLength: 60 }),
        (name, upper, separators) => {
          const decorated = [...name]
            .map((character, index) => `${separators[index] ?? ''}${upper[index] ? character.toUpperCase() : character.toLowerCase()}`)
            .join('');
          expect(normalizeHeader(`  ${decorated} `)).toBe(normalizeHeader(name));
        },
      ),
      runs,
    );
  });
});

describe('IMPORT_FIELDS', () => {
  it('has a label and fields for every kind', () => {
    expect(Object.keys(IMPORT_KIND_LABELS).sort()).toEqual([...IMPORT_KINDS].sort());
    for (const kind of IMPORT_KINDS) expect(IMPORT_FIELDS[kind].length).toBeGreaterThan(0);
  });

  it.each(IMPORT_KINDS)('%s: every key and alias names exactly one field once normalized', (kind) => {
    const owner = new Map<string, string>();
    for (const field of IMPORT_FIELDS[kind]) {
      for (const name of [field.key, ...field.aliases]) {
        const normalized = normalizeHeader(name);
        expect(normalized, `${name} of ${field.key}`).not.toBe('');
        const earlier = owner.get(normalized);
        if (earlier !== undefined) expect(earlier, `${name} is claimed by ${earlier} and ${field.key}`).toBe(field.key);
        owner.set(normalized, field.key);
      }
    }
  });

  it.each([
    ['cases', ['mrn', 'name', 'date_of_birth']],
    ['assessments', ['mrn', 'assessed_on']],
    ['episodes', ['mrn', 'level', 'started_on']],
  ] as const)('%s requires %j', (kind, required) => {
    expect(IMPORT_FIELDS[kind].filter((field) => field.required).map((field) => field.key)).toEqual(required);
  });

  it.each(IMPORT_KINDS)('%s: keys are unique and every field has a label', (kind) => {
    const keys = IMPORT_FIELDS[kind].map((field) => field.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of IMPORT_FIELDS[kind]) expect(field.label.trim()).not.toBe('');
  });
});
