import type Database from 'better-sqlite3-multiple-ciphers';
import type { MetricsReport } from '../../shared/contract/reports';
import { addDays, dayNumber, daysBetween, type IsoDate } from '../../shared/domain/dates';
import { LEVELS, type Level } from '../../shared/domain/levels';
import { VARIANCE_REASONS } from '../../shared/domain/variance';
import { censusOverTime, computeMetrics, concordance, filterEpisodes, varianceBreakdown, type InterchangeEpisode } from '../../shared/metrics';
import { quantileType7 } from '../../shared/metrics/lengthOfStay';
import type { EpisodeEndReason } from '../../shared/domain/episodes';
import type { MetricsReportRequest } from '../../electron/services/reportsService';
import { SPAN_END_REASONS, SPAN_LEVELS } from '../../electron/repositories/metricsRepository';
import { unpackSpans } from '../../electron/repositories/spanBlocks';

/**
 * The metrics report as it was computed before episode spans (migration 10): every episode in the range read
 * from the episodes table as objects, every decision in the range read and filtered in JS. Kept here only, as the
 * oracle the report from the spans must equal.
 */
export function metricsReportFromEpisodes(sqlite: Database.Database, today: IsoDate, request: MetricsReportRequest): MetricsReport {
  const to = request.to ?? today;
  const from = request.from ?? addDays(to, -365);
  const narrowed = request.clinicianId !== undefined || request.program !== undefined;
  const caseIds = narrowed
    ? new Set(
        (
          sqlite
            .prepare('SELECT id FROM cases WHERE (@clinician IS NULL OR clinician_id = @clinician) AND (@program IS NULL OR program = @program)')
            .all({ clinician: request.clinicianId ?? null, program: request.program ?? null }) as { id: string }[]
        ).map((row) => row.id),
      )
    : undefined;
  const all = sqlite
    .prepare('SELECT case_id AS caseId, level, start_date AS start, end_date AS "end", end_reason AS endReason FROM episodes')
    .all() as InterchangeEpisode[];
  const episodes = filterEpisodes(all, { from, to, caseIds });
  const metrics = computeMetrics(episodes);
  const decisions = (
    sqlite
      .prepare(
        `SELECT case_id AS caseId, recommended_level AS recommendedLevel, chosen_level AS chosenLevel, status,
          superseded_by_id AS supersededById, variance_reason AS varianceReason FROM decisions WHERE effective_date BETWEEN ? AND ?`,
      )
      .all(from, to) as {
      caseId: string;
      recommendedLevel: Level | null;
      chosenLevel: Level;
      status: string;
      supersededById: string | null;
      varianceReason: string | null;
    }[]
  )
    .filter((row) => caseIds === undefined || caseIds.has(row.caseId))
    .map(({ caseId: _case, ...decision }) => decision);
  const programs = sqlite.prepare('SELECT DISTINCT program FROM cases WHERE program IS NOT NULL ORDER BY program').pluck().all() as string[];
  const lengthOfStay: Partial<Record<Level, MetricsReport['lengthOfStay'][Level]>> = {};
  for (const level of LEVELS) {
    const stats = metrics.lengthOfStay[level];
    if (!stats) continue;
    const stays = episodes
      .filter((episode) => episode.level === level && episode.end !== null)
      .map((episode) => daysBetween(episode.start, episode.end ?? episode.start))
      .sort((a, b) => a - b);
    lengthOfStay[level] = { ...stats, min: quantileType7(stays, 0), max: quantileType7(stays, 1) };
  }
  const step = daysBetween(from, to) > 120 ? 7 : 1;
  const { variances, byReason, withoutReason } = varianceBreakdown(decisions, VARIANCE_REASONS);
  return {
    from,
    to,
    cases: new Set(episodes.map((episode) => episode.caseId)).size,
    episodes: episodes.length,
    transitions: { ...metrics.transitions },
    lengthOfStay,
    continuityAfterInpatient: metrics.continuityAfterInpatient,
    returnToHigherWithin30: metrics.returnToHigherWithin30,
    dropoutRate: {
      inpatient: metrics.dropoutRate.inpatient ?? null,
      iop: metrics.dropoutRate.iop ?? null,
      outpatient: metrics.dropoutRate.outpatient ?? null,
    },
    census: censusOverTime(episodes, from, to)
      .filter((_day, index) => index % step === 0)
      .map((day) => ({ day: day.day, inpatient: day.inpatient, iop: day.iop, outpatient: day.outpatient })),
    concordance: concordance(decisions),
    variances: { variances, byReason: [...byReason], withoutReason },
    programs,
  };
}

