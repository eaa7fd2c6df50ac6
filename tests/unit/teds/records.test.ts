import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../../shared/import/fields';
import { autoMatchColumns, columnIndexByField, IGNORE_COLUMN, mappingProblems } from '../../../shared/import/mapping';
import { readRow, type RowContext, type RowProblem, type RowResult } from '../../../shared/import/rows';
import { TEDS_LOS_RANGES } from '../../../shared/teds/codes';
import { detectTedsFormat, type TedsFormat, type TedsRecord } from '../../../shared/teds/records';

const TODAY = '2026-06-01';
const CODED_HEADERS = ['CASEID', 'DISYR', 'AGE', 'SERVICES', 'SERVICES_D', 'REASON', 'LOS', 'LIVARAG', 'PSOURCE', 'NOPRIOR', 'PSYPROB', 'SUB1'];
const LABELLED_HEADERS = [
  'patient_id',
  'discharge_year',
  'age_group',
  'living_arrangement_admit',
  'service_type_admit',
  'service_type_discharge',
  'referral_source',
  'prior_treatments',
  'has_cooccurring_mental_health',
  'discharge_reason',
  'length_of_stay',
  'is_homeless_discharge',
];

function tedsFile(format: TedsFormat) {
  const headers = format === 'coded' ? CODED_HEADERS : LABELLED_HEADERS;
  const columns = autoMatchColumns('teds-d', headers);
  const context: RowContext = { kind: 'teds-d', headers, columnOf: columnIndexByField(columns), dateFormat: 'iso', today: TODAY, tedsFormat: format };
  return (values: Readonly<Record<string, string>>): RowResult<unknown> =>
    readRow(
      context,
      2,
      columns.map((key) => values[key] ?? ''),
    );
}

