import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../../shared/contract/reports';
import { filterEpisodes } from '../../../shared/metrics';
import { metricsReport } from '../../../electron/services/reportsService';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { fixedClock } from '../../../electron/services/context';
import { createTestCore, TEST_NOW, type TestCore } from '../../support/testCore';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeAll(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.signInAs('admin', ['admin', 'clinician', 'supervisor']);
  expectOk(await core.registry.invoke('demo.load', {}));
});
afterAll(() => {
  core.close();
  temp.cleanup();
});

interface EpisodeRow {
  readonly caseId: string;
  readonly start: string;
  readonly end: string | null;
}

/** The episodes filterEpisodes keeps when given every episode, as the report read them before it narrowed its query. */
function expectedEpisodes(from: string, to: string, clinicianId?: string): EpisodeRow[] {
  const all = core.database.sqlite.prepare('SELECT case_id AS caseId, start_date AS start, end_date AS "end" FROM episodes').all() as EpisodeRow[];
  const caseIds =
    clinicianId === undefined
      ? undefined
      : new Set(
          (core.database.sqlite.prepare('SELECT id FROM cases WHERE clinician_id = ?').all(clinicianId) as { id: string }[]).map((row) => row.id),
        );
  return filterEpisodes(all, { from, to, ...(caseIds === undefined ? {} : { caseIds }) });
}

describe('the metrics report reads only the episodes that can overlap its range', () => {
  const ranges: [string, string][] = [
    ['2025-11-29', '2026-11-29'],
    ['2026-11-01', '2026-11-29'],
    ['2026-06-15', '2026-06-15'],
    ['2019-01-01', '2026-11-29'],
    ['2030-01-01', '2030-12-31'],
  ];
  it.each(ranges)('and counts the same episodes and cases as filtering all of them, from %s to %s', async (from, to) => {
    const report: MetricsReport = await metricsReport({ db: core.database.db, clock: fixedClock(TEST_NOW) }, { from, to });
    const expected = expectedEpisodes(from, to);
    expect(report.episodes).toBe(expected.length);
    expect(report.cases).toBe(new Set(expected.map((episode) => episode.caseId)).size);
  });

  it('and the same for one clinician’s cases', async () => {
    const clinician = core.database.sqlite.prepare('SELECT clinician_id AS id FROM cases WHERE clinician_id IS NOT NULL LIMIT 1').get() as {
      id: string;
    };
    const report = await metricsReport(
      { db: core.database.db, clock: fixedClock(TEST_NOW) },
      { from: '2025-11-29', to: '2026-11-29', clinicianId: clinician.id },
    );
    const expected = expectedEpisodes('2025-11-29', '2026-11-29', clinician.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(report.episodes).toBe(expected.length);
    expect(report.cases).toBe(new Set(expected.map((episode) => episode.caseId)).size);
  });
});
