import { describe, expect, it } from 'vitest';
import { ASSESSABLE_FIELDS, listMissingFields, parseAssessment } from '../../../shared/rules/assessment';
import { makeAssessment } from './assessmentFactory';

const TODAY = '2026-06-01';
const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify(makeAssessment({ weeklyTreatmentHours: 7.5 }))) as Record<string, unknown>;

function errorsFor(change: (raw: Record<string, unknown>) => void) {
  const raw = valid();
  change(raw);
  const parsed = parseAssessment(raw, TODAY);
  return parsed.ok ? [] : parsed.errors;
}

describe('assessment interchange format v1', () => {
  it('accepts the example from the issue and keeps every value', () => {
    const example = {
      id: 'A-17',
      assessedOn: '2026-03-01',
      currentLevel: 'none',
      severity: 'moderate',
      dimensions: { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 2, environment: 1 },
      criteria: {
        lifeThreateningUse: false,
        needsMedicallySupervisedWithdrawal: false,
        needs24HourSupervision: false,
        repeatedRelapseInOutpatient: false,
        safeSoberHousing: true,
        supportiveNetwork: true,
        courtOrderedResidential: false,
        severeCoOccurringMentalHealth: false,
        completedHigherLevelCare: false,
        selfMotivated: true,
        needsFlexibleSchedule: true,
      },
      weeklyTreatmentHours: 6,
    };
    expect(parseAssessment(example, TODAY)).toEqual({ ok: true, assessment: example });
  });

  it('accepts a minimal assessment: unknown is not invalid', () => {
    const minimal = { id: 'A-1', assessedOn: TODAY, currentLevel: 'iop' };
    expect(parseAssessment(minimal, TODAY)).toEqual({ ok: true, assessment: minimal });
    expect(parseAssessment({ ...minimal, dimensions: {}, criteria: {} }, TODAY).ok).toBe(true);
  });

  it.each([
    [
      'a rating of 7',
      (raw: Record<string, unknown>) => (raw.dimensions = { withdrawal: 7 }),
      'dimensions.withdrawal',
      /whole number from 0 \(none\) to 4/,
    ],
    ['a fractional rating', (raw: Record<string, unknown>) => (raw.dimensions = { relapse: 2.5 }), 'dimensions.relapse', /relapse risk rating/],
    ['a rating sent as text', (raw: Record<string, unknown>) => (raw.dimensions = { biomedical: '1' }), 'dimensions.biomedical', /physical health/],
    [
      'null for an unknown rating',
      (raw: Record<string, unknown>) => (raw.dimensions = { psychiatric: null }),
      'dimensions.psychiatric',
      /leave it out if it is unknown/,
    ],
    [
      'a criterion written as "yes"',
      (raw: Record<string, unknown>) => (raw.criteria = { selfMotivated: 'yes' }),
      'criteria.selfMotivated',
      /must be true or false/,
    ],
    ['an unknown severity', (raw: Record<string, unknown>) => (raw.severity = 'extreme'), 'severity', /mild, moderate or severe/],
    ['an unknown current level', (raw: Record<string, unknown>) => (raw.currentLevel = 'detox'), 'currentLevel', /none, outpatient, iop, inpatient/],
    ['no current level', (raw: Record<string, unknown>) => delete raw.currentLevel, 'currentLevel', /^Enter the current level/],
    ['no id', (raw: Record<string, unknown>) => delete raw.id, 'id', /^Enter the assessment id\.$/],
    ['a numeric id', (raw: Record<string, unknown>) => (raw.id = 17), 'id', /must be text/],
    ['a malformed date', (raw: Record<string, unknown>) => (raw.assessedOn = '01/03/2026'), 'assessedOn', /real date written as YYYY-MM-DD/],
    ['an impossible date', (raw: Record<string, unknown>) => (raw.assessedOn = '2026-02-30'), 'assessedOn', /real date/],
    ['a future date', (raw: Record<string, unknown>) => (raw.assessedOn = '2026-06-02'), 'assessedOn', /^The assessment date is in the future\.$/],
    ['negative weekly hours', (raw: Record<string, unknown>) => (raw.weeklyTreatmentHours = -1), 'weeklyTreatmentHours', /from 0 to 168/],
    ['more hours than a week has', (raw: Record<string, unknown>) => (raw.weeklyTreatmentHours = 200), 'weeklyTreatmentHours', /from 0 to 168/],
    ['dimensions that are not an object', (raw: Record<string, unknown>) => (raw.dimensions = [1, 2]), 'dimensions', /object of ratings/],
  ])('rejects %s with a field-level error', (_what, change, field, message) => {
    const errors = errorsFor(change);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe(field);
    expect(errors[0]?.message).toMatch(message);
  });

  it('accepts an assessment dated today', () => {
    expect(parseAssessment({ ...valid(), assessedOn: TODAY }, TODAY).ok).toBe(true);
  });

  it('rejects misspelt and unknown keys at every level, suggesting the intended name', () => {
    expect(errorsFor((raw) => (raw.dimensions = { withdrawl: 2 }))).toEqual([
      { field: 'dimensions.withdrawl', message: '"withdrawl" is not a field of "dimensions" (did you mean "withdrawal"?).' },
    ]);
    expect(errorsFor((raw) => (raw.criteria = { selfMotivation: true }))[0]).toEqual({
      field: 'criteria.selfMotivation',
      message: '"selfMotivation" is not a field of "criteria" (did you mean "selfMotivated"?).',
    });
    expect(errorsFor((raw) => (raw.notes = 'x'))).toEqual([{ field: 'notes', message: '"notes" is not a field of an assessment.' }]);
  });

  it('reports every problem, one per field', () => {
    const errors = errorsFor((raw) => {
      raw.severity = 'extreme';
      raw.dimensions = { relapse: 9, cravings: 2 };
    });
    expect(errors.map((error) => error.field).sort()).toEqual(['dimensions.cravings', 'dimensions.relapse', 'severity']);
    const withFutureDate = errorsFor((raw) => {
      raw.assessedOn = '2026-07-01';
      raw.currentLevel = 'detox';
    });
    expect(withFutureDate.map((error) => error.field)).toEqual(['currentLevel', 'assessedOn']);
  });

  it.each([[42], ['text'], [null], [[]], [undefined]])('rejects %j as a whole', (raw) => {
    expect(parseAssessment(raw, TODAY)).toEqual({ ok: false, errors: [{ field: 'assessment', message: 'Each assessment must be a JSON object.' }] });
  });

  it('lists unknown fields as dotted paths in format order, never weeklyTreatmentHours', () => {
    expect(listMissingFields({ id: 'A', assessedOn: TODAY, currentLevel: 'none' })).toEqual(ASSESSABLE_FIELDS);
    expect(ASSESSABLE_FIELDS).toHaveLength(18);
    expect(listMissingFields(makeAssessment({ unknown: ['criteria.safeSoberHousing', 'dimensions.relapse', 'severity'] }))).toEqual([
      'severity',
      'dimensions.relapse',
      'criteria.safeSoberHousing',
    ]);
    expect(listMissingFields(makeAssessment())).toEqual([]);
  });
});
