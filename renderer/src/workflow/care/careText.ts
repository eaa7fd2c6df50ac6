import type { CaseSummary } from '../../../../shared/contract/cases';
import { addDays, type IsoDate } from '../../../../shared/domain/dates';
import { DISCHARGE_REASONS, type DischargeReason } from '../../../../shared/domain/episodes';
import { formatShortDate } from '../../components/levelTime';
import { formatDate } from '../../format/time';
import { daysBetween } from '../dates';
import { EPISODE_END_REASON_LABELS, levelName, plural } from '../describe';

/** Plain wording for the care-event screens: discharge reasons, hours, review dates, authorization flags. */

export const DISCHARGE_REASON_LABELS: Readonly<Record<DischargeReason, string>> = Object.fromEntries(
  DISCHARGE_REASONS.map((reason) => [reason, EPISODE_END_REASON_LABELS[reason]]),
) as Record<DischargeReason, string>;

/** "3 h", "2.75 h": attendance is recorded in quarter hours. */
export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : Number(hours.toFixed(2))} h`;
}

/** "3 hours", "1.5 hours" inside a sentence. */
export function hoursPhrase(hours: number): string {
  return hours === 1 ? '1 hour' : `${Number(hours.toFixed(2))} hours`;
}

export interface ReviewDue {
  readonly overdue: boolean;
  /** "Next review due Dec 3, 2026 (in 4 days)" or "Review overdue by 2 days (due Nov 27, 2026)". */
  readonly text: string;
  /** The same in a few words for a table cell: "in 4 days", "overdue 2 days". */
  readonly short: string;
}

/** The continued-stay review in words; null when the case has no open episode, so no review is due. */
export function describeReviewDue(summary: Pick<CaseSummary, 'nextReviewDue' | 'reviewOverdue'>, today: IsoDate): ReviewDue | null {
  const due = summary.nextReviewDue;
  if (due === null) return null;
  const days = daysBetween(today, due);
  if (summary.reviewOverdue || days < 0) {
    const late = Math.max(1, -days);
    return { overdue: true, text: `Review overdue by ${plural(late, 'day')} (due ${formatDate(due)})`, short: `overdue ${plural(late, 'day')}` };
  }
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return { overdue: false, text: `Next review due ${formatDate(due)} (${when})`, short: when };
}

/** What is wrong with the payer authorization, in a sentence or, for a table cell, in a few words; null when nothing is. */
export function authorizationProblem(
  summary: Pick<CaseSummary, 'authorizationFlag' | 'authorizationEndsOn' | 'level'>,
  today: IsoDate,
  length: 'sentence' | 'short' = 'sentence',
): string | null {
  if (summary.authorizationFlag === 'ending-soon' && summary.authorizationEndsOn) {
    const ends = summary.authorizationEndsOn;
    // A no-break space keeps "Dec 5" together when the table cell wraps.
    if (length === 'short') return `Authorization ends ${formatShortDate(ends, today).replace(/ /g, '\u00a0')}`;
    const days = daysBetween(today, ends);
    const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
    return `Authorization ends ${formatDate(ends)} (${when})`;
  }
  // Without a current level (not yet placed, or discharged) there is no level for an authorization to miss.
  if (summary.authorizationFlag === 'level-mismatch' && summary.level) return `Authorization does not cover ${levelName(summary.level)}`;
  return null;
}

/** "Nov 16, 2026 – Nov 22, 2026" for the week starting on that Monday. */
export function weekLabel(weekStart: IsoDate): string {
  return `${formatDate(weekStart)} – ${formatDate(addDays(weekStart, 6))}`;
}

/** "Oct 12, 2026 – Nov 3, 2026", or "Oct 12, 2026 – open". */
export function episodeDates(episode: { readonly startDate: IsoDate; readonly endDate: IsoDate | null }): string {
  return `${formatDate(episode.startDate)} – ${episode.endDate ? formatDate(episode.endDate) : 'open'}`;
}
