import { TEDS_LOS_RANGES, type StayRange, type TedsReason, type TedsSetting } from './codes';

/**
 * The labels a decoded ("labelled") TEDS-D extract writes instead of codes: the ones in the 2023 sample
 * (../shared/data/teds) and some of the codebook's recent wording. Older codebook wordings (2006–2016 SERVICES_D,
 * pre-2015 NOPRIOR counts) are not all listed: such an extract reports each unknown label as a row problem.
 * Keys are compared after `normalizeLabel`.
 */

/** "Rehab Short-term (≤30 days)" and "rehab short term (≤ 30 days)" read the same; symbols such as ≤ and > are kept. */
export function normalizeLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,/_-]+/g, ' ')
    .trim();
}

/** A label table: the labels the sample writes (shown in problem sentences) and every wording accepted. */
export interface LabelTable<T> {
  readonly shown: readonly string[];
  readonly lookup: ReadonlyMap<string, T>;
}

function table<T>(sample: readonly (readonly [string, T])[], codebook: readonly (readonly [string, T])[] = []): LabelTable<T> {
  return { shown: sample.map(([label]) => label), lookup: new Map([...sample, ...codebook].map(([label, code]) => [normalizeLabel(label), code])) };
}

export const SETTING_LABELS: LabelTable<TedsSetting> = table<TedsSetting>(
  [
    ['Detox 24hr Hospital', 1],
    ['Detox 24hr Residential', 2],
    ['Rehab Hospital', 3],
    ['Rehab Short-term (≤30 days)', 4],
    ['Rehab Long-term (>30 days)', 5],
    ['Intensive Outpatient', 6],
    ['Non-intensive Outpatient', 7],
    ['Outpatient Detox', 8],
  ],
  [
    ['Detox, 24-Hour, Hospital Inpatient', 1],
    ['Detox, 24 Hr, Hospital Inpatient', 1],
    ['Detox, 24-Hour, Free-Standing Residential', 2],
    ['Detox, 24 Hr, Free-Standing Residential', 2],
    ['Rehab/Residential, Hospital (Non-Detox)', 3],
    ['Rehab/Residential, Short Term (30 Days Or Fewer)', 4],
    ['Rehab/Residential, Long Term (More Than 30 Days)', 5],
    ['Ambulatory, Intensive Outpatient', 6],
    ['Ambulatory, Non-Intensive Outpatient', 7],
    ['Ambulatory, Detoxification', 8],
  ],
);

export const REASON_LABELS: LabelTable<TedsReason> = table<TedsReason>(
  [
    ['Treatment completed', 1],
    ['Dropped out', 2],
    ['Terminated by facility', 3],
    ['Transferred', 4],
    ['Incarcerated', 5],
    ['Death', 6],
    ['Other', 7],
  ],
  [
    ['Dropped Out Of Treatment', 2],
    ['Left Against Professional Advice', 2],
    ['Transferred To Another Treatment Program Or Facility', 4],
  ],
);

/** The sample's coarse bins, and the codebook's labels for codes 31–37. */
export const STAY_LABELS: LabelTable<StayRange> = table<StayRange>(
  [
    ['1-7 days', { min: 1, max: 7 }],
    ['8-30 days', { min: 8, max: 30 }],
    ['31-90 days', { min: 31, max: 90 }],
    ['91-180 days', { min: 91, max: 180 }],
    ['181-365 days', { min: 181, max: 365 }],
    ['More than 1 year', { min: 366, max: null }],
  ],
  [
    ...Array.from({ length: 30 }, (_, index) => [String(index + 1), rangeOf(index + 1)] as const),
    ['31 To 45 Days', rangeOf(31)],
    ['46 To 60 Days', rangeOf(32)],
    ['61 To 90 Days', rangeOf(33)],
    ['91 To 120 Days', rangeOf(34)],
    ['121 To 180 Days', rangeOf(35)],
    ['181 To 365 Days', rangeOf(36)],
    ['More Than A Year', rangeOf(37)],
  ],
);

function rangeOf(code: number): StayRange {
  const range = TEDS_LOS_RANGES[code];
  if (!range) throw new Error(`No LOS code ${code}`);
  return range;
}

/** LIVARAG: 1 homeless, 2 dependent living, 3 independent living. */
export const LIVING_LABELS: LabelTable<1 | 2 | 3> = table<1 | 2 | 3>(
  [
    ['Homeless', 1],
    ['Dependent living', 2],
    ['Independent living', 3],
  ],
  [['Experiencing Homelessness', 1]],
);

/** PSOURCE: 1–7 (7 = court or criminal justice referral, DUI/DWI). */
export const REFERRAL_LABELS: LabelTable<number> = table<number>(
  [
    ['Self/Individual', 1],
    ['Alcohol/drug provider', 2],
    ['Other healthcare', 3],
    ['School', 4],
    ['Employer/EAP', 5],
    ['Other community', 6],
    ['Criminal justice/DUI/DWI', 7],
  ],
  [
    ['Individual (Includes Self-Referral)', 1],
    ['Alcohol/Drug Use Care Provider', 2],
    ['Alcohol/Drug Abuse Care Provider', 2],
    ['Other Health Care Provider', 3],
    ['School (Educational)', 4],
    ['Other Community Referral', 6],
    ['Court/Criminal Justice Referral / Dui / Dwi', 7],
  ],
);

/** NOPRIOR since 2015: 0 no prior treatment episode, 1 one or more (the sample's "One prior" is that code). */
export const PRIOR_LABELS: LabelTable<number> = table<number>(
  [
    ['No prior', 0],
    ['One prior', 1],
  ],
  [
    ['No Prior Treatment Episode', 0],
    ['No Prior Treatment Episodes', 0],
    ['One Or More Prior Treatment Episodes', 1],
    ['One And More Prior Treatment Episodes', 1],
  ],
);

/** PSYPROB: 1 yes, 2 no. */
export const YES_NO_LABELS: LabelTable<1 | 2> = table<1 | 2>([
  ['Yes', 1],
  ['No', 2],
]);
