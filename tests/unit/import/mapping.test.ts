import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind } from '../../../shared/import/fields';
import {
  autoMatchColumns,
  columnIndexByField,
  IGNORE_COLUMN,
  mappingProblems,
  reuseSavedColumns,
  sourceSignature,
  UNMATCHED,
} from '../../../shared/import/mapping';

const runs = { numRuns: 500 };
const keysOf = (kind: ImportKind) => IMPORT_FIELDS[kind].map((field) => field.key);
const requiredOf = (kind: ImportKind) => IMPORT_FIELDS[kind].filter((field) => field.required);

/** Header names that mean something to some kind, written the way people write them, plus noise. */
const knownName = fc.constantFrom(...IMPORT_KINDS.flatMap((kind) => IMPORT_FIELDS[kind].flatMap((field) => [field.key, ...field.aliases])));
const anyHeader = fc.oneof(
  knownName,
  knownName.map((name) => ` ${name.toUpperCase().replace(/_/g, ' ')} `),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', ' ', 'Unknown', 'notes2', '(ignore)'),
);
const anyKind = fc.constantFrom(...IMPORT_KINDS);

describe('autoMatchColumns', () => {
  it.each([
    ['cases', ['mrn', 'name', 'date_of_birth', 'clinician_username', 'program', 'payer', 'status'], keysOf('cases')],
    ['assessments', keysOf('assessments'), keysOf('assessments')],
    ['episodes', keysOf('episodes'), keysOf('episodes')],
  ] as const)('matches %s files that use the exact keys (as Stepwise exports them)', (kind, headers, expected) => {
    expect(autoMatchColumns(kind, headers)).toEqual(expected);
  });

  it.each([
    ['cases', ['Patient ID', 'Full Name', 'DOB'], ['mrn', 'name', 'date_of_birth']],
    ['cases', ['Medical Record Number', 'Patient_Name', 'Birth Date', 'Counsellor', 'Site', 'Insurance', 'Case Status'], keysOf('cases')],
    ['cases', ['client id', 'FULL_NAME', 'birthdate', 'Assigned Clinician', 'Programme', 'Payor'], keysOf('cases').slice(0, 6)],
    ['cases', ['MRN Number', 'Client Name', 'Born'], ['mrn', 'name', 'date_of_birth']],
    ['cases', ['DateOfBirth', 'Date of Birth'], ['date_of_birth', UNMATCHED]],
    [
      'assessments',
      ['Record Number', 'Date', 'SUD Severity', 'Withdrawal Risk', 'biomedical rating', 'Hours per week', 'Notes'],
      ['mrn', 'assessed_on', 'severity', 'withdrawal', 'biomedical', 'weekly_treatment_hours', 'note'],
    ],
    [
      'assessments',
      ['weeklyTreatmentHours', 'Comment', 'Date Assessed', 'Lifethreateninguse', 'needs_24_hour_supervision'],
      ['weekly_treatment_hours', 'note', 'assessed_on', 'lifeThreateningUse', 'needs24HourSupervision'],
    ],
    ['episodes', ['Patient ID', 'LOC', 'Admitted', 'Discharged', 'Reason for Discharge'], keysOf('episodes')],
    ['episodes', ['client id', 'Care Level', 'From', 'To', 'Reason'], keysOf('episodes')],
    ['episodes', ['MRN', 'Level of Care', 'Admission Date', 'Discharge Date', 'Discharge Reason'], keysOf('episodes')],
  ] as const)('%s: %j → %j', (kind, headers, expected) => {
    expect(autoMatchColumns(kind, headers)).toEqual(expected);
  });

  it.each([
    ['cases', ['Residential', 'Address', 'Phone', '', '   ', '#', 'date']],
    ['assessments', ['name', 'DOB', 'level', 'residential']],
    ['episodes', ['name', 'severity', 'assessed_on', 'Residential']],
  ] as const)('%s: leaves headers that name no field of the kind unmatched (%j)', (kind, headers) => {
    expect(autoMatchColumns(kind, headers)).toEqual(headers.map(() => UNMATCHED));
  });

  it.each([
    ['cases', ['MRN', 'Patient ID', 'Full Name', 'name', 'dob', 'Date of birth'], ['mrn', UNMATCHED, 'name', UNMATCHED, 'date_of_birth', UNMATCHED]],
    ['assessments', ['Notes', 'Comment', 'note'], ['note', UNMATCHED, UNMATCHED]],
    ['episodes', ['End', 'End date', 'ended_on', 'start'], ['ended_on', UNMATCHED, UNMATCHED, 'started_on']],
  ] as const)('%s: gives a field only to the first column that names it', (kind, headers, expected) => {
    expect(autoMatchColumns(kind, headers)).toEqual(expected);
  });

  it('matches nothing in an empty header row', () => {
    for (const kind of IMPORT_KINDS) expect(autoMatchColumns(kind, [])).toEqual([]);
  });

  it('returns one target per header, each a field of the kind, unmatched or (TEDS-D only) ignored, and no field twice', () => {
    fc.assert(
      fc.property(anyKind, fc.array(anyHeader, { maxLength: 30 }), (kind, headers) => {
        const columns = autoMatchColumns(kind, headers);
        expect(columns).toHaveLength(headers.length);
        const matched = columns.filter((target) => target !== UNMATCHED && target !== IGNORE_COLUMN);
        for (const target of matched) expect(keysOf(kind)).toContain(target);
        expect(new Set(matched).size).toBe(matched.length);
        if (kind !== 'teds-d') expect(columns).not.toContain(IGNORE_COLUMN);
      }),
      runs,
    );
  });

  it('produces a mapping whose only problems are unmatched columns and missing required fields', () => {
    fc.assert(
      fc.property(anyKind, fc.array(anyHeader, { maxLength: 30 }), (kind, headers) => {
        const columns = autoMatchColumns(kind, headers);
        for (const problem of mappingProblems(kind, headers, columns)) {
          expect(problem.message).toMatch(/matches no Stepwise field|which every row needs/);
        }
      }),
      runs,
    );
  });
});

