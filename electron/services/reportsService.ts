import type { MetricsReport } from '../../shared/contract/reports';
import { addDays, dayNumber, daysBetween, type IsoDate } from '../../shared/domain/dates';
import { LEVELS, type Level } from '../../shared/domain/levels';
import { VARIANCE_REASONS } from '../../shared/domain/variance';
import { censusOverTime, computeMetrics, concordanceOfTallies, stayRange, varianceBreakdownOfTallies, type EpisodeTable } from '../../shared/metrics';
import { listPrograms, readEpisodeSpans, tallyDecisionsInEffect } from '../repositories/metricsRepository';
import type { ServiceContext } from './context';
import { stepsOf, type ReportProgress } from './progress';
import { invalidField } from './errors';

export interface MetricsReportRequest {
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly clinicianId?: string;
  readonly program?: string;
}

/** Ranges longer than this are charted one point per week instead of per day. */
const DAILY_CENSUS_LIMIT = 120;

const METRICS_STEPS = ['Reading episodes', 'Computing the metrics', 'Counting placement decisions'] as const;

/**
 * The transition metrics over the clinic's episodes: those overlapping the date range, of cases currently
 * assigned to the clinician and in the program chosen. Definitions live in shared/metrics (docs/METRICS.md).
 * The episodes are read from their compact copies (episode_spans, packed 1,024 to a block in span_blocks) straight
 * into a metrics table, and the decisions counted in the database: at 100,000 cases that is 400,000 episodes and
 * 160,000 decisions.
 */
export async function metricsReport(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  request: MetricsReportRequest,
  report?: ReportProgress,
): Promise<MetricsReport> {
  const step = stepsOf(METRICS_STEPS, report);
  const to = request.to ?? ctx.clock.today();
  const from = request.from ?? addDays(to, -365);
  if (from > to) throw invalidField('from', 'The start of the range is after its end.');
  const filter = {
    ...(request.clinicianId === undefined ? {} : { clinicianId: request.clinicianId }),
    ...(request.program === undefined ? {} : { program: request.program }),
  };
  step(1);
  const onPage = report && ((read: number, last: number) => step(1, read, last));
  const episodes = await readEpisodeSpans(ctx.db, { fromDay: dayNumber(from), toDay: dayNumber(to) }, filter, onPage);
  step(2);
  const metrics = computeMetrics(episodes);
  step(3);
  const decisions = await tallyDecisionsInEffect(ctx.db, { from, to }, filter);
  const programs = await listPrograms(ctx.db);
  return {
    from,
    to,
    cases: episodes.caseCount,
    episodes: episodes.count,
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
    concordance: concordanceOfTallies(decisions),
    variances: (({ variances, byReason, withoutReason }) => ({ variances, byReason: [...byReason], withoutReason }))(
      varianceBreakdownOfTallies(decisions, VARIANCE_REASONS),
    ),
    programs,
  };
}

/** The box plot needs the shortest and longest stays too; the interchange summary keeps to n and quartiles. */
function withSpread(summary: ReturnType<typeof computeMetrics>['lengthOfStay'], episodes: EpisodeTable): MetricsReport['lengthOfStay'] {
  const range = stayRange(episodes);
  const result: Partial<Record<Level, MetricsReport['lengthOfStay'][Level]>> = {};
  for (const level of LEVELS) {
    const stats = summary[level];
    const spread = range[level];
    if (!stats || !spread) continue;
    result[level] = { ...stats, min: spread.min, max: spread.max };
  }
  return result;
}

function sampledCensus(episodes: EpisodeTable, from: IsoDate, to: IsoDate): MetricsReport['census'] {
  const daily = censusOverTime(episodes, from, to);
  const step = daysBetween(from, to) > DAILY_CENSUS_LIMIT ? 7 : 1;
  return daily
    .filter((_day, index) => index % step === 0)
    .map((day) => ({ day: day.day, inpatient: day.inpatient, iop: day.iop, outpatient: day.outpatient }));
}