export interface SpanRow {
  readonly episodeId: string;
  readonly caseNo: number;
  readonly startDay: number;
  readonly endDay: number | null;
  readonly level: number;
  readonly reason: number | null;
}

const bySpanEpisode = (a: SpanRow, b: SpanRow): number => (a.episodeId < b.episodeId ? -1 : a.episodeId > b.episodeId ? 1 : 0);

/** The spans as stored, each with the episode its key names. */
export function storedSpans(sqlite: Database.Database): SpanRow[] {
  return (
    sqlite
      .prepare(
        `SELECT keys.episode_id AS episodeId, spans.case_no AS caseNo, spans.start_day AS startDay, spans.end_day AS endDay,
          spans.level, spans.reason FROM episode_span_keys AS keys JOIN episode_spans AS spans USING (span_no)`,
      )
      .all() as SpanRow[]
  ).sort(bySpanEpisode);
}

/** The spans recomputed from the episodes table in TypeScript: what the triggers must have written. */
export function expectedSpans(sqlite: Database.Database): SpanRow[] {
  const rows = sqlite
    .prepare(
      `SELECT episodes.id, numbers.case_no AS caseNo, episodes.start_date AS startDate, episodes.end_date AS endDate, episodes.level,
        episodes.end_reason AS endReason FROM episodes LEFT JOIN case_numbers AS numbers ON numbers.case_id = episodes.case_id`,
    )
    .all() as { id: string; caseNo: number; startDate: string; endDate: string | null; level: Level; endReason: EpisodeEndReason | null }[];
  return rows
    .map((row) => ({
      episodeId: row.id,
      caseNo: row.caseNo,
      startDay: dayNumber(row.startDate),
      endDay: row.endDate === null ? null : dayNumber(row.endDate),
      level: SPAN_LEVELS.indexOf(row.level),
      reason: row.endReason === null ? null : SPAN_END_REASONS.indexOf(row.endReason),
    }))
    .sort(bySpanEpisode);
}

/** Rows of the span tables that no episode explains: a span without a key, or two keys naming one span. */
export function strayRows(sqlite: Database.Database): { spans: number; keys: number; episodes: number; distinctKeyedSpans: number } {
  const count = (sql: string): number => Number(sqlite.prepare(sql).pluck().get());
  return {
    spans: count('SELECT count(*) FROM episode_spans'),
    keys: count('SELECT count(*) FROM episode_span_keys'),
    episodes: count('SELECT count(*) FROM episodes'),
    distinctKeyedSpans: count('SELECT count(DISTINCT span_no) FROM episode_span_keys'),
  };
}

/**
 * How the packed blocks (migration 14) differ from episode_spans: every block not marked stale must decode to exactly
 * its spans, in span order, and no block may be missing. Empty when they agree.
 */
export function blocksDisagreeingWithSpans(sqlite: Database.Database): number[] {
  const stale = new Set(sqlite.prepare('SELECT block_no FROM span_blocks_stale').pluck().all() as number[]);
  const packed = new Map(
    (sqlite.prepare('SELECT block_no, spans FROM span_blocks').all() as { block_no: number; spans: Buffer }[]).map((row) => [
      row.block_no,
      row.spans,
    ]),
  );
  const spanBlocks = sqlite.prepare('SELECT DISTINCT span_no >> 10 FROM episode_spans').pluck().all() as number[];
  const spansOf = sqlite.prepare('SELECT case_no, start_day, end_day, level, reason FROM episode_spans WHERE span_no >> 10 = ? ORDER BY span_no');
  const disagreeing: number[] = [];
  for (const blockNo of new Set([...spanBlocks, ...packed.keys()])) {
    if (stale.has(blockNo)) continue;
    const decoded: unknown[] = [];
    const spans = packed.get(blockNo);
    if (spans) unpackSpans(spans, (case_no, start_day, end_day, level, reason) => decoded.push({ case_no, start_day, end_day, level, reason }));
    if (JSON.stringify(decoded) !== JSON.stringify(spansOf.all(blockNo))) disagreeing.push(blockNo);
  }
  return disagreeing;
}

export function staleBlocks(sqlite: Database.Database): number[] {
  return sqlite.prepare('SELECT block_no FROM span_blocks_stale ORDER BY block_no').pluck().all() as number[];
}
