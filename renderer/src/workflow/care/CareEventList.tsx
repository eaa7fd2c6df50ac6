import type { CareEventRecord } from '../../../../shared/contract/care';
import type { EpisodeRecord } from '../../../../shared/contract/caseDetail';
import { EPISODE_END_REASONS } from '../../../../shared/domain/episodes';
import { LevelBadge } from '../../components/LevelBadge';
import { formatDate } from '../../format/time';
import { formatInstant } from '../dates';
import { EPISODE_END_REASON_LABELS } from '../describe';
import { episodeDates } from './careText';

/** A correction's own date is the corrected episode's start, already shown in its before → after dates. */
const KIND_LABELS: Readonly<Record<CareEventRecord['kind'], string>> = {
  discharge: 'Discharge',
  readmission: 'Readmission',
  'episode-correction': 'Dates corrected',
};

interface Props {
  readonly events: readonly CareEventRecord[];
  readonly episodes: readonly EpisodeRecord[];
}

/** Discharges, readmissions and date corrections, newest first, each with who recorded it, when and why. */
export function CareEventList({ events, episodes }: Props) {
  if (events.length === 0) {
    return (
      <p className="muted">
        No care events yet. Discharges, readmissions and corrected episode dates are listed here with who recorded them and why.
      </p>
    );
  }
  const levelOf = new Map(episodes.map((episode) => [episode.id, episode.level]));
  const newestFirst = [...events].sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : b.id.localeCompare(a.id)));
  return (
    <table className="workflow-table care-event-table" aria-label="Care events">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">What changed</th>
          <th scope="col">Why</th>
          <th scope="col">Recorded</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((event) => {
          const level = event.episodeId ? levelOf.get(event.episodeId) : readmittedTo(event, episodes);
          return (
            <tr key={event.id}>
              <td>
                <strong>{KIND_LABELS[event.kind]}</strong>
                {event.kind !== 'episode-correction' && <> on {formatDate(event.eventDate)}</>}
                {level && (
                  <>
                    {' '}
                    <LevelBadge level={level} />
                  </>
                )}
              </td>
              <td>
                <EventChange event={event} />
              </td>
              <td className="note-cell">{event.reason ?? <span className="muted">—</span>}</td>
              <td>
                {event.recordedBy.displayName}
                <div className="muted wf-small">{formatInstant(event.recordedAt)}</div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A readmission names no episode; the one a decision opened on its day is the care it reopened. */
function readmittedTo(event: CareEventRecord, episodes: readonly EpisodeRecord[]) {
  if (event.kind !== 'readmission') return undefined;
  return episodes.find((episode) => episode.startDate === event.eventDate && episode.openedByDecisionId !== null)?.level;
}

function EventChange({ event }: { readonly event: CareEventRecord }) {
  if (event.kind === 'discharge') {
    const reason = EPISODE_END_REASONS.find((candidate) => candidate === event.endReason);
    return <>Episode ended: {reason ? EPISODE_END_REASON_LABELS[reason].toLowerCase() : (event.endReason ?? 'no reason recorded')}</>;
  }
  if (event.kind === 'readmission') return <>Care reopened by an approved placement decision</>;
  if (!event.before || !event.after) return <span className="muted">—</span>;
  return (
    <span className="date-change">
      <span>{episodeDates(event.before)}</span> <span aria-hidden="true">→</span>
      <span className="visually-hidden">changed to</span> <strong>{episodeDates(event.after)}</strong>
    </span>
  );
}
