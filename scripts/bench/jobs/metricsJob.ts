import { openDatabase } from '../../../electron/db/openDatabase';
import { metricsReport } from '../../../electron/services/reportsService';
import type { Level } from '../../../shared/domain/levels';
import { VARIANCE_REASONS } from '../../../shared/domain/variance';
import { censusOverTime, computeMetrics, concordance, varianceBreakdown, type InterchangeEpisode } from '../../../shared/metrics';
import { benchServiceContext, benchUser } from '../benchContext';
import type { Job } from '../job';
import { markAppPeak, measure, timed, timedWithBlocking } from '../measure';

type EpisodeRow = [string, Level, string, string | null, string | null];
type DecisionRow = [Level | null, Level, string, string | null, string | null];

/**
 * Every transition metric over every episode (the Reports screen with its range stretched over all of them), against
 * the same figures computed by hand from a raw read of the episodes and decisions.
 */
export const metricsJob: Job = async ({ request, key }) => {
  const database = openDatabase({ file: request.file, key });
  try {
    const earliest = database.sqlite.prepare('SELECT min(start_date) FROM episodes').pluck().get() as string | null;
    const from = earliest ?? request.today;
    const ctx = benchServiceContext(database, request, benchUser(request, ['supervisor']));
    const service = await timedWithBlocking(() => metricsReport(ctx, { from, to: request.today }));
    markAppPeak();

    const raw = await timed(() => {
      const episodes = (
        database.sqlite.prepare('SELECT case_id, level, start_date, end_date, end_reason FROM episodes').raw().all() as EpisodeRow[]
      ).map(([caseId, level, start, end, endReason]): InterchangeEpisode => ({ caseId, level, start, end, endReason }));
      const decisions = (
        database.sqlite
          .prepare(
            'SELECT recommended_level, chosen_level, status, superseded_by_id, variance_reason FROM decisions WHERE effective_date BETWEEN ? AND ?',
          )
          .raw()
          .all(from, request.today) as DecisionRow[]
      ).map(([recommendedLevel, chosenLevel, status, supersededById, varianceReason]) => ({
        recommendedLevel,
        chosenLevel,
        status,
        supersededById,
        varianceReason,
      }));
      const metrics = computeMetrics(episodes);
      censusOverTime(episodes, from, request.today);
      concordance(decisions);
      varianceBreakdown(decisions, VARIANCE_REASONS);
      return { episodes: episodes.length, transitions: metrics.transitions };
    });

    const readOnly = await timed(() =>
      database.db.selectFrom('episodes').select(['case_id', 'level', 'start_date', 'end_date', 'end_reason']).orderBy('case_id').execute(),
    );
    const episodes = readOnly.value.map((row): InterchangeEpisode => ({
      caseId: row.case_id,
      level: row.level,
      start: row.start_date,
      end: row.end_date,
      endReason: row.end_reason,
    }));
    const compute = await timed(() => computeMetrics(episodes));
    const census = await timed(() => censusOverTime(episodes, from, request.today));
    return [
      measure(request.cases, {
        name: 'metrics.report',
        value: service.ms,
        unit: 'ms',
        baseline: raw.ms,
        bound: { below: 500 },
        detail: {
          episodes: service.value.episodes,
          from,
          sameTransitions: JSON.stringify(service.value.transitions) === JSON.stringify(raw.value.transitions),
          longestEventLoopBlockMs: Math.round(service.longestBlockMs),
          parts: { readEpisodesMs: Math.round(readOnly.ms), computeMetricsMs: Math.round(compute.ms), censusOverTimeMs: Math.round(census.ms) },
        },
      }),
    ];
  } finally {
    database.close();
  }
};