describe('mappingProblems', () => {
  const headers = ['MRN', 'Full name', 'DOB'];

  it.each(IMPORT_KINDS)('%s: accepts the exact keys with no problems', (kind) => {
    expect(mappingProblems(kind, keysOf(kind), keysOf(kind))).toEqual([]);
  });

  it('accepts ignored columns', () => {
    expect(mappingProblems('cases', [...headers, 'Phone', ''], ['mrn', 'name', 'date_of_birth', IGNORE_COLUMN, IGNORE_COLUMN])).toEqual([]);
  });

  it('names the column number and header of an unmatched column', () => {
    expect(mappingProblems('cases', [...headers, ' Phone '], ['mrn', 'name', 'date_of_birth', UNMATCHED])).toEqual([
      { column: 4, message: 'The column 4 “Phone” matches no Stepwise field. Choose the field it holds, or “Ignore this column”.' },
    ]);
  });

  it('names an unmatched column without a header by its number only', () => {
    expect(mappingProblems('cases', [...headers, '  '], ['mrn', 'name', 'date_of_birth', UNMATCHED])).toEqual([
      { column: 4, message: 'The column 4 matches no Stepwise field. Choose the field it holds, or “Ignore this column”.' },
    ]);
  });

  it('shortens a long header to 60 characters in the sentence', () => {
    const long = 'x'.repeat(100);
    const [problem] = mappingProblems('cases', [...headers, long], ['mrn', 'name', 'date_of_birth', UNMATCHED]);
    expect(problem?.message).toContain(`column 4 “${'x'.repeat(60)}”`);
    expect(problem?.message).not.toContain('x'.repeat(61));
  });

  it('names both columns when a field is mapped twice, and reports it on the later one', () => {
    expect(mappingProblems('cases', [...headers, 'Patient ID'], ['mrn', 'name', 'date_of_birth', 'mrn'])).toEqual([
      { column: 4, message: 'The column 4 “Patient ID” and the column 1 “MRN” both fill “MRN”. Ignore one of them.' },
    ]);
  });

  it('reports each extra column of a field mapped three times', () => {
    const problems = mappingProblems('assessments', ['mrn', 'date', 'Notes', 'Comment', 'note'], ['mrn', 'assessed_on', 'note', 'note', 'note']);
    expect(problems.map((problem) => problem.column)).toEqual([4, 5]);
    expect(problems[1]?.message).toBe('The column 5 “note” and the column 3 “Notes” both fill “Note”. Ignore one of them.');
  });

  it.each(IMPORT_KINDS)('%s: names every required field that no column fills', (kind) => {
    const problems = mappingProblems(kind, ['Something'], [IGNORE_COLUMN]);
    expect(problems).toEqual(
      requiredOf(kind).map((field) => ({ column: null, message: `No column is mapped to “${field.label}”, which every row needs.` })),
    );
  });

  it('still requires a field whose only column is unmatched or ignored', () => {
    expect(mappingProblems('cases', headers, ['mrn', IGNORE_COLUMN, 'date_of_birth'])).toEqual([
      { column: null, message: 'No column is mapped to “Name”, which every row needs.' },
    ]);
  });

  it.each([
    ['a field of another kind', 'level'],
    ['a made-up key', 'favourite_colour'],
    ['a label instead of a key', 'Date of birth'],
    ['a differently cased key', 'MRN'],
  ])('rejects a target that is %s', (_what, target) => {
    expect(mappingProblems('cases', [...headers, 'Extra'], ['mrn', 'name', 'date_of_birth', target])).toEqual([
      { column: 4, message: `The column 4 “Extra” is mapped to “${target}”, which is not a field of cases.` },
    ]);
  });

  it.each([
    [2, 3],
    [4, 3],
    [0, 3],
  ])('rejects a mapping of %i columns for a file of %i, and says only that', (mapped, columns) => {
    const mapping = Array.from({ length: mapped }, () => UNMATCHED);
    const fileHeaders = Array.from({ length: columns }, (_, index) => `h${index}`);
    expect(mappingProblems('cases', fileHeaders, mapping)).toEqual([
      { column: null, message: `The mapping has ${mapped} columns but the file has ${columns}.` },
    ]);
  });

  it('reports several problems at once, columns first and missing fields last', () => {
    const problems = mappingProblems('episodes', ['A', 'B', 'C', 'D'], [UNMATCHED, 'mrn', 'mrn', 'nonsense']);
    expect(problems.map((problem) => problem.column)).toEqual([1, 3, 4, null, null]);
    expect(problems.slice(3).map((problem) => problem.message)).toEqual([
      'No column is mapped to “Level of care”, which every row needs.',
      'No column is mapped to “Start date”, which every row needs.',
    ]);
  });

  it('is empty exactly when every column is decided, no field is doubled and every required field is mapped', () => {
    const target = (kind: ImportKind) => fc.constantFrom(...keysOf(kind), IGNORE_COLUMN, UNMATCHED, 'nonsense');
    const scenario = anyKind.chain((kind) => fc.tuple(fc.constant(kind), fc.array(target(kind), { maxLength: 20 })));
    fc.assert(
      fc.property(scenario, ([kind, columns]) => {
        const fileHeaders = columns.map((_, index) => `h${index}`);
        const mapped = columns.filter((column) => column !== IGNORE_COLUMN);
        const valid =
          mapped.every((column) => keysOf(kind).includes(column)) &&
          new Set(mapped).size === mapped.length &&
          requiredOf(kind).every((field) => mapped.includes(field.key));
        expect(mappingProblems(kind, fileHeaders, columns).length === 0).toBe(valid);
      }),
      runs,
    );
  });
});

