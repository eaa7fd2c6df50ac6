import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStepProgress } from '../../../shared/contract/jobs';
import { CURRENT_RULESET_VERSION } from '../../../shared/rules';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import type { StepwiseSchema } from '../../../electron/db/schema';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { fixedClock } from '../../../electron/services/context';
import { prepareExport } from '../../../electron/services/exportsService';
import { metricsReport } from '../../../electron/services/reportsService';
import { reviewRulesImpact } from '../../../electron/services/rulesService';

// 2,100 cases hold 8,400 episodes: more than one page (8,192) of the metrics report's reading, so it counts.
const REFERENCE = { seed: 2026, cases: 2100, today: '2026-11-29' };

let sqlite: Database.Database;
let db: Kysely<StepwiseSchema>;
beforeAll(() => {
  sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, STEPWISE_APPLICATION_ID, MIGRATIONS);
  writeReferenceCaseload(sqlite, REFERENCE);
  db = new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
});
afterAll(async () => {
  await db.destroy();
});

describe('counted steps at a few thousand cases', () => {
  it('the metrics report counts its reading by span number, up to the last, and its answer is the same with or without a listener', async () => {
    const ctx = { db, clock: fixedClock(new Date(`${REFERENCE.today}T12:00:00.000Z`)) };
    const seen: JobStepProgress[] = [];
    const request = { from: '2010-01-01', to: REFERENCE.today };
    const reported = await metricsReport(ctx, request, (progress) => seen.push(progress));
    expect(reported).toEqual(await metricsReport(ctx, request));
    // One report per block of 1,024 spans read (span numbers 1 to 8,400 fill blocks 0 to 8), the last at the last span.
    const reading = seen.filter((progress) => progress.stepNumber === 1 && progress.done !== null);
    expect(reading.map((progress) => [progress.step, progress.done, progress.total])).toEqual(
      [1023, 2047, 3071, 4095, 5119, 6143, 7167, 8191, 8400].map((done) => ['Reading episodes', done, 8400]),
    );
    expect(seen.map((progress) => progress.stepNumber)).toEqual([1, ...reading.map(() => 1), 2, 3]);
  });

  it('rules impact counts the assessments compared against those stored, and its answer is the same with or without a listener', async () => {
    const seen: JobStepProgress[] = [];
    const reported = await reviewRulesImpact({ db }, CURRENT_RULESET_VERSION, undefined, (progress) => seen.push(progress));
    expect(reported).toEqual(await reviewRulesImpact({ db }, CURRENT_RULESET_VERSION));
    const stored = Number(sqlite.prepare('SELECT count(*) FROM assessments').pluck().get());
    const comparing = seen.filter((progress) => progress.stepNumber === 1);
    expect(comparing[0]).toMatchObject({ done: 0, total: stored });
    expect(comparing.at(-1)).toMatchObject({ done: stored, total: stored });
    expect(seen.filter((progress) => progress.stepNumber === 2)[0]).toMatchObject({ step: 'Replaying the assessments that may change' });
    const replaying = seen.filter((progress) => progress.stepNumber === 2).at(-1);
    expect(replaying?.done).toBe(replaying?.total ?? null);
  });

  it('an export of decisions counts the cases whose decisions it has read, 500 at a time', async () => {
    const supervisor = { id: 'bench-supervisor', username: 'sup', displayName: 'Sup', roles: ['supervisor' as const], mustChangePassword: false };
    const ctx = { db, clock: fixedClock(new Date(`${REFERENCE.today}T12:00:00.000Z`)), actor: supervisor };
    const seen: JobStepProgress[] = [];
    const request = { dataset: 'decisions', format: 'csv', scope: { kind: 'all' }, disclosure: null } as const;
    const exported = await prepareExport(ctx, request, (progress) => seen.push(progress));
    expect(exported).toEqual(await prepareExport(ctx, request));
    expect(seen.map((progress) => [progress.stepNumber, progress.done, progress.total])).toEqual([
      [1, null, null],
      [2, null, null],
      ...[0, 500, 1000, 1500, 2000].map((done) => [2, done, REFERENCE.cases]),
      [3, null, null],
    ]);
  });
});
