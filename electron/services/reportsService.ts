import type { MetricsReport } from '../../shared/contract/reports';
import { addDays, daysBetween, type IsoDate } from '../../shared/domain/dates';
import { LEVELS, type Level } from '../../shared/domain/levels';
import { VARIANCE_REASONS } from '../../shared/domain/variance';
import { censusOverTime, computeMetrics, concordance, filterEpisodes, varianceBreakdown, type InterchangeEpisode } from '../../shared/metrics';
import { quantileType7 } from '../../shared/metrics/lengthOfStay';
import type { ServiceContext } from './context';
import { invalidField } from './errors';

export interface MetricsReportRequest {
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly clinicianId?: string;
  readonly program?: string;
}

/** Ranges longer than this are charted one point per week instead of per day. */
const DAILY_CENSUS_LIMIT = 120;

/**
 * The transition metrics over the clinic's episodes: those overlapping the date range, of cases currently
 * assigned to the clinician and in the program chosen. Definitions live in shared/metrics (docs/METRICS.md).
 */
export async function metricsReport(ctx: Pick<ServiceContext, 'db' | 'clock'>, request: MetricsReportRequest): Promise<MetricsReport> {
  const to = request.to ?? ctx.clock.today();
  const from = request.from ?? addDays(to, -365);
  if (from > to) throw invalidField('from', 'The start of the range is after its end.');
  let caseQuery = ctx.db.selectFrom('cases').select('id');
  if (request.clinicianId !== undefined) caseQuery = caseQuery.where('clinician_id', '=', request.clinicianId);
  if (request.program !== undefined) caseQuery = caseQuery.where('program', '=', request.program);
  const narrowed = request.clinicianId !== undefined || request.program !== undefined;
  const caseIds = narrowed ? new Set((await caseQuery.execute()).map((row) => row.id)) : undefined;
  // Only the episodes that can overlap the range are read (the same test as filterEpisodes, which still decides),
  // in table order: the metrics group episodes by case themselves, and sorting 400,000 rows here tripled the read.
  let episodeQuery = ctx.db
    .selectFrom('episodes')
    .select(['case_id', 'level', 'start_date', 'end_date', 'end_reason'])
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]));
  if (narrowed) episodeQuery = episodeQuery.where('case_id', 'in', caseQuery);
  const rows = await episodeQuery.execute();
  const all: InterchangeEpisode[] = rows.map((row) => ({
    caseId: row.case_id,
    level: row.level,
    start: row.start_date,
    end: row.end_date,
    endReason: row.end_reason,
  }));
  const episodes = filterEpisodes(all, { from, to, caseIds });
  const metrics = computeMetrics(episodes);
  const decisions = await ctx.db
    .selectFrom('decisions')
    .select(['case_id', 'recommended_level', 'chosen_level', 'status', 'superseded_by_id', 'variance_reason'])
    .where('effective_date', '>=', from)
    .where('effective_date', '<=', to)
    .execute();
  const decisionRecords = decisions
    .filter((row) => caseIds === undefined || caseIds.has(row.case_id))
    .map((row) => ({
      recommendedLevel: row.recommended_level,
      chosenLevel: row.chosen_level,
      status: row.status,
      supersededById: row.superseded_by_id,
      varianceReason: row.variance_reason,
    }));
  const programs = await ctx.db.selectFrom('cases').select('program').distinct().where('program', 'is not', null).orderBy('program').execute();
  return {
    from,
    to,
    cases: new Set(episodes.map((episode) => episode.caseId)).size,
    episodes: episodes.length,
    transitions: { ...metrics.transitions },
    lengthOfStay: withSpread(metrics.lengthOfStay, episodes),
    continuityAfterInpatient: metrics.continuityAfterInpatient,
    returnToHigherWithin30: metrics.returnToHigherWithin30,
    dropoutRate: {
      inpatient: metrics.dropoutRate.inpatient ?? null,
      iop: metrics.dropoutRate.iop ?? null,
      outpatient: metrics.dropoutRate.outpatient ?? null,
    },
    census: sampledCensus(episodes, from, to),
    concordance: concordance(decisionRecords),
    variances: (({ variances, byReason, withoutReason }) => ({ variances, byReason: [...byReason], withoutReason }))(
      varianceBreakdown(decisionRecords, VARIANCE_REASONS),
    ),
    programs: programs.flatMap((row) => (row.program === null ? [] : [row.program])),
  };
}

/** The box plot needs the shortest and longest stays too; the interchange summary keeps to n and quartiles. */
function withSpread(
  summary: ReturnType<typeof computeMetrics>['lengthOfStay'],
  episodes: readonly InterchangeEpisode[],
): MetricsReport['lengthOfStay'] {
  const result: Partial<Record<Level, MetricsReport['lengthOfStay'][Level]>> = {};
  for (const level of LEVELS) {
    const stats = summary[level];
    if (!stats) continue;
    const stays = episodes
      .filter((episode) => episode.level === level && episode.end !== null)
      .map((episode) => daysBetween(episode.start, episode.end ?? episode.start))
      .sort((a, b) => a - b);
    result[level] = { ...stats, min: quantileType7(stays, 0), max: quantileType7(stays, 1) };
  }
  return result;
}

function sampledCensus(episodes: readonly InterchangeEpisode[], from: IsoDate, to: IsoDate): MetricsReport['census'] {
  const daily = censusOverTime(episodes, from, to);
  const step = daysBetween(from, to) > DAILY_CENSUS_LIMIT ? 7 : 1;
  return daily
    .filter((_day, index) => index % step === 0)
    .map((day) => ({ day: day.day, inpatient: day.inpatient, iop: day.iop, outpatient: day.outpatient }));
}
