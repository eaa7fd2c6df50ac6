import { z } from 'zod';
import { isAfter, type IsoDate } from '../domain/dates';
import { LEVELS } from '../domain/levels';

/** Assessment interchange format, version 1: the JSON shape used by the CLI, import and export. */
export const ASSESSMENT_FORMAT_VERSION = 1;

export const CURRENT_LEVELS = ['none', ...LEVELS] as const;
export type CurrentLevel = (typeof CURRENT_LEVELS)[number];

/** Substance use disorder severity, in increasing order. */
export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DIMENSIONS = ['withdrawal', 'biomedical', 'psychiatric', 'readiness', 'relapse', 'environment'] as const;
export type DimensionName = (typeof DIMENSIONS)[number];
export const MIN_RATING = 0;
export const MAX_RATING = 4;

/** Criteria whose presence (true) adds risk. */
export const RISK_CRITERIA = [
  'lifeThreateningUse',
  'needsMedicallySupervisedWithdrawal',
  'needs24HourSupervision',
  'repeatedRelapseInOutpatient',
  'courtOrderedResidential',
  'severeCoOccurringMentalHealth',
] as const;
/** Criteria whose presence (true) protects; their absence (false) adds risk. */
export const PROTECTIVE_CRITERIA = ['safeSoberHousing', 'supportiveNetwork', 'completedHigherLevelCare', 'selfMotivated'] as const;
/** Practical circumstances that may shape the schedule but never the clinical level. */
export const LOGISTICS_CRITERIA = ['needsFlexibleSchedule'] as const;

/** All criteria, in the order of the interchange format. */
export const CRITERIA = [
  'lifeThreateningUse',
  'needsMedicallySupervisedWithdrawal',
  'needs24HourSupervision',
  'repeatedRelapseInOutpatient',
  'safeSoberHousing',
  'supportiveNetwork',
  'courtOrderedResidential',
  'severeCoOccurringMentalHealth',
  'completedHigherLevelCare',
  'selfMotivated',
  'needsFlexibleSchedule',
] as const;
export type CriterionName = (typeof CRITERIA)[number];

export const DIMENSION_LABELS: Readonly<Record<DimensionName, string>> = {
  withdrawal: 'withdrawal risk',
  biomedical: 'physical health (biomedical) risk',
  psychiatric: 'mental health (psychiatric) risk',
  readiness: 'readiness-to-change risk',
  relapse: 'relapse risk',
  environment: 'recovery environment risk',
};

export const CRITERION_LABELS: Readonly<Record<CriterionName, string>> = {
  lifeThreateningUse: 'substance use is life-threatening',
  needsMedicallySupervisedWithdrawal: 'withdrawal needs constant medical supervision',
  needs24HourSupervision: 'cannot resist cravings without supervision around the clock',
  repeatedRelapseInOutpatient: 'tried outpatient care and keeps relapsing',
  safeSoberHousing: 'has a safe, sober place to live',
  supportiveNetwork: 'family or friends are engaged in the recovery',
  courtOrderedResidential: 'a court has ordered residential treatment',
  severeCoOccurringMentalHealth: 'has a debilitating co-occurring mental health condition',
  completedHigherLevelCare: 'has completed detox or residential care (step-down candidate)',
  selfMotivated: 'is motivated to recover by their own choice',
  needsFlexibleSchedule: 'has work, school, childcare or eldercare duties needing a flexible schedule',
};

export const MAX_WEEKLY_TREATMENT_HOURS = 168;
export const MAX_ID_LENGTH = 100;

const ratingMessage = (dimension: DimensionName): string =>
  `The ${DIMENSION_LABELS[dimension]} rating must be a whole number from ${MIN_RATING} (none) to ${MAX_RATING} (severe); leave it out if it is unknown.`;

const rating = (dimension: DimensionName) => {
  const error = ratingMessage(dimension);
  return z.int({ error }).min(MIN_RATING, { error }).max(MAX_RATING, { error }).optional();
};

const criterion = (name: CriterionName) => z.boolean({ error: `"${name}" must be true or false; leave it out if it is unknown.` }).optional();

