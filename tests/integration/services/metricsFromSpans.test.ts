import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { MetricsReport } from '../../../shared/contract/reports';
import { addDays } from '../../../shared/domain/dates';
import { referenceStaff } from '../../../shared/synthetic/referenceCaseload';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { fixedClock } from '../../../electron/services/context';
import { metricsReport, type MetricsReportRequest } from '../../../electron/services/reportsService';
import { makeAssessmentInput } from '../../factories/assessments';
import {
  blocksDisagreeingWithSpans,
  expectedSpans,
  metricsReportFromEpisodes,
  staleBlocks,
  storedSpans,
  strayRows,
} from '../../support/metricsOracle';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_NOW, type TestCore } from '../../support/testCore';

const TODAY = '2026-11-29';
const REFERENCE = { seed: 2026, cases: 600, today: TODAY };

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeAll(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.addUser('sam', ['supervisor'], 'Sam Reviewer');
  await core.signInAs('lead', ['admin', 'clinician', 'supervisor']);
  writeReferenceCaseload(core.database.sqlite, REFERENCE);
}, 60_000);
afterAll(() => {
  core.close();
  temp.cleanup();
});

const sqlite = () => core.database.sqlite;
const fromSpans = (request: MetricsReportRequest) => metricsReport({ db: core.database.db, clock: fixedClock(TEST_NOW) }, request);
const fromEpisodes = (request: MetricsReportRequest) => metricsReportFromEpisodes(sqlite(), TODAY, request);

/** Equal figure for figure, and in the same order of keys: the report the screen gets is unchanged. */
async function expectSameReport(request: MetricsReportRequest): Promise<MetricsReport> {
  const expected = fromEpisodes(request);
  const report = await fromSpans(request);
  expect(report).toStrictEqual(expected);
  expect(JSON.stringify(report)).toBe(JSON.stringify(expected));
  return report;
}

function expectSpansOfEveryEpisode(): void {
  expect(storedSpans(sqlite())).toEqual(expectedSpans(sqlite()));
  const counts = strayRows(sqlite());
  expect(counts).toEqual({ spans: counts.episodes, keys: counts.episodes, episodes: counts.episodes, distinctKeyedSpans: counts.episodes });
}

const earliestStart = (): string => sqlite().prepare('SELECT min(start_date) FROM episodes').pluck().get() as string;
const clinicianId = (): string => referenceStaff(REFERENCE).clinicians[0]?.id ?? '';
const program = (): string => sqlite().prepare('SELECT program FROM cases WHERE program IS NOT NULL LIMIT 1').pluck().get() as string;

/** Ranges and filters the Reports screen can ask for, from every episode ever to none at all. */
function requests(): [string, MetricsReportRequest][] {
  return [
    ['every episode', { from: earliestStart(), to: TODAY }],
    ['the default last twelve months', {}],
    ['one month, charted daily', { from: '2026-11-01', to: TODAY }],
    ['one day', { from: '2026-06-15', to: '2026-06-15' }],
    ['a range in the past', { from: '2019-01-01', to: '2022-12-31' }],
    ['a range before every episode', { from: '1990-01-01', to: '1990-12-31' }],
    ['a range in the future, where only open episodes reach', { from: '2030-01-01', to: '2030-12-31' }],
    ['one clinician’s cases', { from: earliestStart(), to: TODAY, clinicianId: clinicianId() }],
    ['one program', { from: '2024-01-01', to: TODAY, program: program() }],
    ['a clinician and a program', { clinicianId: clinicianId(), program: program() }],
    ['a clinician with no cases', { clinicianId: 'nobody' }],
  ];
}

