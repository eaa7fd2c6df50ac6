import fc from 'fast-check';
import { addDays } from '../../../shared/domain/dates';
import {
  CRITERIA,
  CURRENT_LEVELS,
  DIMENSIONS,
  MAX_RATING,
  MAX_WEEKLY_TREATMENT_HOURS,
  MIN_RATING,
  PROTECTIVE_CRITERIA,
  SEVERITIES,
  type Assessment,
  type CriterionName,
} from '../../../shared/rules/assessment';

/** The fixed "today" the property tests validate against. */
export const TODAY = '2026-06-01';

const uniformRating = fc.integer({ min: MIN_RATING, max: MAX_RATING });
/** Leans towards low ratings so outpatient and IOP outcomes are well represented, while still reaching 3 and 4. */
const lowLeaningRating = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 1 }) },
  { weight: 2, arbitrary: fc.constant(2) },
  { weight: 1, arbitrary: uniformRating },
);
const rareTrue = fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const rareFalse = rareTrue.map((value) => !value);

function keyed<K extends string, V>(keys: readonly K[], arbitraryFor: (key: K) => fc.Arbitrary<V>): { [key in K]: fc.Arbitrary<V> } {
  const model = {} as { [key in K]: fc.Arbitrary<V> };
  for (const key of keys) model[key] = arbitraryFor(key);
  return model;
}

const criterionValue = (lowRisk: boolean) => (name: CriterionName) => {
  if (!lowRisk || name === 'needsFlexibleSchedule') return fc.boolean();
  return (PROTECTIVE_CRITERIA as readonly string[]).includes(name) ? rareFalse : rareTrue;
};

export interface AssessmentShape {
  /** Every assessable field present (true) or each one independently left out (false). */
  readonly complete: boolean;
  /** Bias values towards low risk so that every level is reached often. */
  readonly lowRisk: boolean;
}

/** Schema-valid assessments of one shape, built from the same constants as the zod schema. */
export function assessmentOf({ complete, lowRisk }: AssessmentShape): fc.Arbitrary<Assessment> {
  const rating = lowRisk ? lowLeaningRating : uniformRating;
  const options = complete ? {} : { requiredKeys: [] as never[] };
  const dimensions = fc.record(
    keyed(DIMENSIONS, () => rating),
    options,
  );
  const criteria = fc.record(keyed(CRITERIA, criterionValue(lowRisk)), options);
  return fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 12 }),
      assessedOn: fc.integer({ min: 0, max: 3650 }).map((daysAgo) => addDays(TODAY, -daysAgo)),
      currentLevel: fc.constantFrom(...CURRENT_LEVELS),
      severity: fc.constantFrom(...SEVERITIES),
      dimensions,
      criteria,
      weeklyTreatmentHours: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: MAX_WEEKLY_TREATMENT_HOURS, noNaN: true })),
    },
    { requiredKeys: complete ? ['id', 'assessedOn', 'currentLevel', 'severity', 'dimensions', 'criteria'] : ['id', 'assessedOn', 'currentLevel'] },
  );
}

/** The whole valid input space: complete and partial, uniform and low-risk-leaning. */
export const anyAssessment: fc.Arbitrary<Assessment> = fc.oneof(
  assessmentOf({ complete: true, lowRisk: true }),
  assessmentOf({ complete: true, lowRisk: false }),
  assessmentOf({ complete: false, lowRisk: true }),
  assessmentOf({ complete: false, lowRisk: false }),
);

export const completeAssessment: fc.Arbitrary<Assessment> = fc.oneof(
  assessmentOf({ complete: true, lowRisk: true }),
  assessmentOf({ complete: true, lowRisk: false }),
);

/** One field of a valid raw assessment replaced by an invalid value (or an unknown key added), with the field expected in the error. */
export const corruption: fc.Arbitrary<{ readonly field: string; readonly apply: (raw: Record<string, unknown>) => void }> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...DIMENSIONS),
      fc.oneof(
        fc.integer({ min: 5, max: 1000 }),
        fc.integer({ min: -1000, max: -1 }),
        fc.constant(1.5),
        fc.constant('2'),
        fc.constant(null),
        fc.constant(true),
      ),
    )
    .map(([name, value]) => ({
      field: `dimensions.${name}`,
      apply: (raw: Record<string, unknown>) => {
        raw.dimensions = { ...(raw.dimensions as object | undefined), [name]: value };
      },
    })),
  fc.tuple(fc.constantFrom(...CRITERIA), fc.constantFrom(0, 1, 'yes', 'true', null, [])).map(([name, value]) => ({
    field: `criteria.${name}`,
    apply: (raw: Record<string, unknown>) => {
      raw.criteria = { ...(raw.criteria as object | undefined), [name]: value };
    },
  })),
  topLevel('severity', fc.constantFrom('Mild', 'extreme', '', 2, null)),
  topLevel('currentLevel', fc.constantFrom('residential', 'IOP', 'detox', '', undefined, null, 3)),
  topLevel('id', fc.constantFrom('', 17, null, undefined, 'x'.repeat(101))),
  topLevel('assessedOn', fc.constantFrom('2026-02-30', '2026-13-01', '01/03/2026', '2026-3-1', '', undefined, 20260301, '2026-06-02', '2999-01-01')),
  topLevel('weeklyTreatmentHours', fc.constantFrom(-1, 169, '6', null, Number.NaN)),
  topLevel('dimensions', fc.constantFrom(3, 'low', null, [1, 2])),
  topLevel('criteria', fc.constantFrom(true, 'none', null)),
  fc
    .constantFrom('withdrawl', 'Severity', 'notes', 'dimension')
    .map((key) => ({ field: key, apply: (raw: Record<string, unknown>) => void (raw[key] = 1) })),
  fc.constantFrom('withdrawl', 'cravings').map((key) => ({
    field: `dimensions.${key}`,
    apply: (raw: Record<string, unknown>) => {
      raw.dimensions = { ...(raw.dimensions as object | undefined), [key]: 1 };
    },
  })),
  fc.constantFrom('selfMotivation', 'housing').map((key) => ({
    field: `criteria.${key}`,
    apply: (raw: Record<string, unknown>) => {
      raw.criteria = { ...(raw.criteria as object | undefined), [key]: true };
    },
  })),
);

function topLevel(field: string, values: fc.Arbitrary<unknown>) {
  return values.map((value) => ({
    field,
    apply: (raw: Record<string, unknown>) => {
      if (value === undefined) delete raw[field];
      else raw[field] = value;
    },
  }));
}
