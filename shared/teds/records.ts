import { normalizeHeader } from '../import/fields';
import { TEDS_LOS_RANGES, TEDS_MISSING, type StayRange, type TedsReason, type TedsSetting } from './codes';
import {
  LIVING_LABELS,
  type LabelTable,
  normalizeLabel,
  PRIOR_LABELS,
  REASON_LABELS,
  REFERRAL_LABELS,
  SETTING_LABELS,
  STAY_LABELS,
  YES_NO_LABELS,
} from './labels';

/** 'coded': the official public-use columns and codes; 'labelled': codes decoded to labels and columns renamed. */
export const TEDS_FORMATS = ['coded', 'labelled'] as const;
export type TedsFormat = (typeof TEDS_FORMATS)[number];

/** The header tells the format: the official file names its setting column SERVICES, the labelled extract service_type_admit. */
export function detectTedsFormat(headers: readonly string[]): TedsFormat | null {
  const names = new Set(headers.map(normalizeHeader));
  const coded = names.has('services') && names.has('caseid');
  const labelled = names.has('servicetypeadmit');
  if (coded === labelled) return null;
  return coded ? 'coded' : 'labelled';
}

/** One TEDS-D discharge as Stepwise keeps it: codes, never labels; null = not recorded. It has no dates and no person link. */
export interface TedsRecord {
  readonly caseRef: string;
  readonly dischargeYear: number;
  readonly admissionSetting: TedsSetting | null;
  readonly dischargeSetting: TedsSetting | null;
  readonly reason: TedsReason | null;
  /** Exact (min = max) only for stays of 1–30 days written as a number of days; otherwise the range the data gives. */
  readonly stay: StayRange | null;
  /** LIVARAG: 1 homeless, 2 dependent living, 3 independent living. */
  readonly livingArrangement: 1 | 2 | 3 | null;
  /** PSOURCE 1–7. */
  readonly referralSource: number | null;
  /** NOPRIOR: 0 none; 1 one or more (2015 on; earlier files use 1–5 for a count, 5 meaning five or more). */
  readonly priorTreatment: number | null;
  /** PSYPROB: 1 yes, 2 no. */
  readonly cooccurringMentalHealth: 1 | 2 | null;
}

/** How a reader sees one row: a cell's trimmed text by field key, and where to report a problem with it. */
export interface TedsCells {
  text(key: string): string;
  problem(key: string, message: string): void;
}

/** TEDS-D started in 1992; a discharge year after this year is a typing error. */
export const FIRST_DISCHARGE_YEAR = 1992;
const CASE_REF = /^[A-Za-z0-9_-]{1,40}$/;
const INTEGER = /^-?\d+$/;

interface CodedField<T> {
  readonly key: string;
  readonly what: string;
  /** The valid codes, as a problem sentence says them. */
  readonly range: string;
  readonly codes: ReadonlyMap<number, T>;
  readonly labels: LabelTable<T>;
}

const identity = <T extends number>(values: readonly T[]): ReadonlyMap<number, T> => new Map(values.map((value) => [value, value] as const));
const SETTING_CODES = identity<TedsSetting>([1, 2, 3, 4, 5, 6, 7, 8]);
const STAY_CODES: ReadonlyMap<number, StayRange> = new Map(Object.entries(TEDS_LOS_RANGES).map(([code, range]) => [Number(code), range]));

