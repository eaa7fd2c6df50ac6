import { useState } from 'react';
import type { CaseDetail, EpisodeRecord } from '../../../../shared/contract/caseDetail';
import { LevelBadge } from '../../components/LevelBadge';
import { formatDate } from '../../format/time';
import { CorrectEpisodeDialog } from '../care/CorrectEpisodeDialog';
import { daysBetween } from '../dates';
import { EPISODE_END_REASON_LABELS, levelName, plural } from '../describe';

interface Props {
  readonly caseId: string;
  readonly fullName: string;
  readonly episodes: readonly EpisodeRecord[];
  readonly today: string;
  readonly canCorrect: boolean;
  readonly onCorrected: (detail: CaseDetail) => Promise<void>;
}

/** The case's stretches of care, newest first; the open one is the current level. */
export function EpisodeTable({ caseId, fullName, episodes, today, canCorrect, onCorrected }: Props) {
  const [correcting, setCorrecting] = useState<EpisodeRecord | null>(null);
  if (episodes.length === 0) {
    return <p className="muted">No episodes yet. The first approved placement decision opens the first episode of care.</p>;
  }
  const newestFirst = [...episodes].sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0));
  return (
    <>
      <table className="workflow-table episode-table" aria-label="Episodes of care">
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">End reason</th>
            <th scope="col" className="wf-num">
              Days
            </th>
            {canCorrect && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((episode) => (
            <tr key={episode.id}>
              <td>
                <LevelBadge level={episode.level} />
              </td>
              <td>{formatDate(episode.startDate)}</td>
              <td>{episode.endDate ? formatDate(episode.endDate) : <span className="wf-open">Open</span>}</td>
              <td>{episode.endReason ? EPISODE_END_REASON_LABELS[episode.endReason] : '—'}</td>
              <td className="wf-num">
                {episode.endDate
                  ? plural(daysBetween(episode.startDate, episode.endDate), 'day')
                  : `${plural(Math.max(0, daysBetween(episode.startDate, today)), 'day')} so far`}
              </td>
              {canCorrect && (
                <td className="actions-cell">
                  <div className="wf-row-actions">
                    <button type="button" className="button-secondary" onClick={() => setCorrecting(episode)}>
                      Correct dates
                      <span className="visually-hidden">
                        {' '}
                        of the {levelName(episode.level)} episode from {formatDate(episode.startDate)}
                      </span>
                    </button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {correcting && (
        <CorrectEpisodeDialog
          caseId={caseId}
          fullName={fullName}
          episode={correcting}
          episodes={episodes}
          onClose={() => setCorrecting(null)}
          onCorrected={async (detail) => {
            setCorrecting(null);
            await onCorrected(detail);
          }}
        />
      )}
    </>
  );
}