const dimensionsSchema = z.strictObject(
  {
    withdrawal: rating('withdrawal'),
    biomedical: rating('biomedical'),
    psychiatric: rating('psychiatric'),
    readiness: rating('readiness'),
    relapse: rating('relapse'),
    environment: rating('environment'),
  },
  { error: 'The dimensions must be an object of ratings from 0 to 4.' },
);

const criteriaSchema = z.strictObject(
  {
    lifeThreateningUse: criterion('lifeThreateningUse'),
    needsMedicallySupervisedWithdrawal: criterion('needsMedicallySupervisedWithdrawal'),
    needs24HourSupervision: criterion('needs24HourSupervision'),
    repeatedRelapseInOutpatient: criterion('repeatedRelapseInOutpatient'),
    safeSoberHousing: criterion('safeSoberHousing'),
    supportiveNetwork: criterion('supportiveNetwork'),
    courtOrderedResidential: criterion('courtOrderedResidential'),
    severeCoOccurringMentalHealth: criterion('severeCoOccurringMentalHealth'),
    completedHigherLevelCare: criterion('completedHigherLevelCare'),
    selfMotivated: criterion('selfMotivated'),
    needsFlexibleSchedule: criterion('needsFlexibleSchedule'),
  },
  { error: 'The criteria must be an object of true/false answers.' },
);

const hoursMessage = `The weekly treatment hours must be a number from 0 to ${MAX_WEEKLY_TREATMENT_HOURS}; leave it out if unknown.`;
const levelList = CURRENT_LEVELS.join(', ');

/**
 * The version 1 schema without the clock-dependent check: `parseAssessment` adds "not in the future".
 * Unknown keys are rejected so a misspelt field is reported instead of silently read as unknown.
 */
export const assessmentSchemaV1 = z.strictObject(
  {
    id: z
      .string({ error: (issue) => (issue.input === undefined ? 'Enter the assessment id.' : 'The assessment id must be text.') })
      .min(1, { error: 'Enter the assessment id.' })
      .max(MAX_ID_LENGTH, { error: `The assessment id can be at most ${MAX_ID_LENGTH} characters.` }),
    assessedOn: z.iso.date({
      error: (issue) => (issue.input === undefined ? 'Enter the assessment date.' : 'The assessment date must be a real date written as YYYY-MM-DD.'),
    }),
    currentLevel: z.enum(CURRENT_LEVELS, {
      error: (issue) =>
        issue.input === undefined ? `Enter the current level of care (${levelList}).` : `The current level of care must be one of ${levelList}.`,
    }),
    severity: z.enum(SEVERITIES, { error: 'The severity must be mild, moderate or severe; leave it out if it is unknown.' }).optional(),
    dimensions: dimensionsSchema.optional(),
    criteria: criteriaSchema.optional(),
    weeklyTreatmentHours: z
      .number({ error: hoursMessage })
      .min(0, { error: hoursMessage })
      .max(MAX_WEEKLY_TREATMENT_HOURS, { error: hoursMessage })
      .optional(),
  },
  { error: 'Each assessment must be a JSON object.' },
);

export type Assessment = z.output<typeof assessmentSchemaV1>;
export type Dimensions = NonNullable<Assessment['dimensions']>;
export type Criteria = NonNullable<Assessment['criteria']>;

/** A problem with one field of an assessment, named by its dotted path ("dimensions.withdrawal"). */
export interface AssessmentFieldError {
  readonly field: string;
  readonly message: string;
}

export type ParsedAssessment =
  { readonly ok: true; readonly assessment: Assessment } | { readonly ok: false; readonly errors: readonly AssessmentFieldError[] };

/** The field reported when the value is not an object at all. */
export const WHOLE_ASSESSMENT_FIELD = 'assessment';

/** Validates raw input (for example parsed JSON) against format v1; `today` decides what "in the future" means. */
export function parseAssessment(raw: unknown, today: IsoDate): ParsedAssessment {
  const parsed = assessmentSchemaV1.safeParse(raw);
  const errors = parsed.success ? [] : parsed.error.issues.flatMap(toFieldErrors);
  // Checked on the raw value too, so a future date is reported alongside any other problem.
  const assessedOn = parsed.success ? parsed.data.assessedOn : wellFormedDate(raw);
  if (assessedOn !== undefined && isAfter(assessedOn, today)) errors.push({ field: 'assessedOn', message: 'The assessment date is in the future.' });
  return parsed.success && errors.length === 0 ? { ok: true, assessment: parsed.data } : { ok: false, errors };
}

