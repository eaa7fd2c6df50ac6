import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelRank } from '../../../shared/domain/levels';
import {
  ASSESSABLE_FIELDS,
  CRITERIA,
  DIMENSIONS,
  MAX_RATING,
  parseAssessment,
  PROTECTIVE_CRITERIA,
  RISK_CRITERIA,
  SEVERITIES,
  type Assessment,
  type CriterionName,
} from '../../../shared/rules/assessment';
import { evaluateBaseline } from '../../../shared/rules/baseline';
import { evaluateAssessment, evaluateBatch } from '../../../shared/rules/evaluate';
import type { Recommendation } from '../../../shared/rules/recommendation';
import { currentRuleset } from '../../../shared/rules/registry';
import { anyAssessment, completeAssessment, corruption, TODAY } from './arbitraries';
import { leaveOut } from './assessmentFactory';

const runs = { numRuns: 500 };
const ruleById = new Map(currentRuleset.rules.map((rule) => [rule.id, rule]));

/** One step that can only add risk: a higher rating, a higher severity, a risk criterion on or a protective one off. */
type Escalation =
  | { readonly kind: 'dimension'; readonly name: (typeof DIMENSIONS)[number]; readonly by: number }
  | { readonly kind: 'severity'; readonly by: number }
  | { readonly kind: 'criterion'; readonly name: CriterionName; readonly to: boolean };

const escalation: fc.Arbitrary<Escalation> = fc.oneof(
  fc.record({ kind: fc.constant('dimension' as const), name: fc.constantFrom(...DIMENSIONS), by: fc.integer({ min: 1, max: MAX_RATING }) }),
  fc.record({ kind: fc.constant('severity' as const), by: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('criterion' as const), name: fc.constantFrom(...RISK_CRITERIA), to: fc.constant(true) }),
  fc.record({ kind: fc.constant('criterion' as const), name: fc.constantFrom(...PROTECTIVE_CRITERIA), to: fc.constant(false) }),
);

/** Applies the escalation to a known value; an unknown value stays unknown (that would be adding information, not risk). */
function escalate(assessment: Assessment, step: Escalation): Assessment {
  const next = structuredClone(assessment);
  if (step.kind === 'dimension') {
    const rating = next.dimensions?.[step.name];
    if (next.dimensions !== undefined && rating !== undefined) next.dimensions[step.name] = Math.min(MAX_RATING, rating + step.by);
  } else if (step.kind === 'severity') {
    if (next.severity !== undefined) next.severity = SEVERITIES[Math.min(2, SEVERITIES.indexOf(next.severity) + step.by)];
  } else if (next.criteria?.[step.name] !== undefined) {
    next.criteria[step.name] = step.to;
  }
  return next;
}

function expectNotLower(before: Recommendation, after: Recommendation): void {
  if (before.level === 'inpatient') expect(after.level).toBe('inpatient');
  if (before.level !== null && after.level !== null) expect(levelRank(after.level)).toBeGreaterThanOrEqual(levelRank(before.level));
}

function withCriterion(assessment: Assessment, name: CriterionName, value: boolean | undefined): Assessment {
  const next = structuredClone(assessment);
  next.criteria = { ...next.criteria, [name]: value };
  if (value === undefined) delete next.criteria[name];
  return next;
}