const ADMISSION: CodedField<TedsSetting> = {
  key: 'SERVICES',
  what: 'setting at admission',
  range: 'a code from 1 to 8',
  codes: SETTING_CODES,
  labels: SETTING_LABELS,
};
const DISCHARGE: CodedField<TedsSetting> = { ...ADMISSION, key: 'SERVICES_D', what: 'setting at discharge' };
const REASON: CodedField<TedsReason> = {
  key: 'REASON',
  what: 'reason for discharge',
  range: 'a code from 1 to 7',
  codes: identity<TedsReason>([1, 2, 3, 4, 5, 6, 7]),
  labels: REASON_LABELS,
};
const STAY: CodedField<StayRange> = {
  key: 'LOS',
  what: 'length of stay',
  range: 'a code from 1 to 37 (1–30 are days, 31–37 ranges of days)',
  codes: STAY_CODES,
  labels: STAY_LABELS,
};
const LIVING: CodedField<1 | 2 | 3> = {
  key: 'LIVARAG',
  what: 'living arrangement at admission',
  range: 'a code from 1 to 3',
  codes: identity<1 | 2 | 3>([1, 2, 3]),
  labels: LIVING_LABELS,
};
const REFERRAL: CodedField<number> = {
  key: 'PSOURCE',
  what: 'referral source',
  range: 'a code from 1 to 7',
  codes: identity([1, 2, 3, 4, 5, 6, 7]),
  labels: REFERRAL_LABELS,
};
const PRIOR: CodedField<number> = {
  key: 'NOPRIOR',
  what: 'number of prior treatment episodes',
  range: 'a code from 0 to 5',
  codes: identity([0, 1, 2, 3, 4, 5]),
  labels: PRIOR_LABELS,
};
const PSYPROB: CodedField<1 | 2> = {
  key: 'PSYPROB',
  what: 'co-occurring mental health problem',
  range: '1 (yes) or 2 (no)',
  codes: identity<1 | 2>([1, 2]),
  labels: YES_NO_LABELS,
};

function readField<T>(format: TedsFormat, cells: TedsCells, field: CodedField<T>): T | null {
  const raw = cells.text(field.key);
  if (raw === '') return null;
  if (format === 'coded') {
    const code = INTEGER.test(raw) ? Number(raw) : Number.NaN;
    if (code === TEDS_MISSING) return null;
    const found = field.codes.get(code);
    if (found === undefined) cells.problem(field.key, `The ${field.what} (${field.key}) must be ${field.range}, or -9 if it was not recorded.`);
    return found ?? null;
  }
  // The codebook's own word for -9 ("Missing/Unknown/Not Collected/Invalid") is a blank, not a problem.
  if (normalizeLabel(raw).startsWith('missing')) return null;
  const found = field.labels.lookup.get(normalizeLabel(raw));
  if (found === undefined)
    cells.problem(field.key, `The ${field.what} must be one of: ${field.labels.shown.join(', ')}; leave it empty if it was not recorded.`);
  return found ?? null;
}

/** Reads one row of either format into a record, reporting every invalid cell; blank (and -9 in coded files) is "not recorded". */
export function readTedsRecord(format: TedsFormat, cells: TedsCells, thisYear: number): TedsRecord {
  const caseRef = cells.text('CASEID');
  if (caseRef === '') cells.problem('CASEID', 'Enter the case ID (CASEID); every TEDS-D record has one.');
  else if (!CASE_REF.test(caseRef)) cells.problem('CASEID', 'The case ID (CASEID) must be up to 40 letters, digits, dashes or underscores.');
  const yearText = cells.text('DISYR');
  const dischargeYear = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (yearText === '') cells.problem('DISYR', 'Enter the discharge year (DISYR); every TEDS-D record has one.');
  else if (!(dischargeYear >= FIRST_DISCHARGE_YEAR && dischargeYear <= thisYear))
    cells.problem('DISYR', `The discharge year (DISYR) must be a year from ${FIRST_DISCHARGE_YEAR} to ${thisYear}.`);
  return {
    caseRef,
    dischargeYear: Number.isNaN(dischargeYear) ? 0 : dischargeYear,
    admissionSetting: readField(format, cells, ADMISSION),
    dischargeSetting: readField(format, cells, DISCHARGE),
    reason: readField(format, cells, REASON),
    stay: readField(format, cells, STAY),
    livingArrangement: readField(format, cells, LIVING),
    referralSource: readField(format, cells, REFERRAL),
    priorTreatment: priorTreatmentFor(dischargeYear, readField(format, cells, PRIOR), cells),
    cooccurringMentalHealth: readField(format, cells, PSYPROB),
  };
}

/** NOPRIOR counts episodes (1–5) before 2015; from 2015 it is only 0 (none) or 1 (one or more), so 2–5 there is an error. */
function priorTreatmentFor(dischargeYear: number, code: number | null, cells: TedsCells): number | null {
  if (code === null || code <= 1 || !(dischargeYear >= NOPRIOR_BINARY_FROM)) return code;
  cells.problem(
    'NOPRIOR',
    `From ${NOPRIOR_BINARY_FROM} the number of prior treatment episodes (NOPRIOR) is 0 (none) or 1 (one or more); ${code} is a code of earlier years.`,
  );
  return null;
}

const NOPRIOR_BINARY_FROM = 2015;
