import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../../shared/rules/assessment';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { replayRecommendation, rulesImpact, type StoredRecommendation } from '../../../shared/rules/impact';
import { RULESETS } from '../../../shared/rules/registry';
import { RULESET_2026_1 } from '../../../shared/rules/rulesets/v2026-1';
import { REPLACED_RULE_ID, STRICTER_RELAPSE } from '../../factories/rulesets';
import { makeAssessment } from './assessmentFactory';

const REGISTRY = [...RULESETS, STRICTER_RELAPSE];

function store(caseId: string, assessment: Assessment): StoredRecommendation {
  return { caseId, assessment, storedOutput: evaluateAssessment(assessment, RULESET_2026_1) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const affected = store('case-relapse-3', makeAssessment({ id: 'A-relapse', severity: 'moderate', currentLevel: 'iop', dimensions: { relapse: 3 } }));
const unaffected = store('case-moderate', makeAssessment({ id: 'A-moderate', severity: 'moderate' }));
const alreadyInpatient = store('case-relapse-4', makeAssessment({ id: 'A-relapse-4', dimensions: { relapse: 4 } }));

describe('replay and rules impact', () => {
  it('uses a test release whose changed rule has a new id and its own words, every other rule unchanged', () => {
    const newIds = STRICTER_RELAPSE.rules.map((rule) => rule.id);
    expect(newIds).not.toContain(REPLACED_RULE_ID);
    expect(newIds).toEqual(RULESET_2026_1.rules.map((rule) => (rule.id === REPLACED_RULE_ID ? 'INP-RELAPSE-HIGH' : rule.id)));
    const changed = STRICTER_RELAPSE.rules.find((rule) => rule.id === 'INP-RELAPSE-HIGH');
    expect(changed).toMatchObject({ reason: 'Relapse risk is rated 3 or higher.', statement: expect.stringContaining('rated 3 or 4') as unknown });
    const unchanged = STRICTER_RELAPSE.rules.filter((rule) => rule.id !== 'INP-RELAPSE-HIGH');
    expect(unchanged).toEqual(RULESET_2026_1.rules.filter((rule) => rule.id !== REPLACED_RULE_ID));
  });

  it('replays a stored recommendation identically under its own version', () => {
    const replay = replayRecommendation(affected, REGISTRY);
    expect(replay).toEqual({ ok: true, value: { replayed: affected.storedOutput, identical: true } });
  });

  it('evaluates the same stored assessment differently under the changed version', () => {
    const underNew = evaluateAssessment(affected.assessment, STRICTER_RELAPSE);
    expect(affected.storedOutput.level).toBe('iop');
    expect(underNew).toMatchObject({ level: 'inpatient', transition: 'step-up', ruleIds: ['INP-RELAPSE-HIGH'], rulesetVersion: '2099.1-test' });
    const restamped = { ...affected, storedOutput: { ...affected.storedOutput, rulesetVersion: STRICTER_RELAPSE.version } };
    const replay = replayRecommendation(restamped, REGISTRY);
    expect(replay.ok && replay.value.identical).toBe(false);
  });

  it('lists only the cases whose level would change, without touching what is stored', () => {
    const stored = deepFreeze([affected, unaffected, alreadyInpatient]);
    const snapshot = structuredClone(stored);
    const impact = rulesImpact(stored, STRICTER_RELAPSE.version, REGISTRY);
    expect(impact).toEqual({
      ok: true,
      value: {
        targetVersion: '2099.1-test',
        evaluated: 3,
        changes: [
          {
            caseId: 'case-relapse-3',
            assessmentId: 'A-relapse',
            from: { rulesetVersion: '2026.1', level: 'iop' },
            to: {
              rulesetVersion: '2099.1-test',
              level: 'inpatient',
              transition: 'step-up',
              ruleIds: ['INP-RELAPSE-HIGH'],
              reasons: ['Relapse risk is rated 3 or higher.'],
            },
          },
        ],
      },
    });
    expect(stored).toEqual(snapshot);
  });

  it('finds no change when the target is the version that produced the stored outputs', () => {
    const impact = rulesImpact([affected, unaffected, alreadyInpatient], '2026.1', REGISTRY);
    expect(impact.ok && impact.value.changes).toEqual([]);
  });

  it('reports an unreleased version as an error a user can read', () => {
    expect(rulesImpact([affected], '2099.1-test')).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Ruleset version "2099.1-test" is not a released version.' },
    });
    const orphan = { ...affected, storedOutput: { ...affected.storedOutput, rulesetVersion: '1999.9' } };
    expect(replayRecommendation(orphan).ok).toBe(false);
  });
});