describe('reuseSavedColumns', () => {
  const headers = ['MRN', 'Full name', 'DOB', 'Phone'];
  const saved = ['mrn', 'name', 'date_of_birth', IGNORE_COLUMN];

  it('returns a copy of a saved mapping that still fits', () => {
    const reused = reuseSavedColumns('cases', headers, saved);
    expect(reused).toEqual(saved);
    expect(reused).not.toBe(saved);
  });

  it.each([
    ['nothing was saved', headers, undefined],
    ['the file has more columns', [...headers, 'Extra'], saved],
    ['the file has fewer columns', headers.slice(0, 3), saved],
    ['a column is unmatched', headers, ['mrn', 'name', 'date_of_birth', UNMATCHED]],
    ['a required field is no longer mapped', headers, ['mrn', 'name', IGNORE_COLUMN, IGNORE_COLUMN]],
    ['a field is mapped twice', headers, ['mrn', 'name', 'date_of_birth', 'mrn']],
    ['a target is no field of the kind', headers, ['mrn', 'name', 'date_of_birth', 'level']],
  ] as const)('returns null when %s', (_what, fileHeaders, savedColumns) => {
    expect(reuseSavedColumns('cases', fileHeaders, savedColumns)).toBeNull();
  });

  it('does not reuse a mapping saved for another kind', () => {
    expect(reuseSavedColumns('episodes', headers, saved)).toBeNull();
  });
});

