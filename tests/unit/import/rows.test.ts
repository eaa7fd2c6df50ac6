import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDateSchema } from '../../../shared/contract/fields';
import { CASE_STATUSES, MRN_PATTERN } from '../../../shared/domain/case';
import { EPISODE_END_REASONS } from '../../../shared/domain/episodes';
import { LEVELS } from '../../../shared/domain/levels';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind } from '../../../shared/import/fields';
import { autoMatchColumns, columnIndexByField, DATE_FORMATS, IGNORE_COLUMN, UNMATCHED, type DateFormat } from '../../../shared/import/mapping';
import {
  readRow,
  type AssessmentRow,
  type CaseRow,
  type EpisodeRow,
  type RowContext,
  type RowProblem,
  type RowResult,
} from '../../../shared/import/rows';
import { CRITERIA, DIMENSIONS, SEVERITIES } from '../../../shared/rules/assessment';

const TODAY = '2026-06-01';
const runs = { numRuns: 500 };

type Values = Readonly<Partial<Record<string, string>>>;

/** A file of the kind with these headers, matched automatically; `read` fills each column from a value per field key. */
function file(kind: ImportKind, headers: readonly string[], dateFormat: DateFormat = 'iso') {
  const columns = autoMatchColumns(kind, headers);
  const context: RowContext = { kind, headers, columnOf: columnIndexByField(columns), dateFormat, today: TODAY };
  const fieldsFor = (values: Values) => columns.map((key) => values[key] ?? '');
  return { context, fieldsFor, read: (values: Values, row = 2) => readRow(context, row, fieldsFor(values)) };
}

function problemsOf(result: RowResult<unknown>): readonly RowProblem[] {
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
  return result.problems;
}

function valueOf<T>(result: RowResult<unknown>): T {
  if (!result.ok) throw new Error(`expected a row, got ${JSON.stringify(result.problems)}`);
  return result.value as T;
}

const CASE_HEADERS = ['MRN', 'Full Name', 'DOB', 'Clinician', 'Program', 'Payer', 'Status'];
const ASSESSMENT_HEADERS = [
  'Patient ID',
  'Date',
  'Severity',
  ...DIMENSIONS.map((name) => `${name} rating`),
  ...CRITERIA,
  'Hours per week',
  'Notes',
  'assessment_id',
  'amends_assessment_id',
];
const EPISODE_HEADERS = ['MRN', 'Level of care', 'Start date', 'End date', 'End reason'];

const cases = file('cases', CASE_HEADERS);
const assessments = file('assessments', ASSESSMENT_HEADERS);
const episodes = file('episodes', EPISODE_HEADERS);

const aCase = { mrn: 'A-17', name: 'Jane Doe', date_of_birth: '1980-05-04' };
const anAssessment = { mrn: 'A-17', assessed_on: '2026-05-01' };
const anEpisode = { mrn: 'A-17', level: 'outpatient', started_on: '2026-01-05' };

describe('the test files are matched as intended', () => {
  it.each([
    ['cases', CASE_HEADERS],
    ['assessments', ASSESSMENT_HEADERS],
    ['episodes', EPISODE_HEADERS],
  ] as const)('%s: every header is matched to a field', (kind, headers) => {
    expect(autoMatchColumns(kind, headers)).not.toContain(UNMATCHED);
    expect(autoMatchColumns(kind, headers)).toHaveLength(IMPORT_FIELDS[kind].length);
  });
});

describe('readRow: the number of fields', () => {
  it.each([
    [0, 'This row has 0 fields but the header has 7; check for a missing or extra delimiter.'],
    [1, 'This row has 1 field but the header has 7; check for a missing or extra delimiter.'],
    [6, 'This row has 6 fields but the header has 7; check for a missing or extra delimiter.'],
    [8, 'This row has 8 fields but the header has 7; check for a missing or extra delimiter.'],
  ])('rejects a row of %i fields as a whole, before reading any cell', (count, message) => {
    const fields = Array.from({ length: count }, () => 'not checked');
    expect(readRow(cases.context, 9, fields)).toEqual({ ok: false, problems: [{ row: 9, column: '(row)', value: '', message }] });
  });
});

