import type Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import {
  listPrograms,
  readEpisodeSpans,
  SPAN_END_REASONS,
  SPAN_LEVELS,
  tallyDecisionsInEffect,
} from '../../../electron/repositories/metricsRepository';
import { metricsReport } from '../../../electron/services/reportsService';
import { dayNumber } from '../../../shared/domain/dates';
import { levelRank, type Level } from '../../../shared/domain/levels';
import { VARIANCE_REASONS } from '../../../shared/domain/variance';
import {
  censusOverTime,
  computeMetrics,
  concordanceOfTallies,
  EpisodeTableBuilder,
  metricReason,
  stayRange,
  varianceBreakdownOfTallies,
  type DecisionTally,
} from '../../../shared/metrics';
import { benchServiceContext, benchUser } from '../benchContext';
import type { Job } from '../job';
import { markAppPeak, measure, timed, timedWithBlocking } from '../measure';

type SpanRow = [number, number, number | null, number, number | null];
type TallyRow = [Level | null, Level, string | null, number];

const RANK_OF_LEVEL = SPAN_LEVELS.map(levelRank);
const METRIC_REASON_OF_END_REASON = SPAN_END_REASONS.map(metricReason);
const METRIC_REASON_OF_OPEN = metricReason(null);

/**
 * The best raw better-sqlite3 and plain JS do for the same report: prepared statements in raw mode, the spans' packed
 * blocks (migration 14) decoded by hand straight into a metrics table (a block marked stale read from episode_spans),
 * the decisions in effect counted by the database.
 */
function rawReport(sqlite: Database.Database, from: string, to: string) {
  const stale = new Set(sqlite.prepare('SELECT block_no FROM span_blocks_stale').pluck().all() as number[]);
  const blocks = sqlite.prepare('SELECT block_no, spans FROM span_blocks ORDER BY block_no').raw();
  const staleSpans = sqlite
    .prepare('SELECT case_no, start_day, end_day, level, reason FROM episode_spans WHERE span_no >> 10 = ? ORDER BY span_no')
    .raw();
  const builder = new EpisodeTableBuilder();
  const [fromDay, toDay] = [dayNumber(from), dayNumber(to)];
  const add = (caseNo: number, start: number, end: number | null, level: number, reason: number | null): void => {
    if (start > toDay || (end !== null && end < fromDay)) return;
    builder.add(caseNo, RANK_OF_LEVEL[level] ?? 0, start, end, reason === null ? METRIC_REASON_OF_OPEN : (METRIC_REASON_OF_END_REASON[reason] ?? 0));
  };
  const packed = blocks.all() as [number, Buffer][];
  const blockNumbers = [...new Set([...packed.map(([blockNo]) => blockNo), ...stale])].sort((a, b) => a - b);
  const packedByBlock = new Map(packed);
  for (const blockNo of blockNumbers) {
    const data = packedByBlock.get(blockNo);
    if (data === undefined || stale.has(blockNo)) {
      for (const [caseNo, start, end, level, reason] of staleSpans.all(blockNo) as SpanRow[]) add(caseNo, start, end, level, reason);
      continue;
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let offset = 0; offset < data.byteLength; offset += 14) {
      const end = view.getInt32(offset + 8, true);
      const reason = view.getUint8(offset + 13);
      add(
        view.getInt32(offset, true),
        view.getInt32(offset + 4, true),
        end === -2147483648 ? null : end,
        view.getUint8(offset + 12),
        reason === 255 ? null : reason,
      );
    }
  }
  const table = builder.build();
  const tallies = (
    sqlite
      .prepare(
        `SELECT recommended_level, chosen_level, variance_reason, count(*) FROM decisions INDEXED BY decisions_in_effect
          WHERE status = 'approved' AND superseded_by_id IS NULL AND effective_date BETWEEN ? AND ?
          GROUP BY recommended_level, chosen_level, variance_reason`,
      )
      .raw()
      .all(from, to) as TallyRow[]
  ).map(([recommendedLevel, chosenLevel, varianceReason, count]): DecisionTally => ({
    decision: { recommendedLevel, chosenLevel, status: 'approved', supersededById: null, varianceReason },
    count,
  }));
  const metrics = computeMetrics(table);
  stayRange(table);
  censusOverTime(table, from, to);
  concordanceOfTallies(tallies);
  varianceBreakdownOfTallies(tallies, VARIANCE_REASONS);
  sqlite.prepare('SELECT DISTINCT program FROM cases WHERE program IS NOT NULL ORDER BY program').pluck().all();
  return { episodes: table.count, transitions: metrics.transitions };
}

/**
 * Every transition metric over every episode (the Reports screen with its range stretched over all of them), against
 * the same figures computed on a raw connection. Each side opens its own read-only connection, so both start with a
 * cold page cache, as a report does on the worker thread.
 */
export const metricsJob: Job = async ({ request, key }) => {
  const open = () => openDatabase({ file: request.file, key, readonly: true });
  const from = earliestStart(open()) ?? request.today;
  const to = request.today;

  const app = open();
  const service = await timedWithBlocking(() => metricsReport(benchServiceContext(app, request, benchUser(request, ['supervisor'])), { from, to }));
  markAppPeak();
  app.close();

  const rawConnection = open();
  const raw = await timed(() => rawReport(rawConnection.sqlite, from, to));
  rawConnection.close();

  // The service's parts, each timed alone on one connection (its cache warmed by the first): where the time goes.
  const parts = open();
  try {
    const spans = await timed(() => readEpisodeSpans(parts.db, { fromDay: dayNumber(from), toDay: dayNumber(to) }, {}));
    const compute = await timed(() => computeMetrics(spans.value));
    const census = await timed(() => censusOverTime(spans.value, from, to));
    const decisions = await timed(() => tallyDecisionsInEffect(parts.db, { from, to }, {}));
    const programs = await timed(() => listPrograms(parts.db));
    const warm = await timed(() => metricsReport(benchServiceContext(parts, request, benchUser(request, ['supervisor'])), { from, to }));
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
          reads: {
            app: 'metricsReport through Kysely on a new connection: the spans packed 1,024 to a block (span_blocks, a stale block from episode_spans), the decisions in effect counted in the decisions_in_effect index, the programs from cases_by_program',
            raw: 'the same three reads as prepared better-sqlite3 statements in raw mode on a new connection, the blocks decoded by hand, into the same typed-array table and shared metrics code',
          },
          sameTransitions: JSON.stringify(service.value.transitions) === JSON.stringify(raw.value.transitions),
          sameEpisodes: service.value.episodes === raw.value.episodes,
          longestEventLoopBlockMs: Math.round(service.longestBlockMs),
          warmMs: Math.round(warm.ms),
          parts: {
            readSpansMs: Math.round(spans.ms),
            computeMetricsMs: Math.round(compute.ms),
            censusOverTimeMs: Math.round(census.ms),
            tallyDecisionsMs: Math.round(decisions.ms),
            listProgramsMs: Math.round(programs.ms),
          },
        },
      }),
    ];
  } finally {
    parts.close();
  }
};

function earliestStart(database: StepwiseDatabase): string | null {
  try {
    return database.sqlite.prepare('SELECT min(start_date) FROM episodes').pluck().get() as string | null;
  } finally {
    database.close();
  }
}