describe('columnIndexByField', () => {
  it('maps each field to its first column and skips ignored and unmatched ones', () => {
    expect([...columnIndexByField([IGNORE_COLUMN, 'mrn', UNMATCHED, 'name', 'mrn', 'date_of_birth'])]).toEqual([
      ['mrn', 1],
      ['name', 3],
      ['date_of_birth', 5],
    ]);
  });

  it('is empty for an empty or undecided mapping', () => {
    expect(columnIndexByField([]).size).toBe(0);
    expect(columnIndexByField([UNMATCHED, IGNORE_COLUMN]).size).toBe(0);
  });

  it('agrees with autoMatchColumns: every matched field points at the column that matched it', () => {
    fc.assert(
      fc.property(anyKind, fc.array(anyHeader, { maxLength: 30 }), (kind, headers) => {
        const columns = autoMatchColumns(kind, headers);
        const byField = columnIndexByField(columns);
        expect(byField.size).toBe(columns.filter((target) => target !== UNMATCHED && target !== IGNORE_COLUMN).length);
        for (const [key, index] of byField) expect(columns[index]).toBe(key);
      }),
      runs,
    );
  });
});

describe('sourceSignature', () => {
  it('names the kind and the normalized headers in order', () => {
    expect(sourceSignature('cases', ['Patient ID', 'Full Name', 'D.O.B.'])).toBe('cases:patientid|fullname|dob');
  });

  it('is the same for headers that differ only in case, spacing and punctuation', () => {
    expect(sourceSignature('cases', [' MRN ', 'Date_of_Birth'])).toBe(sourceSignature('cases', ['mrn', 'DateOfBirth']));
  });

  it.each([
    ['another kind', 'assessments', ['mrn', 'dob']],
    ['another order', 'cases', ['dob', 'mrn']],
    ['another header', 'cases', ['mrn', 'birth']],
    ['an extra column', 'cases', ['mrn', 'dob', 'name']],
  ] as const)('differs for %s', (_what, kind, headers) => {
    expect(sourceSignature(kind, headers)).not.toBe(sourceSignature('cases', ['mrn', 'dob']));
  });

  it('does not depend on the file name or row content: equal headers give equal signatures', () => {
    fc.assert(
      fc.property(anyKind, fc.array(anyHeader, { maxLength: 10 }), (kind, headers) => {
        expect(sourceSignature(kind, [...headers])).toBe(sourceSignature(kind, headers));
        expect(
          sourceSignature(
            kind,
            headers.map((header) => ` ${header.toUpperCase()} `),
          ),
        ).toBe(
          sourceSignature(
            kind,
            headers.map((h) => h.toLowerCase()),
          ),
        );
      }),
      runs,
    );
  });
});
