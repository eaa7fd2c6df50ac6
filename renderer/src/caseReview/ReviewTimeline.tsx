import type { CareEventRecord } from '../../../shared/contract/care';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { EpisodeRecord } from '../../../shared/contract/caseDetail';
import { levelRank } from '../../../shared/domain/levels';
import { LevelBadge } from '../components/LevelBadge';
import { formatDate } from '../format/time';
import { daysBetween, formatInstant } from '../workflow/dates';
import { EPISODE_END_REASON_LABELS, capitalize, levelName, plural } from '../workflow/describe';

interface Props {
  readonly summary: CaseSummary;
  readonly episodes: readonly EpisodeRecord[];
  readonly careEvents: readonly CareEventRecord[];
  readonly today: string;
}

const CARE_EVENT_LABELS: Readonly<Record<CareEventRecord['kind'], string>> = {
  discharge: 'Discharge',
  readmission: 'Readmission',
  'episode-correction': 'Dates corrected',
};

/** How the person came to each level: admitted, stepped up or down, or readmitted after a gap. */
function arrival(episode: EpisodeRecord, previous: EpisodeRecord | undefined): string {
  if (!previous) return 'Admission';
  if (previous.endDate !== episode.startDate) return 'Readmission';
  const change = levelRank(episode.level) - levelRank(previous.level);
  if (change === 0) return `Continued at ${levelName(episode.level)}`;
  return `${change > 0 ? 'Step up' : 'Step down'} from ${levelName(previous.level)}`;
}

/** The episodes of care in the order they happened, with how long each lasted and how it ended, and the care events. */
export function ReviewTimeline({ summary, episodes, careEvents, today }: Props) {
  const oldestFirst = [...episodes].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const lengthOf = (episode: EpisodeRecord) => Math.max(0, daysBetween(episode.startDate, episode.endDate ?? today));
  const totalDays = oldestFirst.reduce((sum, episode) => sum + lengthOf(episode), 0);
  return (
    <>
      {oldestFirst.length === 0 ? (
        <p className="muted">No episodes of care: the person has not been placed at a level yet.</p>
      ) : (
        <>
          <p className="review-meta">
            {plural(oldestFirst.length, 'episode')} of care, {plural(totalDays, 'day')} in care in all
            {oldestFirst[0] ? ` since ${formatDate(oldestFirst[0].startDate)}` : ''}.
          </p>
          <table className="print-table review-timeline">
            <caption className="visually-hidden">Episodes of care, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">How it began</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" className="wf-num">
                  Length
                </th>
                <th scope="col">How it ended</th>
              </tr>
            </thead>
            <tbody>
              {oldestFirst.map((episode, index) => (
                <tr key={episode.id}>
                  <td>
                    <LevelBadge level={episode.level} />
                  </td>
                  <td>{arrival(episode, oldestFirst[index - 1])}</td>
                  <td>{formatDate(episode.startDate)}</td>
                  <td>{episode.endDate ? formatDate(episode.endDate) : 'ongoing'}</td>
                  <td className="wf-num">
                    {plural(lengthOf(episode), 'day')}
                    {episode.endDate ? '' : ' so far'}
                  </td>
                  <td>{episode.endReason ? EPISODE_END_REASON_LABELS[episode.endReason] : episode.endDate ? '—' : 'Still in care'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {summary.plannedLevel && summary.plannedOn && (
        <p>
          <span className="review-label">Planned:</span> {capitalize(levelName(summary.plannedLevel))} from {formatDate(summary.plannedOn)}, by an
          approved decision.
        </p>
      )}
      {careEvents.length > 0 && (
        <>
          <h3 className="review-subhead">Discharges, readmissions and corrections</h3>
          <ul className="review-events">
            {careEvents.map((event) => (
              <li key={event.id}>
                <strong>{formatDate(event.eventDate)}</strong> · {CARE_EVENT_LABELS[event.kind]}
                {event.before && event.after ? `: ${describeSpan(event.before)} → ${describeSpan(event.after)}` : ''}
                {event.endReason && event.endReason in EPISODE_END_REASON_LABELS
                  ? ` (${EPISODE_END_REASON_LABELS[event.endReason as keyof typeof EPISODE_END_REASON_LABELS]})`
                  : ''}
                {event.reason ? `. ${event.reason}` : ''}{' '}
                <span className="muted">
                  — {event.recordedBy.displayName}, {formatInstant(event.recordedAt)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function describeSpan(span: { readonly startDate: string; readonly endDate: string | null }): string {
  return `${formatDate(span.startDate)}–${span.endDate ? formatDate(span.endDate) : 'ongoing'}`;
}