describe('readRow: cases', () => {
  it('reads a full row, trimming every value and reading the status in any case', () => {
    const result = cases.read(
      {
        mrn: '  A-17 ',
        name: '\tJane  Doe ',
        date_of_birth: ' 1980-05-04 ',
        clinician_username: ' jdoe ',
        program: ' North site ',
        payer: ' Medicaid ',
        status: ' Discharged ',
      },
      5,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        mrn: 'A-17',
        fullName: 'Jane  Doe',
        dateOfBirth: '1980-05-04',
        clinicianUsername: 'jdoe',
        program: 'North site',
        payer: 'Medicaid',
        status: 'discharged',
      },
    });
  });

  it('reads empty optional cells as null, and an empty status as null (a new case starts active, a stored one keeps its status)', () => {
    expect(valueOf<CaseRow>(cases.read({ ...aCase, clinician_username: '  ', program: '', payer: ' ', status: '' }))).toEqual({
      ...{ mrn: 'A-17', fullName: 'Jane Doe', dateOfBirth: '1980-05-04' },
      clinicianUsername: null,
      program: null,
      payer: null,
      status: null,
    });
  });

  it('reads a file with only the required columns', () => {
    const minimal = file('cases', ['mrn', 'name', 'date_of_birth']);
    expect(valueOf<CaseRow>(minimal.read(aCase))).toMatchObject({ clinicianUsername: null, program: null, payer: null, status: null });
  });

  it('ignores the cells of ignored and unmatched columns', () => {
    const headers = ['MRN', 'Phone', 'Name', 'Notes', 'DOB'];
    const columns = ['mrn', IGNORE_COLUMN, 'name', UNMATCHED, 'date_of_birth'];
    const context: RowContext = { kind: 'cases', headers, columnOf: columnIndexByField(columns), dateFormat: 'iso', today: TODAY };
    expect(readRow(context, 2, ['A-17', '\u0000 not a phone', 'Jane Doe', 'x'.repeat(10_000), '1980-05-04']).ok).toBe(true);
  });

  it.each([
    ['iso', '1980-05-04'],
    ['mdy', '05/04/1980'],
    ['dmy', '04.05.1980'],
  ] as const)('reads the date of birth in the chosen format (%s)', (format, written) => {
    expect(valueOf<CaseRow>(file('cases', CASE_HEADERS, format).read({ ...aCase, date_of_birth: written })).dateOfBirth).toBe('1980-05-04');
  });

  it.each(['A-17', 'a', '0', 'MRN_2024.001/7', 'x'.repeat(32)])('accepts the MRN %j', (mrn) => {
    expect(valueOf<CaseRow>(cases.read({ ...aCase, mrn })).mrn).toBe(mrn);
  });

  it('accepts a date of birth of today', () => {
    expect(valueOf<CaseRow>(cases.read({ ...aCase, date_of_birth: TODAY })).dateOfBirth).toBe(TODAY);
  });

  const patternMessage = 'The MRN may contain only letters, digits and - _ . / and must start with a letter or digit.';
  it.each([
    ['mrn', '', 'Enter the MRN.'],
    ['mrn', '   ', 'Enter the MRN.'],
    ['mrn', '-17', patternMessage],
    ['mrn', '.hidden', patternMessage],
    ['mrn', 'A 17', patternMessage],
    ['mrn', 'A,17', patternMessage],
    ['mrn', 'Ä17', patternMessage],
    ['mrn', 'x'.repeat(33), 'The MRN can be at most 32 characters.'],
    ['name', '', 'Enter the name.'],
    ['name', ' \t ', 'Enter the name.'],
    ['name', 'Jane\tDoe', 'The name contains control characters (such as a tab or line break).'],
    ['name', 'Jane\nDoe', 'The name contains control characters (such as a tab or line break).'],
    ['name', 'Jane\u0000Doe', 'The name contains control characters (such as a tab or line break).'],
    ['name', 'Jane\u007fDoe', 'The name contains control characters (such as a tab or line break).'],
    ['name', 'Jane\u0085Doe', 'The name contains control characters (such as a tab or line break).'],
    ['name', 'x'.repeat(121), 'The name can be at most 120 characters.'],
    ['date_of_birth', '', 'Enter the date of birth; it is required.'],
    ['date_of_birth', '2026-06-02', 'The date of birth is in the future.'],
    ['date_of_birth', '2100-01-01', 'The date of birth is in the future.'],
    ['date_of_birth', '1980-02-30', 'The date of birth is not a real date written as YYYY-MM-DD.'],
    ['date_of_birth', '05/04/1980', 'The date of birth is not a real date written as YYYY-MM-DD.'],
    ['date_of_birth', 'unknown', 'The date of birth is not a real date written as YYYY-MM-DD.'],
    ['program', 'p'.repeat(81), 'The program can be at most 80 characters.'],
    ['payer', 'p'.repeat(81), 'The payer can be at most 80 characters.'],
    ['status', 'closed', 'The status must be one of: active, discharged.'],
    ['status', 'inactive', 'The status must be one of: active, discharged.'],
  ])('%s %j: %s', (key, value, message) => {
    const header = CASE_HEADERS[cases.context.columnOf.get(key) ?? -1];
    expect(problemsOf(cases.read({ ...aCase, [key]: value }, 4))).toEqual([{ row: 4, column: header, value: value.trim(), message }]);
  });

  it.each([
    ['mdy', 'The date of birth is not a real date written as MM/DD/YYYY.'],
    ['dmy', 'The date of birth is not a real date written as DD/MM/YYYY.'],
  ] as const)('names the chosen format (%s) when a date does not fit it', (format, message) => {
    expect(problemsOf(file('cases', CASE_HEADERS, format).read({ ...aCase, date_of_birth: '1980-05-04' }))[0]?.message).toBe(message);
  });

  it('judges the future against the context’s today, not the clock', () => {
    const context = { ...cases.context, today: '1979-12-31' };
    expect(problemsOf(readRow(context, 2, cases.fieldsFor(aCase)))[0]?.message).toBe('The date of birth is in the future.');
    expect(readRow({ ...cases.context, today: '1980-05-04' }, 2, cases.fieldsFor(aCase)).ok).toBe(true);
  });

  it('names a problem by the file’s own header', () => {
    const own = file('cases', ['Patient ID', 'Client Name', 'Born']);
    expect(problemsOf(own.read({ ...aCase, name: '' }))).toEqual([{ row: 2, column: 'Client Name', value: '', message: 'Enter the name.' }]);
  });

  it('names a required field no column fills by its label', () => {
    const partial = file('cases', ['MRN', 'Name']);
    expect(problemsOf(partial.read(aCase))).toEqual([
      { row: 2, column: 'Date of birth', value: '', message: 'Enter the date of birth; it is required.' },
    ]);
  });

  it.each([
    [199, 'x'.repeat(199)],
    [200, 'x'.repeat(200)],
    [201, `${'x'.repeat(200)}…`],
    [10_000, `${'x'.repeat(200)}…`],
  ])('shows a value of %i characters as at most 200 characters and an ellipsis', (length, shown) => {
    const [problem] = problemsOf(cases.read({ ...aCase, name: `  ${'x'.repeat(length)}  ` }));
    expect(problem?.value).toBe(shown);
  });

  it('reports every problem in the row, in field order', () => {
    expect(problemsOf(cases.read({ mrn: '#1', name: '', date_of_birth: '2030-01-01', program: 'p'.repeat(90), status: 'gone' }, 3))).toEqual([
      { row: 3, column: 'MRN', value: '#1', message: patternMessage },
      { row: 3, column: 'Full Name', value: '', message: 'Enter the name.' },
      { row: 3, column: 'DOB', value: '2030-01-01', message: 'The date of birth is in the future.' },
      { row: 3, column: 'Program', value: 'p'.repeat(90), message: 'The program can be at most 80 characters.' },
      { row: 3, column: 'Status', value: 'gone', message: 'The status must be one of: active, discharged.' },
    ]);
  });
});