describe('rules properties over the whole input space', () => {
  it('is deterministic: the same assessment always gives the same output', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        expect(evaluateAssessment(structuredClone(assessment))).toEqual(evaluateAssessment(assessment));
      }),
      runs,
    );
  });

  it('is total: every schema-valid input parses and gets a recommendation', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const parsed = parseAssessment(JSON.parse(JSON.stringify(assessment)), TODAY);
        expect(parsed).toEqual({ ok: true, assessment });
        const [entry] = evaluateBatch([assessment], TODAY);
        expect(entry).toEqual(evaluateAssessment(assessment));
      }),
      runs,
    );
  });

  it('is total: an invalid field gets a field-level error naming that field, never a throw', () => {
    fc.assert(
      fc.property(anyAssessment, corruption, (assessment, { field, apply }) => {
        const raw = structuredClone(assessment) as unknown as Record<string, unknown>;
        apply(raw);
        const parsed = parseAssessment(raw, TODAY);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) {
          expect(parsed.errors.map((error) => error.field)).toEqual([field]);
          expect(parsed.errors[0]?.message).toMatch(/^\S.*\.$/);
        }
        const [entry] = evaluateBatch([raw], TODAY);
        expect(entry).toMatchObject({ error: { field } });
      }),
      runs,
    );
  });

  it('never throws on arbitrary JSON-like input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (raw) => {
        const parsed = parseAssessment(raw, TODAY);
        if (!parsed.ok) {
          expect(parsed.errors.length).toBeGreaterThan(0);
          for (const error of parsed.errors) expect(error.message.length).toBeGreaterThan(0);
        }
        expect(evaluateBatch([raw], TODAY)).toHaveLength(1);
      }),
      runs,
    );
  });

  it('is monotone: more risk never lowers the level', () => {
    fc.assert(
      fc.property(anyAssessment, fc.array(escalation, { minLength: 1, maxLength: 4 }), (assessment, steps) => {
        let before = evaluateAssessment(assessment);
        let current = assessment;
        for (const step of steps) {
          current = escalate(current, step);
          const after = evaluateAssessment(current);
          expectNotLower(before, after);
          before = after;
        }
      }),
      runs,
    );
  });

  it('is monotone on complete assessments, where every comparison has two levels', () => {
    fc.assert(
      fc.property(completeAssessment, escalation, (assessment, step) => {
        const before = evaluateAssessment(assessment);
        const after = evaluateAssessment(escalate(assessment, step));
        expect(before.level).not.toBeNull();
        expect(after.level).not.toBeNull();
        expectNotLower(before, after);
      }),
      { numRuns: 2000 },
    );
  });

  it('adding information never withdraws a recommendation: an inpatient result stays inpatient, any level stays put', () => {
    fc.assert(
      fc.property(anyAssessment, completeAssessment, (partial, filler) => {
        const before = evaluateAssessment(partial);
        const filled = structuredClone(partial);
        filled.severity ??= filler.severity;
        filled.dimensions = { ...filler.dimensions, ...filled.dimensions };
        filled.criteria = { ...filler.criteria, ...filled.criteria };
        const after = evaluateAssessment(filled);
        expect(after.missing).toEqual([]);
        expect(after.level).not.toBeNull();
        if (before.level !== null) expect(after.level).toBe(before.level);
      }),
      runs,
    );
  });

  it('is logistics-blind: flipping a flexible schedule between yes and no never changes the level or transition', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const needed = evaluateAssessment(withCriterion(assessment, 'needsFlexibleSchedule', true));
        const notNeeded = evaluateAssessment(withCriterion(assessment, 'needsFlexibleSchedule', false));
        expect(needed.level).toBe(notNeeded.level);
        expect(needed.transition).toBe(notNeeded.transition);
      }),
      runs,
    );
  });

  it('treats an unknown schedule as unknown: no level below inpatient, and inpatient exactly when it is inpatient either way', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const known = evaluateAssessment(withCriterion(assessment, 'needsFlexibleSchedule', false));
        const unknown = evaluateAssessment(withCriterion(assessment, 'needsFlexibleSchedule', undefined));
        expect(unknown.missing).toContain('criteria.needsFlexibleSchedule');
        expect(unknown.level).toBe(known.level === 'inpatient' ? 'inpatient' : null);
      }),
      runs,
    );
  });

  it('treats self-motivation as engagement: it adds a warning and never changes the level', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const motivated = evaluateAssessment(withCriterion(assessment, 'selfMotivated', true));
        const unmotivated = evaluateAssessment(withCriterion(assessment, 'selfMotivated', false));
        expect(unmotivated.level).toBe(motivated.level);
        expect(unmotivated.ruleIds).toContain('WARN-ENGAGEMENT');
        expect(motivated.ruleIds).not.toContain('WARN-ENGAGEMENT');
      }),
      runs,
    );
  });

  it('explains itself: a level comes with a rule for that level, and every rule id exists in the ruleset', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const output = evaluateAssessment(assessment);
        const rules = output.ruleIds.map((id) => ruleById.get(id));
        expect(rules).not.toContain(undefined);
        const levelRules = rules.filter((rule) => rule?.effect.kind === 'level');
        if (output.level === null) expect(levelRules).toEqual([]);
        else {
          expect(levelRules.length).toBeGreaterThan(0);
          for (const rule of levelRules) expect(rule?.effect).toEqual({ kind: 'level', level: output.level });
        }
        expect(output.reasons.length + output.warnings.length).toBe(output.ruleIds.length);
        expect(output.rulesetVersion).toBe(currentRuleset.version);
      }),
      runs,
    );
  });

  it('recommends on every complete assessment and lists exactly the unknown fields otherwise', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const output = evaluateAssessment(assessment);
        const present = new Set<string>();
        if (assessment.severity !== undefined) present.add('severity');
        for (const name of DIMENSIONS) if (assessment.dimensions?.[name] !== undefined) present.add(`dimensions.${name}`);
        for (const name of CRITERIA) if (assessment.criteria?.[name] !== undefined) present.add(`criteria.${name}`);
        for (const path of output.missing) expect(present.has(path)).toBe(false);
        expect(output.missing.length + present.size).toBe(1 + DIMENSIONS.length + CRITERIA.length);
        if (output.missing.length === 0) expect(output.level).not.toBeNull();
        else expect([null, 'inpatient']).toContain(output.level);
      }),
      runs,
    );
  });

  it('leaving out any one field of a complete assessment leaves no level below inpatient', () => {
    fc.assert(
      fc.property(completeAssessment, fc.constantFrom(...ASSESSABLE_FIELDS), (assessment, path) => {
        const complete = evaluateAssessment(assessment);
        const partial = structuredClone(assessment);
        leaveOut(partial, path);
        const output = evaluateAssessment(partial);
        expect(output.missing).toEqual([path]);
        if (complete.level === 'inpatient') expect([null, 'inpatient']).toContain(output.level);
        else expect(output.level).toBeNull();
      }),
      runs,
    );
  });

  it('warns an IOP case attending under 9 hours a week, and only then', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const output = evaluateAssessment(assessment);
        const below = assessment.currentLevel === 'iop' && assessment.weeklyTreatmentHours !== undefined && assessment.weeklyTreatmentHours < 9;
        expect(output.ruleIds.includes('WARN-IOP-INTENSITY')).toBe(below);
        expect(output.warnings.some((warning) => warning.includes('below the minimum intensity of an IOP'))).toBe(below);
      }),
      runs,
    );
  });

  it('derives the transition from the current and recommended levels', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        const { level, transition } = evaluateAssessment(assessment);
        if (level === null) expect(transition).toBeNull();
        else if (assessment.currentLevel === 'none') expect(transition).toBe('admit');
        else {
          const change = levelRank(level) - levelRank(assessment.currentLevel);
          expect(transition).toBe(change === 0 ? 'continue' : change > 0 ? 'step-up' : 'step-down');
        }
      }),
      runs,
    );
  });

  it('agrees with the hand-written baseline on every output field', () => {
    fc.assert(
      fc.property(anyAssessment, (assessment) => {
        expect(evaluateBaseline(assessment)).toEqual(evaluateAssessment(assessment));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the baseline when fields are left out one by one', () => {
    fc.assert(
      fc.property(
        completeAssessment,
        fc.subarray([...DIMENSIONS.map((name) => `dimensions.${name}`), ...CRITERIA.map((name) => `criteria.${name}`), 'severity']),
        (assessment, unknown) => {
          const partial = structuredClone(assessment);
          for (const path of unknown) leaveOut(partial, path);
          expect(evaluateBaseline(partial)).toEqual(evaluateAssessment(partial));
        },
      ),
      runs,
    );
  });
});
