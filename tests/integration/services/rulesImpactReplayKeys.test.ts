import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { CaseLevelChange, RulesImpactReport } from '../../../shared/contract/rules';
import { impactReplay } from '../../../shared/rules/impact';
import { CURRENT_RULESET_VERSION, RULESETS } from '../../../shared/rules/registry';
import type { Ruleset } from '../../../shared/rules/rule';
import { streamStoredAssessments } from '../../../electron/repositories/assessmentsRepository';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { reviewRulesImpact } from '../../../electron/services/rulesService';
import { makeAssessmentInput } from '../../factories/assessments';
import { STRICTER_RELAPSE } from '../../factories/rulesets';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const REGISTRY: readonly Ruleset[] = [...RULESETS, STRICTER_RELAPSE];
const VERSIONS = [CURRENT_RULESET_VERSION, STRICTER_RELAPSE.version];

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.signInAs('admin', ['admin', 'supervisor']);
  writeReferenceCaseload(core.database.sqlite, { seed: 2026, cases: 200, today: '2026-11-29' });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

/** Rules impact the straightforward way: every stored payload and recommendation read, validated and replayed. */
async function replayEveryPayload(version: string): Promise<RulesImpactReport> {
  const replay = impactReplay(version, REGISTRY);
  if (!replay.ok) throw new Error(replay.error.message);
  let evaluated = 0;
  const changes: { rowId: string; change: CaseLevelChange }[] = [];
  for await (const stored of streamStoredAssessments(core.database.db)) {
    evaluated += 1;
    const change = replay.value.changeFor({ caseId: stored.caseId, assessment: stored.assessment, storedOutput: stored.recommendation });
    if (!change) continue;
    const { caseId, mrn, fullName, assessedOn } = stored;
    const to = { ...change.to, ruleIds: [...change.to.ruleIds], reasons: [...change.to.reasons] };
    changes.push({ rowId: stored.id, change: { caseId, mrn, fullName, assessmentId: stored.assessment.id, assessedOn, from: change.from, to } });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  changes.sort((a, b) => order(a.change.assessedOn, b.change.assessedOn) || order(a.rowId, b.rowId));
  return { targetVersion: replay.value.targetVersion, evaluated, changes: changes.map((item) => item.change) };
}

async function expectSameReports(): Promise<RulesImpactReport[]> {
  const reports: RulesImpactReport[] = [];
  for (const version of VERSIONS) {
    const report = await reviewRulesImpact({ db: core.database.db }, version, REGISTRY);
    expect(report, version).toEqual(await replayEveryPayload(version));
    reports.push(report);
  }
  return reports;
}

const count = (sql: string, ...parameters: unknown[]): number =>
  Number(
    core.database.sqlite
      .prepare(sql)
      .pluck()
      .get(...parameters),
  );
const replayKeyOf = (assessmentId: string): unknown =>
  core.database.sqlite.prepare('SELECT replay_key FROM assessment_rules_inputs WHERE assessment_id = ?').pluck().get(assessmentId);

describe('rules impact read from the replay keys', () => {
  it('gives the report of a replay of every full payload, under the current version and under a changed one', async () => {
    const [current, stricter] = await expectSameReports();
    expect(current).toMatchObject({ evaluated: 600, changes: [] });
    expect(stricter?.changes.length).toBeGreaterThan(10);
    expect(count("SELECT count(*) FROM assessment_rules_inputs WHERE replay_key = ''")).toBe(0);
  });

  it('still does after an assessment is recorded and then amended through the service', async () => {
    const caseId = String(core.database.sqlite.prepare('SELECT id FROM cases ORDER BY mrn LIMIT 1').pluck().get());
    const relapseThree = { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 3, environment: 1 };
    const save = async (overrides: Parameters<typeof makeAssessmentInput>[1]) =>
      expectOk<AssessmentRecord>(
        await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, { assessedOn: '2026-11-28', ...overrides })),
      );
    const recorded = await save({ dimensions: relapseThree });
    const amended = await save({ amendsId: recorded.id, dimensions: { ...relapseThree, withdrawal: 2 } });
    for (const saved of [recorded, amended]) expect(replayKeyOf(saved.id)).toMatch(/^[IPO-][NIPO][123-][0-4-]{6}[tf-]{11}$/);
    const [current, stricter] = await expectSameReports();
    expect(current?.evaluated).toBe(602);
    expect(stricter?.changes.map((change) => change.assessmentId)).toEqual(expect.arrayContaining([recorded.id, amended.id]));
  });

  it('replays a row the key cannot hold from its payload, and stops at a damaged one with the same refusal as before', async () => {
    const caseId = String(core.database.sqlite.prepare('SELECT id FROM cases ORDER BY mrn LIMIT 1').pluck().get());
    const insert = core.database.sqlite.prepare(
      `INSERT INTO assessments (id, case_id, assessed_on, format_version, payload, recommendation, recommended_level, ruleset_version, created_at)
       VALUES (?, ?, '2026-11-27', ?, ?, ?, 'iop', '2026.1', '2026-11-27T10:00:00.000Z')`,
    );
    const recommendation = JSON.stringify({
      id: 'foreign',
      level: 'iop',
      transition: 'admit',
      ruleIds: ['IOP-MODERATE'],
      reasons: [],
      warnings: [],
      rulesetVersion: '2026.1',
      missing: [],
    });
    const payload = (id: string, relapse: number) =>
      JSON.stringify({
        id,
        assessedOn: '2026-11-27',
        currentLevel: 'none',
        severity: 'moderate',
        dimensions: { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse, environment: 1 },
        criteria: makeAssessmentInput(caseId).criteria,
      });
    // A later format version, and an id the key does not take (a quote, written with an escape): both replayed in full.
    insert.run('foreign', caseId, 2, payload('foreign', 3), recommendation);
    insert.run('quoted', caseId, 1, payload('say "hello"', 3), recommendation);
    expect([replayKeyOf('foreign'), replayKeyOf('quoted')]).toEqual(['', '']);
    const [, stricter] = await expectSameReports();
    expect(stricter?.changes.map((change) => change.assessmentId)).toEqual(expect.arrayContaining(['foreign', 'say "hello"']));

    insert.run('damaged', caseId, 1, payload('damaged', 7), recommendation);
    for (const version of VERSIONS) {
      const refusal = await replayEveryPayload(version).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'unavailable', message: expect.stringContaining('damaged') as unknown });
      await expect(reviewRulesImpact({ db: core.database.db }, version, REGISTRY)).rejects.toEqual(refusal);
    }
  });
});