describe('readRow: assessments', () => {
  it('reads a row with only the required cells', () => {
    const value = valueOf<AssessmentRow>(assessments.read({ mrn: ' A-17 ', assessed_on: ' 2026-05-01 ' }));
    expect(value).toEqual({
      mrn: 'A-17',
      assessedOn: '2026-05-01',
      dimensions: {},
      criteria: {},
      note: null,
      assessmentId: null,
      amendsAssessmentId: null,
    });
    expect(value).not.toHaveProperty('severity');
    expect(value).not.toHaveProperty('weeklyTreatmentHours');
  });

  it('reads a full row', () => {
    const result = assessments.read({
      ...anAssessment,
      severity: ' Moderate ',
      withdrawal: '0',
      biomedical: ' 4 ',
      psychiatric: '2',
      lifeThreateningUse: 'Yes',
      needsMedicallySupervisedWithdrawal: 'no',
      safeSoberHousing: 'TRUE',
      supportiveNetwork: 'false',
      selfMotivated: '1',
      needsFlexibleSchedule: '0',
      weekly_treatment_hours: ' 9.5 ',
      note: ' Follow up in two weeks ',
    });
    expect(valueOf<AssessmentRow>(result)).toEqual({
      mrn: 'A-17',
      assessedOn: '2026-05-01',
      severity: 'moderate',
      dimensions: { withdrawal: 0, biomedical: 4, psychiatric: 2 },
      criteria: {
        lifeThreateningUse: true,
        needsMedicallySupervisedWithdrawal: false,
        safeSoberHousing: true,
        supportiveNetwork: false,
        selfMotivated: true,
        needsFlexibleSchedule: false,
      },
      weeklyTreatmentHours: 9.5,
      note: 'Follow up in two weeks',
      assessmentId: null,
      amendsAssessmentId: null,
    });
  });

  it.each([
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['y', true],
    ['Y', true],
    ['true', true],
    ['True', true],
    ['1', true],
    [' yes ', true],
    ['no', false],
    ['NO', false],
    ['n', false],
    ['false', false],
    ['FALSE', false],
    ['0', false],
  ])('reads the criterion answer %j as %s', (answer, expected) => {
    expect(valueOf<AssessmentRow>(assessments.read({ ...anAssessment, courtOrderedResidential: answer })).criteria).toEqual({
      courtOrderedResidential: expected,
    });
  });

  it.each(SEVERITIES.flatMap((severity) => [severity, severity.toUpperCase(), ` ${severity[0]?.toUpperCase()}${severity.slice(1)} `]))(
    'reads the severity %j',
    (written) => {
      expect(valueOf<AssessmentRow>(assessments.read({ ...anAssessment, severity: written })).severity).toBe(written.trim().toLowerCase());
    },
  );

  it.each(['0', '1', '2', '3', '4', ' 3 '])('reads the rating %j', (rating) => {
    expect(valueOf<AssessmentRow>(assessments.read({ ...anAssessment, environment: rating })).dimensions).toEqual({ environment: Number(rating) });
  });

  it.each([
    ['0', 0],
    ['168', 168],
    ['12.5', 12.5],
    [' 20 ', 20],
    ['.5', 0.5],
  ])('reads the weekly hours %j', (hours, expected) => {
    expect(valueOf<AssessmentRow>(assessments.read({ ...anAssessment, weekly_treatment_hours: hours })).weeklyTreatmentHours).toBe(expected);
  });

  it.each(['0x10', '1e2', '0b11', '-0', 'Infinity'])('refuses the weekly hours %j: plain decimals only', (hours) => {
    expect(problemsOf(assessments.read({ ...anAssessment, weekly_treatment_hours: hours })).map((entry) => entry.message)).toEqual([
      'The weekly treatment hours must be a number from 0 to 168.',
    ]);
  });

  const ratingMessage = (name: string) => `The ${name} rating must be a whole number from 0 (none) to 4 (severe), or left empty if unknown.`;
  const criterionMessage = (name: string) => `“${name}” must be yes or no (true/false, 1/0), or left empty if unknown.`;
  const hoursMessage = 'The weekly treatment hours must be a number from 0 to 168.';
  it.each([
    ['withdrawal', '5', ratingMessage('withdrawal')],
    ['withdrawal', 'two', ratingMessage('withdrawal')],
    ['readiness', '-1', ratingMessage('readiness')],
    ['relapse', '2.5', ratingMessage('relapse')],
    ['relapse', '1.0', ratingMessage('relapse')],
    ['environment', '03', ratingMessage('environment')],
    ['environment', '+1', ratingMessage('environment')],
    ['psychiatric', '٣', ratingMessage('psychiatric')],
    ['lifeThreateningUse', 'maybe', criterionMessage('lifeThreateningUse')],
    ['lifeThreateningUse', 'yes!', criterionMessage('lifeThreateningUse')],
    ['selfMotivated', '2', criterionMessage('selfMotivated')],
    ['selfMotivated', 'unknown', criterionMessage('selfMotivated')],
    ['weekly_treatment_hours', '169', hoursMessage],
    ['weekly_treatment_hours', '168.5', hoursMessage],
    ['weekly_treatment_hours', '-1', hoursMessage],
    ['weekly_treatment_hours', 'ten', hoursMessage],
    ['weekly_treatment_hours', '1,5', hoursMessage],
    ['weekly_treatment_hours', 'Infinity', hoursMessage],
    ['weekly_treatment_hours', 'NaN', hoursMessage],
    ['weekly_treatment_hours', '10 h', hoursMessage],
    ['severity', 'extreme', 'The severity must be one of: mild, moderate, severe.'],
    ['severity', 'mod', 'The severity must be one of: mild, moderate, severe.'],
    ['note', 'n'.repeat(501), 'The note can be at most 500 characters.'],
    ['mrn', '', 'Enter the MRN.'],
    ['assessed_on', '', 'Enter the assessment date; it is required.'],
    ['assessed_on', '2026-06-02', 'The assessment date is in the future.'],
    ['assessed_on', '2026-02-29', 'The assessment date is not a real date written as YYYY-MM-DD.'],
  ])('%s %j: %s', (key, value, message) => {
    const header = ASSESSMENT_HEADERS[assessments.context.columnOf.get(key) ?? -1];
    const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    expect(problemsOf(assessments.read({ ...anAssessment, [key]: value }, 7))).toEqual([{ row: 7, column: header, value: shown, message }]);
  });

  it('reports every problem in the row', () => {
    const problems = problemsOf(
      assessments.read({
        mrn: '',
        assessed_on: '2030-01-01',
        severity: 'bad',
        withdrawal: '9',
        biomedical: 'x',
        selfMotivated: 'perhaps',
        weekly_treatment_hours: '999',
      }),
    );
    expect(problems.map((problem) => [problem.column, problem.value]).sort()).toEqual(
      [
        ['Patient ID', ''],
        ['Date', '2030-01-01'],
        ['Severity', 'bad'],
        ['withdrawal rating', '9'],
        ['biomedical rating', 'x'],
        ['selfMotivated', 'perhaps'],
        ['Hours per week', '999'],
      ].sort(),
    );
  });
});