describe('the metrics report from episode spans', () => {
  it('reads spans that match the episodes exactly, one each', () => {
    expect(strayRows(sqlite()).episodes).toBe(2400);
    expectSpansOfEveryEpisode();
  });

  it('equals the report computed from the episodes table, for every range and filter', async () => {
    const reports: MetricsReport[] = [];
    for (const [name, request] of requests()) {
      try {
        reports.push(await expectSameReport(request));
      } catch (error) {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    // The ranges are not all alike: some episodes, every metric present, and none at all.
    expect(reports[0]?.episodes).toBe(2400);
    expect(reports[0]?.lengthOfStay).toHaveProperty('inpatient');
    expect(reports[0]?.concordance.eligible).toBeGreaterThan(0);
    expect(reports[0]?.variances.variances).toBeGreaterThan(0);
    expect(reports[5]).toMatchObject({ episodes: 0, cases: 0, transitions: {} });
    expect(reports[6]?.episodes).toBe(reports[6]?.cases);
    expect(reports[7]?.cases).toBeGreaterThan(0);
    expect(reports[7]?.cases).toBeLessThan(600);
    expect(reports[10]).toMatchObject({ episodes: 0, concordance: { eligible: 0 } });
  });

  it('answers the same through the registry, read on the worker thread', async () => {
    const request = { from: earliestStart(), to: TODAY };
    expect(expectOk<MetricsReport>(await core.registry.invoke('reports.metrics', request))).toStrictEqual(fromEpisodes(request));
  });
});

describe('the spans after episode changes through the app', () => {
  async function expectSameAfterChange(): Promise<MetricsReport> {
    expectSpansOfEveryEpisode();
    // The change's own transaction packed the blocks it touched.
    expect(staleBlocks(sqlite())).toEqual([]);
    expect(blocksDisagreeingWithSpans(sqlite())).toEqual([]);
    await expectSameReport({});
    await expectSameReport({ from: '2026-11-01', to: TODAY });
    return expectSameReport({ from: earliestStart(), to: TODAY });
  }

  /** An active case whose open episode began before the day, with no decision pending. */
  function activeCaseOpenSince(day: string): { caseId: string } {
    const row = sqlite()
      .prepare(
        `SELECT cases.id AS caseId FROM cases JOIN episodes ON episodes.case_id = cases.id AND episodes.end_date IS NULL
          WHERE cases.status = 'active' AND episodes.start_date < ?
            AND NOT EXISTS (SELECT 1 FROM decisions WHERE decisions.case_id = cases.id AND decisions.status IN ('draft', 'submitted'))
          ORDER BY cases.id LIMIT 1`,
      )
      .get(day) as { caseId: string } | undefined;
    if (!row) throw new Error('The reference caseload has no such case');
    return row;
  }

  const dischargedOn = '2026-11-22';
  let dischargedCase = '';

  it('a discharge closes the span of the open episode', async () => {
    const before = await fromSpans({ from: earliestStart(), to: TODAY });
    const { caseId } = activeCaseOpenSince(dischargedOn);
    expectOk(await core.registry.invoke('care.discharge', { caseId, dischargeDate: dischargedOn, reason: 'dropped-out' }));
    dischargedCase = caseId;
    const after = await expectSameAfterChange();
    expect(after.episodes).toBe(before.episodes);
    expect(Object.values(after.transitions).reduce((sum, count) => sum + count, 0)).toBe(
      Object.values(before.transitions).reduce((sum, count) => sum + count, 0) + 1,
    );
  });

  it('a correction moves the boundary between two spans', async () => {
    const pair = sqlite()
      .prepare(
        `SELECT later.case_id AS caseId, later.id AS episodeId, later.start_date AS startDate FROM episodes AS later
          JOIN episodes AS earlier ON earlier.id = later.follows_episode_id AND earlier.end_date = later.start_date
          WHERE julianday(earlier.end_date) - julianday(earlier.start_date) >= 3 ORDER BY later.id LIMIT 1`,
      )
      .get() as { caseId: string; episodeId: string; startDate: string };
    const spansBefore = storedSpans(sqlite());
    const startDate = addDays(pair.startDate, -2);
    expectOk(
      await core.registry.invoke('care.correctEpisode', {
        caseId: pair.caseId,
        episodeId: pair.episodeId,
        startDate,
        reason: 'Moved two days earlier.',
      }),
    );
    await expectSameAfterChange();
    const moved = storedSpans(sqlite()).filter((span, index) => JSON.stringify(span) !== JSON.stringify(spansBefore[index]));
    // The corrected episode's start and its predecessor's end, both two days earlier.
    expect(moved).toHaveLength(2);
  });

  it('a readmission opens a new span', async () => {
    const before = strayRows(sqlite()).episodes;
    const assessment = expectOk<AssessmentRecord>(
      await core.registry.invoke('assessments.save', makeAssessmentInput(dischargedCase, { assessedOn: '2026-11-26' })),
    );
    const decision = expectOk<DecisionRecord>(
      await core.registry.invoke('decisions.save', {
        caseId: dischargedCase,
        assessmentId: assessment.id,
        chosenLevel: assessment.recommendation.level,
        effectiveDate: '2026-11-27',
        submit: true,
      }),
    );
    await core.signInAs('sam', ['supervisor']);
    expectOk(await core.registry.invoke('decisions.approve', { decisionId: decision.id }));
    await core.signInAs('lead', ['admin', 'clinician', 'supervisor']);
    expect(strayRows(sqlite()).episodes).toBe(before + 1);
    const after = await expectSameAfterChange();
    expect(after.concordance.eligible).toBeGreaterThan(0);
  });
});