const record = (result: RowResult<unknown>): TedsRecord => {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.problems)}`);
  return result.value as TedsRecord;
};
const problems = (result: RowResult<unknown>): readonly RowProblem[] => {
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
  return result.problems;
};

const coded = tedsFile('coded');
const labelled = tedsFile('labelled');
const CODED_ROW = {
  CASEID: '10001',
  DISYR: '2022',
  SERVICES: '7',
  SERVICES_D: '6',
  REASON: '1',
  LOS: '5',
  LIVARAG: '1',
  PSOURCE: '7',
  NOPRIOR: '1',
  PSYPROB: '2',
};

describe('detectTedsFormat', () => {
  it.each([
    ['the official columns', CODED_HEADERS, 'coded'],
    ['the official columns in lower case', CODED_HEADERS.map((header) => header.toLowerCase()), 'coded'],
    ['the labelled sample columns', LABELLED_HEADERS, 'labelled'],
    ['neither', ['mrn', 'name'], null],
    ['SERVICES without CASEID', ['SERVICES', 'DISYR'], null],
    ['both at once (ambiguous)', [...CODED_HEADERS, 'service_type_admit'], null],
  ] as const)('%s', (_what, headers, expected) => {
    expect(detectTedsFormat(headers)).toBe(expected);
  });
});

describe('TEDS-D column matching', () => {
  it.each([
    ['coded', CODED_HEADERS],
    ['labelled', LABELLED_HEADERS],
  ] as const)('%s: matches every field and ignores every other column, with no problems', (_format, headers) => {
    const columns = autoMatchColumns('teds-d', headers);
    expect(mappingProblems('teds-d', headers, columns)).toEqual([]);
    expect(columns.filter((target) => target !== IGNORE_COLUMN).sort()).toEqual(IMPORT_FIELDS['teds-d'].map((field) => field.key).sort());
    expect(columns.filter((target) => target === IGNORE_COLUMN)).toHaveLength(2);
  });
});

describe('reading a coded row', () => {
  it('keeps the codes; an exact stay is min = max', () => {
    expect(record(coded(CODED_ROW))).toEqual({
      caseRef: '10001',
      dischargeYear: 2022,
      admissionSetting: 7,
      dischargeSetting: 6,
      reason: 1,
      stay: { min: 5, max: 5 },
      livingArrangement: 1,
      referralSource: 7,
      priorTreatment: 1,
      cooccurringMentalHealth: 2,
    });
  });

  it.each(Object.entries(TEDS_LOS_RANGES))('LOS %s reads as its range', (code, range) => {
    expect(record(coded({ ...CODED_ROW, LOS: code })).stay).toEqual(range);
  });

  it('reads -9 and blank as not recorded', () => {
    const missing = { SERVICES: '-9', SERVICES_D: '-9', REASON: '-9', LOS: '-9', LIVARAG: '-9', PSOURCE: '', NOPRIOR: '-9', PSYPROB: '' };
    expect(record(coded({ ...CODED_ROW, ...missing }))).toMatchObject({
      admissionSetting: null,
      dischargeSetting: null,
      reason: null,
      stay: null,
      livingArrangement: null,
      referralSource: null,
      priorTreatment: null,
      cooccurringMentalHealth: null,
    });
  });

  it.each([
    ['SERVICES', '9', 'The setting at admission (SERVICES) must be a code from 1 to 8, or -9 if it was not recorded.'],
    ['SERVICES_D', '0', 'The setting at discharge (SERVICES_D) must be a code from 1 to 8, or -9 if it was not recorded.'],
    ['LOS', '40', 'The length of stay (LOS) must be a code from 1 to 37 (1–30 are days, 31–37 ranges of days), or -9 if it was not recorded.'],
    ['LOS', '5.5', 'The length of stay (LOS) must be a code from 1 to 37 (1–30 are days, 31–37 ranges of days), or -9 if it was not recorded.'],
    ['REASON', '8', 'The reason for discharge (REASON) must be a code from 1 to 7, or -9 if it was not recorded.'],
    ['LIVARAG', '4', 'The living arrangement at admission (LIVARAG) must be a code from 1 to 3, or -9 if it was not recorded.'],
    ['PSOURCE', 'court', 'The referral source (PSOURCE) must be a code from 1 to 7, or -9 if it was not recorded.'],
    ['NOPRIOR', '6', 'The number of prior treatment episodes (NOPRIOR) must be a code from 0 to 5, or -9 if it was not recorded.'],
    ['PSYPROB', '0', 'The co-occurring mental health problem (PSYPROB) must be 1 (yes) or 2 (no), or -9 if it was not recorded.'],
    ['CASEID', '', 'Enter the case ID (CASEID); every TEDS-D record has one.'],
    ['CASEID', 'a b', 'The case ID (CASEID) must be up to 40 letters, digits, dashes or underscores.'],
    ['DISYR', '', 'Enter the discharge year (DISYR); every TEDS-D record has one.'],
    ['DISYR', '-9', 'The discharge year (DISYR) must be a year from 1992 to 2026.'],
    ['DISYR', '2027', 'The discharge year (DISYR) must be a year from 1992 to 2026.'],
    ['DISYR', '1991', 'The discharge year (DISYR) must be a year from 1992 to 2026.'],
  ])('reports %s = "%s" with the column, the value and a sentence', (column, value, message) => {
    expect(problems(coded({ ...CODED_ROW, [column]: value }))).toEqual([{ row: 2, column, value, message }]);
  });

  it('reports every invalid cell of a row, not only the first', () => {
    expect(problems(coded({ ...CODED_ROW, SERVICES: '9', LOS: '40' })).map((problem) => problem.column)).toEqual(['SERVICES', 'LOS']);
  });

  it('reads any integer either as a valid code or as a problem, never anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), (code) => {
        const result = coded({ ...CODED_ROW, SERVICES: String(code) });
        if (code === -9) expect(record(result).admissionSetting).toBeNull();
        else if (code >= 1 && code <= 8) expect(record(result).admissionSetting).toBe(code);
        else expect(problems(result)).toHaveLength(1);
      }),
    );
  });
});

describe('reading a labelled row', () => {
  const LABELLED_ROW = {
    CASEID: '989743',
    DISYR: '2023',
    SERVICES: 'Rehab Short-term (≤30 days)',
    SERVICES_D: 'Non-intensive Outpatient',
    REASON: 'Terminated by facility',
    LOS: 'More than 1 year',
    LIVARAG: 'Homeless',
    PSOURCE: 'Criminal justice/DUI/DWI',
    NOPRIOR: 'One prior',
    PSYPROB: 'Yes',
  };

  it('reads NOPRIOR counts 2–5 only in files from before 2015, when it still counted episodes', () => {
    expect(record(coded({ ...CODED_ROW, DISYR: '2014', NOPRIOR: '3' }))).toMatchObject({ priorTreatment: 3 });
    expect(problems(coded({ ...CODED_ROW, DISYR: '2022', NOPRIOR: '3' })).map((entry) => entry.message)).toEqual([
      'From 2015 the number of prior treatment episodes (NOPRIOR) is 0 (none) or 1 (one or more); 3 is a code of earlier years.',
    ]);
    expect(record(coded({ ...CODED_ROW, DISYR: '2022', NOPRIOR: '1' }))).toMatchObject({ priorTreatment: 1 });
  });

  it("reads the codebook's Missing/Unknown wording as not recorded, not as a problem", () => {
    const read = record(
      labelled({ ...LABELLED_ROW, SERVICES_D: 'Missing/Unknown/Not Collected/Invalid', LIVARAG: 'missing/unknown/not collected/invalid' }),
    );
    expect(read).toMatchObject({ dischargeSetting: null, livingArrangement: null, admissionSetting: 4 });
  });

  it('turns labels into the same codes a coded file holds', () => {
    expect(record(labelled(LABELLED_ROW))).toEqual({
      caseRef: '989743',
      dischargeYear: 2023,
      admissionSetting: 4,
      dischargeSetting: 7,
      reason: 3,
      stay: { min: 366, max: null },
      livingArrangement: 1,
      referralSource: 7,
      priorTreatment: 1,
      cooccurringMentalHealth: 1,
    });
  });

  it.each([
    ['Detox 24hr Hospital', 1],
    ['Detox 24hr Residential', 2],
    ['Rehab Hospital', 3],
    ['Rehab Short-term (≤30 days)', 4],
    ['Rehab Long-term (>30 days)', 5],
    ['Intensive Outpatient', 6],
    ['Non-intensive Outpatient', 7],
    ['Outpatient Detox', 8],
    ['Ambulatory, Detoxification', 8],
    ['  intensive   OUTPATIENT ', 6],
  ])('setting "%s" is code %i', (label, code) => {
    expect(record(labelled({ ...LABELLED_ROW, SERVICES: label })).admissionSetting).toBe(code);
  });

  it.each([
    ['Treatment completed', 1],
    ['Dropped out', 2],
    ['Terminated by facility', 3],
    ['Transferred', 4],
    ['Incarcerated', 5],
    ['Death', 6],
    ['Other', 7],
  ])('reason "%s" is code %i', (label, code) => {
    expect(record(labelled({ ...LABELLED_ROW, REASON: label })).reason).toBe(code);
  });

  it.each([
    ['1-7 days', { min: 1, max: 7 }],
    ['8-30 days', { min: 8, max: 30 }],
    ['31-90 days', { min: 31, max: 90 }],
    ['91-180 days', { min: 91, max: 180 }],
    ['181-365 days', { min: 181, max: 365 }],
    ['More than 1 year', { min: 366, max: null }],
    ['12', { min: 12, max: 12 }],
    ['46 To 60 Days', { min: 46, max: 60 }],
    ['', null],
  ])('stay "%s" is kept as the range it states', (label, stay) => {
    expect(record(labelled({ ...LABELLED_ROW, LOS: label })).stay).toEqual(stay);
  });

  it.each([
    ['LIVARAG', 'Dependent living', 'livingArrangement', 2],
    ['LIVARAG', 'Independent living', 'livingArrangement', 3],
    ['NOPRIOR', 'No prior', 'priorTreatment', 0],
    ['PSYPROB', 'No', 'cooccurringMentalHealth', 2],
    ['PSOURCE', 'Self/Individual', 'referralSource', 1],
    ['PSOURCE', 'Employer/EAP', 'referralSource', 5],
  ] as const)('%s "%s" is code %s', (column, label, field, code) => {
    expect(record(labelled({ ...LABELLED_ROW, [column]: label }))[field]).toBe(code);
  });

  it('reads blanks as not recorded', () => {
    const blanks = { SERVICES: '', SERVICES_D: '', REASON: '', LOS: '', LIVARAG: '', PSOURCE: '', NOPRIOR: '', PSYPROB: '' };
    expect(record(labelled({ ...LABELLED_ROW, ...blanks }))).toMatchObject({
      admissionSetting: null,
      reason: null,
      stay: null,
      livingArrangement: null,
    });
  });

  it('names the labels the sample uses when a label is unknown, under the file’s own header', () => {
    expect(problems(labelled({ ...LABELLED_ROW, SERVICES: 'Detox', LOS: '31' }))).toEqual([
      {
        row: 2,
        column: 'service_type_admit',
        value: 'Detox',
        message:
          'The setting at admission must be one of: Detox 24hr Hospital, Detox 24hr Residential, Rehab Hospital, Rehab Short-term (≤30 days), Rehab Long-term (>30 days), Intensive Outpatient, Non-intensive Outpatient, Outpatient Detox; leave it empty if it was not recorded.',
      },
      {
        row: 2,
        column: 'length_of_stay',
        value: '31',
        message:
          'The length of stay must be one of: 1-7 days, 8-30 days, 31-90 days, 91-180 days, 181-365 days, More than 1 year; leave it empty if it was not recorded.',
      },
    ]);
  });

  it('does not read codes as labels', () => {
    expect(problems(labelled({ ...LABELLED_ROW, SERVICES: '7' }))[0]?.column).toBe('service_type_admit');
  });
});
