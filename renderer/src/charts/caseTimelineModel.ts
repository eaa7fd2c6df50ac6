import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { addDays, toIsoDate, type IsoDate } from '../../../shared/domain/dates';
import { LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { daysBetween } from '../workflow/dates';
import { DECISION_STATUS_LABELS, EPISODE_END_REASON_LABELS, personName, plural } from '../workflow/describe';
import { formatDate } from '../format/time';

/** Lanes from top to bottom: assessments, the three levels from most intensive down, payer authorizations. */
export const TIMELINE_LANES = ['assessments', 'inpatient', 'iop', 'outpatient', 'authorizations'] as const;
export type TimelineLane = (typeof TIMELINE_LANES)[number];

export const LANE_LABELS: Readonly<Record<TimelineLane, string>> = {
  assessments: 'Assessments',
  inpatient: LEVEL_SHORT_LABELS.inpatient,
  iop: LEVEL_SHORT_LABELS.iop,
  outpatient: LEVEL_SHORT_LABELS.outpatient,
  authorizations: 'Authorizations',
};

export interface EpisodeBar {
  readonly level: Level;
  readonly start: IsoDate;
  /** The end date, or today for an open episode. */
  readonly end: IsoDate;
  readonly ongoing: boolean;
  /** Closed by a discharge rather than a step up or down. */
  readonly discharged: boolean;
  readonly days: number;
  readonly label: string;
  readonly details: readonly string[];
}

export type DecisionShape = 'approved' | 'returned' | 'pending';

export interface Mark {
  readonly date: IsoDate;
  readonly heading: string;
  readonly details: readonly string[];
}

export interface DecisionMark extends Mark {
  readonly level: Level;
  readonly shape: DecisionShape;
}

export interface AuthorizationSpan extends Mark {
  readonly level: Level;
  readonly from: IsoDate;
  /** The day after the last authorized day, so the span covers it. */
  readonly until: IsoDate;
  readonly payer: string;
  /** Overlapping authorizations stack in rows within the lane. */
  readonly row: number;
}

/** Two episodes touching on the same day: drawn as a connector between their lanes. */
export interface TransitionLink {
  readonly date: IsoDate;
  readonly from: Level;
  readonly to: Level;
}

export interface TimelineRow {
  readonly date: IsoDate;
  readonly event: string;
  readonly level: Level | null;
  readonly details: string;
}

export interface CaseTimelineModel {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly today: IsoDate;
  readonly episodes: readonly EpisodeBar[];
  readonly decisions: readonly DecisionMark[];
  readonly assessments: readonly Mark[];
  readonly authorizations: readonly AuthorizationSpan[];
  readonly authorizationRows: number;
  readonly transitions: readonly TransitionLink[];
  /** The same events as a chronological table, for screen readers and the table view. */
  readonly rows: readonly TimelineRow[];
}

const MIN_SPAN_DAYS = 30;
const STAY_LABELS = { ongoing: (days: number) => `${plural(days, 'day')} so far`, closed: (days: number) => plural(days, 'day') };

export function buildCaseTimeline(detail: CaseDetail, today: IsoDate): CaseTimelineModel {
  const episodes = [...detail.episodes]
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .map((episode): EpisodeBar => {
      const ongoing = episode.endDate === null;
      const end = episode.endDate ?? (today > episode.startDate ? today : episode.startDate);
      const days = daysBetween(episode.startDate, end);
      const reason = episode.endReason === null ? null : EPISODE_END_REASON_LABELS[episode.endReason];
      const discharged = episode.endReason !== null && episode.endReason !== 'stepped-up' && episode.endReason !== 'stepped-down';
      return {
        level: episode.level,
        start: episode.startDate,
        end,
        ongoing,
        discharged,
        days,
        label: ongoing ? STAY_LABELS.ongoing(days) : STAY_LABELS.closed(days),
        details: [
          `From ${formatDate(episode.startDate)}`,
          ongoing ? `Ongoing: ${STAY_LABELS.ongoing(days)}` : `To ${formatDate(end)}: ${STAY_LABELS.closed(days)}`,
          ...(reason ? [`Ended: ${reason}`] : []),
        ],
      };
    });

  const decisions = detail.decisions.flatMap((decision): DecisionMark[] => {
    const shape: DecisionShape | null =
      decision.status === 'approved' ? 'approved' : decision.status === 'returned' ? 'returned' : decision.status === 'submitted' ? 'pending' : null;
    if (shape === null) return [];
    const history = decision.reviews.map(
      (review) =>
        `${review.outcome === 'approved' ? 'Approved' : 'Returned'} by ${personName(review.reviewer)} on ${formatDate(toIsoDate(new Date(review.reviewedAt)))}${
          review.comment ? `: “${review.comment}”` : ''
        }`,
    );
    return [
      {
        date: decision.effectiveDate,
        level: decision.chosenLevel,
        shape,
        heading: `Decision: ${LEVEL_SHORT_LABELS[decision.chosenLevel]} from ${formatDate(decision.effectiveDate)}`,
        details: [
          `${DECISION_STATUS_LABELS[decision.status]}${decision.supersededById ? ' (corrected later)' : ''}; decided by ${personName(decision.author)}`,
          decision.recommendedLevel === null
            ? 'No level recommended by the rules'
            : `Rules recommended ${LEVEL_SHORT_LABELS[decision.recommendedLevel]}`,
          ...history,
        ],
      },
    ];
  });

  const assessments = detail.assessments
    .filter((assessment) => assessment.amendedById === null)
    .map((assessment): Mark => {
      const recommended = assessment.recommendation.level;
      return {
        date: assessment.assessedOn,
        heading: `Assessment on ${formatDate(assessment.assessedOn)}`,
        details: [
          recommended === null ? 'No level recommended: information missing' : `Recommended ${LEVEL_SHORT_LABELS[recommended]}`,
          `By ${personName(assessment.assessor)}${assessment.amendsId ? ' (amended)' : ''}`,
        ],
      };
    });

  const authorizations = stackAuthorizations(detail);
  const transitions = transitionLinks(detail);
  const dates = [
    today,
    ...episodes.flatMap((bar) => [bar.start, bar.end]),
    ...decisions.map((mark) => mark.date),
    ...assessments.map((mark) => mark.date),
    ...authorizations.flatMap((span) => [span.from, span.until]),
  ].sort();
  const last = dates[dates.length - 1] ?? today;
  // At least a month across, so a new case's few days do not stretch over the whole width.
  const first = [dates[0] ?? today, addDays(last, -MIN_SPAN_DAYS)].sort()[0] ?? today;
  const margin = Math.max(3, Math.round(daysBetween(first, last) * 0.03));
  return {
    from: addDays(first, -margin),
    to: addDays(last, margin),
    today,
    episodes,
    decisions,
    assessments,
    authorizations,
    authorizationRows: Math.max(1, ...authorizations.map((span) => span.row + 1)),
    transitions,
    rows: tableRows(episodes, decisions, assessments, authorizations),
  };
}

function stackAuthorizations(detail: CaseDetail): AuthorizationSpan[] {
  const rowEnds: IsoDate[] = [];
  return [...detail.authorizations]
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
    .map((authorization) => {
      const until = addDays(authorization.toDate, 1);
      let row = rowEnds.findIndex((end) => end <= authorization.fromDate);
      if (row === -1) row = rowEnds.length;
      rowEnds[row] = until;
      const units = authorization.units === null ? null : plural(authorization.units, 'unit');
      return {
        date: authorization.fromDate,
        level: authorization.level,
        from: authorization.fromDate,
        until,
        payer: authorization.payer,
        row,
        heading: `Authorization: ${authorization.payer}, ${LEVEL_SHORT_LABELS[authorization.level]}`,
        details: [`${formatDate(authorization.fromDate)} to ${formatDate(authorization.toDate)}`, ...(units ? [units] : [])],
      };
    });
}

function transitionLinks(detail: CaseDetail): TransitionLink[] {
  return detail.episodes.flatMap((episode) => {
    const next = detail.episodes.find((other) => other.id !== episode.id && episode.endDate !== null && other.startDate === episode.endDate);
    return next && next.level !== episode.level && episode.endDate !== null ? [{ date: episode.endDate, from: episode.level, to: next.level }] : [];
  });
}

function tableRows(
  episodes: readonly EpisodeBar[],
  decisions: readonly DecisionMark[],
  assessments: readonly Mark[],
  authorizations: readonly AuthorizationSpan[],
): TimelineRow[] {
  const rows: TimelineRow[] = [
    ...episodes.map((bar) => ({
      date: bar.start,
      event: `${LEVEL_SHORT_LABELS[bar.level]} episode`,
      level: bar.level,
      details: bar.details.slice(1).join('; '),
    })),
    ...decisions.map((mark) => ({
      date: mark.date,
      event: mark.heading.split(':')[0] ?? mark.heading,
      level: mark.level,
      details: mark.details.join('; '),
    })),
    ...assessments.map((mark) => ({ date: mark.date, event: 'Assessment', level: null, details: mark.details.join('; ') })),
    ...authorizations.map((span) => ({
      date: span.from,
      event: `Authorization (${span.payer})`,
      level: span.level,
      details: span.details.join(', '),
    })),
  ];
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}
