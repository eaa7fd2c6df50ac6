import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RulesImpactReport } from '../../../shared/contract/rules';
import { replayRecommendation } from '../../../shared/rules/impact';
import { RULESETS } from '../../../shared/rules/registry';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { streamStoredAssessments, type StoredAssessment } from '../../../electron/repositories/assessmentsRepository';
import { reviewRulesImpact } from '../../../electron/services/rulesService';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { STRICTER_RELAPSE } from '../../factories/rulesets';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.signInAs('admin', ['admin', 'supervisor']);
  await core.registry.invoke('demo.load', {});
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

/** Every stored assessment, collected from the stream the rules impact reads. */
async function storedAssessments(): Promise<StoredAssessment[]> {
  const all: StoredAssessment[] = [];
  for await (const item of streamStoredAssessments(core.database.db)) all.push(item);
  return all;
}

const storedRows = () => core.database.sqlite.prepare('SELECT id, payload, recommendation, ruleset_version FROM assessments ORDER BY id').all();

describe('stored recommendations', () => {
  it('are saved with the ruleset version that produced them and replay identically under it', async () => {
    const stored = await storedAssessments();
    expect(stored).toHaveLength(DEMO_CASELOAD_SIZE);
    for (const item of stored) {
      expect(item.recommendation.rulesetVersion).toBe('2026.1');
      const replay = replayRecommendation({ caseId: item.caseId, assessment: item.assessment, storedOutput: item.recommendation });
      expect(replay.ok && replay.value.identical).toBe(true);
    }
    const levels = new Set(stored.map((item) => item.recommendation.level));
    expect(levels).toEqual(new Set(['inpatient', 'iop', 'outpatient']));
  });
});

describe('rules impact', () => {
  it('under the current version changes nothing', async () => {
    const result = await core.registry.invoke('rules.impact', { targetVersion: '2026.1' });
    expect(result).toEqual({ ok: true, value: { targetVersion: '2026.1', evaluated: DEMO_CASELOAD_SIZE, changes: [] } });
  });

  it('under a version with one rule changed lists exactly the cases whose level would change, and overwrites nothing', async () => {
    const before = storedRows();
    const report: RulesImpactReport = await reviewRulesImpact({ db: core.database.db }, STRICTER_RELAPSE.version, [...RULESETS, STRICTER_RELAPSE]);
    const stored = await storedAssessments();
    const expected = stored.filter((item) => item.assessment.dimensions?.relapse === 3 && item.recommendation.level !== 'inpatient');
    expect(expected.length).toBeGreaterThan(0);
    expect(report.changes.map((change) => change.mrn).sort()).toEqual(expected.map((item) => item.mrn).sort());
    for (const change of report.changes) {
      expect(change.to).toMatchObject({
        rulesetVersion: '2099.1-test',
        level: 'inpatient',
        ruleIds: expect.arrayContaining(['INP-RELAPSE-HIGH']) as unknown,
        reasons: expect.arrayContaining(['Relapse risk is rated 3 or higher.']) as unknown,
      });
      expect(change.to.ruleIds).not.toContain('INP-RELAPSE-CRITICAL');
      expect(change.from.rulesetVersion).toBe('2026.1');
    }
    expect(storedRows()).toEqual(before);
  });

  it('refuses a version that was never released', async () => {
    const result = await core.registry.invoke('rules.impact', { targetVersion: '1999.9' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', fields: [{ path: 'targetVersion' }] } });
  });
});
