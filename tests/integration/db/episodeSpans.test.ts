import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migration010EpisodeSpans } from '../../../electron/db/migrations/010_episode_spans';
import type { StepwiseSchema } from '../../../electron/db/schema';
import { fixedClock } from '../../../electron/services/context';
import { metricsReport } from '../../../electron/services/reportsService';
import { expectedSpans, metricsReportFromEpisodes, storedSpans, strayRows } from '../../support/metricsOracle';
import { referenceDatabaseUpgradedTo } from '../../support/referenceDatabases';
import { TEST_NOW } from '../../support/testCore';

const TODAY = '2026-11-29';

let sqlite: Database.Database;

/** A database of the schema version before spans holding a caseload, then upgraded: the migration fills the spans in. */
beforeAll(() => {
  sqlite = referenceDatabaseUpgradedTo(migration010EpisodeSpans.version, 200, TODAY);
});
afterAll(() => sqlite.close());

function expectSpansOfEveryEpisode(): void {
  expect(storedSpans(sqlite)).toEqual(expectedSpans(sqlite));
  const counts = strayRows(sqlite);
  expect(counts).toEqual({ spans: counts.episodes, keys: counts.episodes, episodes: counts.episodes, distinctKeyedSpans: counts.episodes });
}

const episodeNobodyFollows = (): { id: string; caseId: string } =>
  sqlite
    .prepare(
      `SELECT id, case_id AS caseId FROM episodes WHERE id NOT IN (SELECT follows_episode_id FROM episodes WHERE follows_episode_id IS NOT NULL)
        ORDER BY id LIMIT 1`,
    )
    .get() as { id: string; caseId: string };

describe('episode spans in a database upgraded from the version before them', () => {
  it('are filled in for every episode already there', () => {
    expect(strayRows(sqlite).episodes).toBe(800);
    expectSpansOfEveryEpisode();
  });

  it('give the report the episodes table gives', async () => {
    const db = new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
    const request = { from: '2015-01-01', to: TODAY };
    expect(await metricsReport({ db, clock: fixedClock(TEST_NOW) }, request)).toStrictEqual(metricsReportFromEpisodes(sqlite, TODAY, request));
  });

  it('follow an episode moved to another case and an episode deleted', () => {
    const other = sqlite.prepare('SELECT id FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
    sqlite.prepare('UPDATE episodes SET case_id = ? WHERE id = ?').run(other, episodeNobodyFollows().id);
    expectSpansOfEveryEpisode();
    sqlite.prepare('DELETE FROM episodes WHERE id = ?').run(episodeNobodyFollows().id);
    expect(strayRows(sqlite).episodes).toBe(799);
    expectSpansOfEveryEpisode();
  });

  it('refuse a change of episode id, which would cut the episode from its span', () => {
    const { id } = episodeNobodyFollows();
    expect(() => sqlite.prepare("UPDATE episodes SET id = 'renamed' WHERE id = ?").run(id)).toThrow(/An episode id never changes/);
    expectSpansOfEveryEpisode();
  });

  it('refuse an episode whose case has no number, instead of leaving it out of the metrics', () => {
    const { caseId } = episodeNobodyFollows();
    sqlite.prepare('SAVEPOINT unnumbered').run();
    try {
      sqlite.prepare('DELETE FROM case_numbers WHERE case_id = ?').run(caseId);
      expect(() =>
        sqlite
          .prepare(
            `INSERT INTO episodes (id, case_id, level, start_date, end_date, end_reason, created_at, updated_at)
              VALUES ('unnumbered', ?, 'iop', '2026-11-01', '2026-11-02', 'completed', ?, ?)`,
          )
          .run(caseId, TEST_NOW.toISOString(), TEST_NOW.toISOString()),
      ).toThrow(/NOT NULL constraint failed: episode_spans.case_no/);
    } finally {
      sqlite.prepare('ROLLBACK TO unnumbered').run();
      sqlite.prepare('RELEASE unnumbered').run();
    }
    expectSpansOfEveryEpisode();
  });
});