describe('readRow: episodes', () => {
  it('reads an open episode, trimming values', () => {
    expect(valueOf<EpisodeRow>(episodes.read({ mrn: ' A-17 ', level: ' Residential ', started_on: ' 2026-01-05 ' }))).toEqual({
      mrn: 'A-17',
      level: 'inpatient',
      startedOn: '2026-01-05',
      endedOn: null,
      endReason: null,
    });
  });

  it('reads a closed episode', () => {
    expect(
      valueOf<EpisodeRow>(episodes.read({ mrn: 'A-17', level: 'IOP', started_on: '2025-01-01', ended_on: '2025-03-01', end_reason: 'Stepped Down' })),
    ).toEqual({
      mrn: 'A-17',
      level: 'iop',
      startedOn: '2025-01-01',
      endedOn: '2025-03-01',
      endReason: 'stepped-down',
    });
  });

  it('accepts an episode that ends the day it starts', () => {
    expect(episodes.read({ ...anEpisode, ended_on: anEpisode.started_on, end_reason: 'transferred' }).ok).toBe(true);
  });

  it.each([
    ['inpatient', 'inpatient'],
    ['Inpatient', 'inpatient'],
    ['RESIDENTIAL', 'inpatient'],
    ['residential', 'inpatient'],
    ['Inpatient/Residential', 'inpatient'],
    ['iop', 'iop'],
    ['IOP', 'iop'],
    ['Intensive Outpatient', 'iop'],
    ['intensive_outpatient', 'iop'],
    ['intensive-outpatient', 'iop'],
    ['outpatient', 'outpatient'],
    ['OP', 'outpatient'],
    [' op ', 'outpatient'],
  ])('reads the level %j as %s', (written, level) => {
    expect(valueOf<EpisodeRow>(episodes.read({ ...anEpisode, level: written })).level).toBe(level);
  });

  it.each(EPISODE_END_REASONS.map((reason) => [reason, ` ${reason.replace(/-/g, ' ').toUpperCase()} `]))(
    'reads the end reason %s however it is written (%j)',
    (reason, written) => {
      expect(valueOf<EpisodeRow>(episodes.read({ ...anEpisode, ended_on: '2026-02-01', end_reason: written })).endReason).toBe(reason);
    },
  );

  it.each([
    ['iso', '2026-01-05', '2026-02-01'],
    ['mdy', '01/05/2026', '2/1/2026'],
    ['dmy', '05-01-2026', '01.02.2026'],
  ] as const)('reads both dates in the chosen format (%s)', (format, started, ended) => {
    expect(
      valueOf<EpisodeRow>(
        file('episodes', EPISODE_HEADERS, format).read({ ...anEpisode, started_on: started, ended_on: ended, end_reason: 'completed' }),
      ),
    ).toMatchObject({
      startedOn: '2026-01-05',
      endedOn: '2026-02-01',
    });
  });

  const levelMessage = 'The level of care must be one of: outpatient, iop, inpatient (residential counts as inpatient).';
  const reasonMessage = `The end reason must be one of: ${EPISODE_END_REASONS.join(', ')}.`;
  it.each([
    [{ level: '' }, [['Level of care', '', 'Enter the level of care; it is required.']]],
    [{ level: 'PHP' }, [['Level of care', 'PHP', levelMessage]]],
    [{ level: 'detox' }, [['Level of care', 'detox', levelMessage]]],
    [{ level: 'Inpatient / Residential' }, [['Level of care', 'Inpatient / Residential', levelMessage]]],
    [{ level: 'toString' }, [['Level of care', 'toString', levelMessage]]],
    [{ level: '__proto__' }, [['Level of care', '__proto__', levelMessage]]],
    [{ started_on: '' }, [['Start date', '', 'Enter the start date; it is required.']]],
    [{ started_on: '2026-06-02' }, [['Start date', '2026-06-02', 'The start date is in the future.']]],
    [{ started_on: '2026-13-01' }, [['Start date', '2026-13-01', 'The start date is not a real date written as YYYY-MM-DD.']]],
    [{ ended_on: '2026-01-04', end_reason: 'completed' }, [['End date', '2026-01-04', 'The end date is before the start date.']]],
    [{ ended_on: '2026-06-02', end_reason: 'completed' }, [['End date', '2026-06-02', 'The end date is in the future.']]],
    [{ ended_on: '2026-02-01' }, [['End reason', '', 'An episode with an end date needs an end reason.']]],
    [{ end_reason: 'completed' }, [['End date', '', 'An episode with an end reason needs an end date.']]],
    [{ ended_on: '2026-02-01', end_reason: 'moved away' }, [['End reason', 'moved away', reasonMessage]]],
    [{ end_reason: 'moved away' }, [['End reason', 'moved away', reasonMessage]]],
    [{ ended_on: 'soon', end_reason: 'completed' }, [['End date', 'soon', 'The end date is not a real date written as YYYY-MM-DD.']]],
    [
      { ended_on: '2026-01-01' },
      [
        ['End date', '2026-01-01', 'The end date is before the start date.'],
        ['End reason', '', 'An episode with an end date needs an end reason.'],
      ],
    ],
    [{ mrn: 'A 17' }, [['MRN', 'A 17', 'The MRN may contain only letters, digits and - _ . / and must start with a letter or digit.']]],
  ])('%j → %j', (change, expected) => {
    const problems = problemsOf(episodes.read({ ...anEpisode, ...change }, 11));
    expect(problems).toEqual(expected.map(([column, value, message]) => ({ row: 11, column, value, message })));
  });

  it('does not check the order of the dates when the start date is unreadable', () => {
    expect(
      problemsOf(episodes.read({ ...anEpisode, started_on: 'x', ended_on: '2020-01-01', end_reason: 'completed' })).map((problem) => problem.column),
    ).toEqual(['Start date']);
  });

  it('names an end-date problem by the field label when the file has no end-reason column', () => {
    const noReason = file('episodes', ['MRN', 'LOC', 'Admitted', 'Discharged']);
    expect(problemsOf(noReason.read({ ...anEpisode, ended_on: '2026-02-01' }))).toEqual([
      { row: 2, column: 'End reason', value: '', message: 'An episode with an end date needs an end reason.' },
    ]);
  });

  it('reports every problem in the row', () => {
    expect(
      problemsOf(episodes.read({ mrn: '', level: 'day care', started_on: '', ended_on: '2099-01-01', end_reason: 'why' }, 2)).map(
        (problem) => problem.column,
      ),
    ).toEqual(['Level of care', 'Start date', 'End date', 'End reason', 'MRN']);
  });

  // Bug: LEVEL_WORDS in shared/import/rows.ts is a plain object literal, so the lower-cased cell text "constructor"
  // finds Object.prototype.constructor (the Object function). readRow returns ok with `level: [Function: Object]`
  // instead of the level-of-care problem. Any casing works ("Constructor", " CONSTRUCTOR ").
  it.each(['constructor', 'Constructor', ' CONSTRUCTOR '])('rejects the level %j, which names an Object.prototype property', (level) => {
    expect(problemsOf(episodes.read({ ...anEpisode, level }))).toEqual([
      { row: 2, column: 'Level of care', value: level.trim(), message: levelMessage },
    ]);
  });
});