function wellFormedDate(raw: unknown): IsoDate | undefined {
  if (typeof raw !== 'object' || raw === null || !('assessedOn' in raw)) return undefined;
  const date = assessmentSchemaV1.shape.assessedOn.safeParse(raw.assessedOn);
  return date.success ? date.data : undefined;
}

function toFieldErrors(issue: z.core.$ZodIssue): AssessmentFieldError[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: unknownKeyMessage(path, key) }));
  }
  return [{ field: path.length === 0 ? WHOLE_ASSESSMENT_FIELD : path.join('.'), message: issue.message }];
}

const TOP_LEVEL_KEYS = Object.keys(assessmentSchemaV1.shape);

function unknownKeyMessage(path: readonly string[], key: string): string {
  const known: readonly string[] = path[0] === 'dimensions' ? DIMENSIONS : path[0] === 'criteria' ? CRITERIA : TOP_LEVEL_KEYS;
  const where = path.length === 0 ? 'an assessment' : `"${path.join('.')}"`;
  const suggestion = closestName(key, known);
  return `"${key}" is not a field of ${where}${suggestion === undefined ? '.' : ` (did you mean "${suggestion}"?).`}`;
}

/** Suggests a known name within a small edit distance, to catch typos such as "withdrawl". */
function closestName(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Dotted paths of every field that a schema-valid assessment may leave out as unknown, in format order. */
export const ASSESSABLE_FIELDS: readonly string[] = ['severity', ...DIMENSIONS.map(dimensionPath), ...CRITERIA.map(criterionPath)];

export function dimensionPath(name: DimensionName): string {
  return `dimensions.${name}`;
}

export function criterionPath(name: CriterionName): string {
  return `criteria.${name}`;
}

/**
 * The unknown fields of an assessment (weeklyTreatmentHours is optional by design and never counted).
 * Written out field by field because it runs for every evaluation, and named reads measured about
 * twice as fast as a loop over computed keys.
 */
export function listMissingFields(assessment: Assessment): string[] {
  const missing: string[] = [];
  const d = assessment.dimensions ?? NO_DIMENSIONS;
  const c = assessment.criteria ?? NO_CRITERIA;
  if (assessment.severity === undefined) missing.push('severity');
  if (d.withdrawal === undefined) missing.push('dimensions.withdrawal');
  if (d.biomedical === undefined) missing.push('dimensions.biomedical');
  if (d.psychiatric === undefined) missing.push('dimensions.psychiatric');
  if (d.readiness === undefined) missing.push('dimensions.readiness');
  if (d.relapse === undefined) missing.push('dimensions.relapse');
  if (d.environment === undefined) missing.push('dimensions.environment');
  if (c.lifeThreateningUse === undefined) missing.push('criteria.lifeThreateningUse');
  if (c.needsMedicallySupervisedWithdrawal === undefined) missing.push('criteria.needsMedicallySupervisedWithdrawal');
  if (c.needs24HourSupervision === undefined) missing.push('criteria.needs24HourSupervision');
  if (c.repeatedRelapseInOutpatient === undefined) missing.push('criteria.repeatedRelapseInOutpatient');
  if (c.safeSoberHousing === undefined) missing.push('criteria.safeSoberHousing');
  if (c.supportiveNetwork === undefined) missing.push('criteria.supportiveNetwork');
  if (c.courtOrderedResidential === undefined) missing.push('criteria.courtOrderedResidential');
  if (c.severeCoOccurringMentalHealth === undefined) missing.push('criteria.severeCoOccurringMentalHealth');
  if (c.completedHigherLevelCare === undefined) missing.push('criteria.completedHigherLevelCare');
  if (c.selfMotivated === undefined) missing.push('criteria.selfMotivated');
  if (c.needsFlexibleSchedule === undefined) missing.push('criteria.needsFlexibleSchedule');
  return missing;
}

const NO_DIMENSIONS: Dimensions = {};
const NO_CRITERIA: Criteria = {};