describe('readRow properties', () => {
  const plausible = fc.constantFrom(
    '',
    ' ',
    'A-17',
    'Jane Doe',
    '1980-05-04',
    '05/04/1980',
    '2026-06-01',
    '2026-06-02',
    '2024-02-29',
    '2023-02-29',
    'yes',
    'no',
    '0',
    '4',
    '5',
    '168',
    'moderate',
    'IOP',
    'Residential',
    'completed',
    'active',
    'x'.repeat(300),
    '\t',
    '\u0000',
  );
  const cellText = fc.oneof(plausible, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }));
  const target = (kind: ImportKind) => fc.constantFrom(...IMPORT_FIELDS[kind].map((field) => field.key), IGNORE_COLUMN, UNMATCHED, 'nonsense');
  const scenario = fc
    .record({ kind: fc.constantFrom(...IMPORT_KINDS), dateFormat: fc.constantFrom(...DATE_FORMATS), width: fc.integer({ min: 0, max: 12 }) })
    .chain(({ kind, dateFormat, width }) =>
      fc.record({
        context: fc
          .tuple(
            fc.array(fc.string({ maxLength: 12 }), { minLength: width, maxLength: width }),
            fc.array(target(kind), { minLength: width, maxLength: width }),
          )
          .map(([headers, columns]): RowContext => ({ kind, headers, columnOf: columnIndexByField(columns), dateFormat, today: TODAY })),
        fields: fc.oneof(fc.array(cellText, { minLength: width, maxLength: width }), fc.array(cellText, { maxLength: 14 })),
        row: fc.integer({ min: 2, max: 1_000_000 }),
      }),
    );

  it('is total: never throws, and either reads a row or reports at least one problem on that row', () => {
    fc.assert(
      fc.property(scenario, ({ context, fields, row }) => {
        const result = readRow(context, row, fields);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) {
          expect(problem.row).toBe(row);
          expect(problem.message).not.toBe('');
          expect(problem.value.length).toBeLessThanOrEqual(201);
          const labels = IMPORT_FIELDS[context.kind].map((field) => field.label);
          expect([...context.headers, ...labels, '(row)']).toContain(problem.column);
        }
      }),
      runs,
    );
  });

  it('does not depend on whitespace around the cells', () => {
    const pad = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
    fc.assert(
      fc.property(scenario, fc.array(fc.tuple(pad, pad), { minLength: 14, maxLength: 14 }), ({ context, fields, row }, pads) => {
        const padded = fields.map((text, index) => `${pads[index]?.[0] ?? ''}${text}${pads[index]?.[1] ?? ''}`);
        expect(readRow(context, row, padded)).toEqual(readRow(context, row, fields));
      }),
      runs,
    );
  });

  const caseCell = (key: string) =>
    ({
      mrn: fc.oneof(fc.constantFrom('', ' A-17 ', 'a', '-1', 'x'.repeat(33)), fc.string({ maxLength: 34 })),
      name: fc.oneof(fc.constantFrom('', '  ', 'Jane Doe', 'Jane\tDoe'), fc.string({ maxLength: 130 })),
      date_of_birth: fc.oneof(
        fc
          .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
        fc.constantFrom('', '2023-02-29', '2024-02-29', TODAY, '2026-06-02', '1980-5-4'),
        fc.string({ maxLength: 12 }),
      ),
      status: fc.oneof(fc.constantFrom('', 'active', 'Discharged', 'closed'), fc.string({ maxLength: 10 })),
    })[key] ?? cellText;

  it('reads a case only with an MRN, a name and a real date of birth no later than today', () => {
    const columns = autoMatchColumns('cases', CASE_HEADERS);
    fc.assert(
      fc.property(fc.tuple(...columns.map(caseCell)), (fields) => {
        const result = readRow(cases.context, 2, fields);
        if (!result.ok) return;
        const value = result.value as CaseRow;
        expect(value.mrn).toMatch(MRN_PATTERN);
        expect(value.fullName.trim()).toBe(value.fullName);
        expect(value.fullName).not.toBe('');
        expect(isoDateSchema.safeParse(value.dateOfBirth).success).toBe(true);
        expect(value.dateOfBirth <= TODAY).toBe(true);
        expect([...CASE_STATUSES, null]).toContain(value.status);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an episode only with a known level, ordered dates and an end date and reason together', () => {
    const date = fc.oneof(
      fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
        .map((value) => value.toISOString().slice(0, 10)),
      fc.constantFrom('', 'soon'),
    );
    // Levels come from plausible words and random text; the prototype-key bug ("constructor") is pinned by the it.fails test above.
    const level = fc.oneof(fc.constantFrom('', 'IOP', 'residential', 'Outpatient', 'op', 'PHP'), fc.string({ maxLength: 8 }));
    const reason = fc.oneof(fc.constantFrom('', 'completed', 'Stepped Up', 'moved'), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.tuple(fc.constant('A-17'), level, date, date, reason), (fields) => {
        const result = readRow(episodes.context, 2, fields);
        if (!result.ok) return;
        const value = result.value as EpisodeRow;
        expect(LEVELS).toContain(value.level);
        expect(value.startedOn <= TODAY).toBe(true);
        expect(value.endedOn === null).toBe(value.endReason === null);
        if (value.endedOn !== null) expect(value.endedOn >= value.startedOn && value.endedOn <= TODAY).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
