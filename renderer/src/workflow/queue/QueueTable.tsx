import { useEffect, useRef } from 'react';
import type { QueueItem } from '../../../../shared/contract/decisions';
import { VARIANCE_LABELS } from '../../../../shared/domain/variance';
import { LevelBadge } from '../../components/LevelBadge';
import { RecommendedLevel } from '../RecommendedLevel';
import { formatDate, formatSince } from '../../format/time';
import { relativeDay } from '../dates';

interface Props {
  readonly items: readonly QueueItem[];
  readonly selectedId: string | null;
  readonly userId: string;
  readonly today: string;
  readonly now: Date;
  /** Bumped when the keyboard moves the selection, so the selected row takes focus. */
  readonly focusToken: number;
  readonly onSelect: (decisionId: string) => void;
  readonly onOpen: (item: QueueItem) => void;
}

/** Pending decisions, oldest first; one row is selected and the shortcuts act on it. */
export function QueueTable({ items, selectedId, userId, today, now, focusToken, onSelect, onOpen }: Props) {
  const rows = useRef(new Map<string, HTMLTableRowElement>());
  useEffect(() => {
    if (focusToken > 0 && selectedId) rows.current.get(selectedId)?.focus();
  }, [focusToken, selectedId]);

  return (
    <table className="workflow-table queue-table" role="grid" aria-label="Decisions awaiting review" aria-readonly="true">
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Clinician</th>
          <th scope="col">Submitted</th>
          <th scope="col">Current → chosen</th>
          <th scope="col">Recommended</th>
          <th scope="col">Variance</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const { decision } = item;
          const selected = decision.id === selectedId;
          const mine = decision.author.id === userId;
          return (
            <tr
              key={decision.id}
              ref={(row) => {
                if (row) rows.current.set(decision.id, row);
                else rows.current.delete(decision.id);
              }}
              tabIndex={selected ? 0 : -1}
              aria-selected={selected}
              className={selected ? 'wf-selected' : undefined}
              onClick={() => onSelect(decision.id)}
              onDoubleClick={() => onOpen(item)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && event.target === event.currentTarget) {
                  event.preventDefault();
                  onOpen(item);
                }
              }}
            >
              <td>
                <strong>{item.caseName}</strong> <span className="mono muted">{item.caseMrn}</span>
              </td>
              <td>
                {decision.author.displayName}
                {mine && <span className="wf-tag">You</span>}
              </td>
              <td title={decision.submittedAt ?? undefined}>{decision.submittedAt ? formatSince(decision.submittedAt, now) : '—'}</td>
              <td>
                <LevelBadge level={item.currentLevel} /> <span aria-hidden="true">→</span>
                <span className="visually-hidden">to</span> <LevelBadge level={decision.chosenLevel} />
                <div className="muted wf-small">
                  from {formatDate(decision.effectiveDate)}
                  {decision.effectiveDate > today && <span className="wf-planned">Planned</span>}
                  {decision.effectiveDate > today ? ` (${relativeDay(decision.effectiveDate, today)})` : ''}
                  {decision.supersedesId && <span className="wf-tag">Correction</span>}
                </div>
              </td>
              <td>
                <RecommendedLevel level={decision.recommendedLevel} />
              </td>
              <td className="variance-cell">
                {decision.varianceReason ? (
                  <>
                    <strong>{VARIANCE_LABELS[decision.varianceReason]}</strong>
                    {decision.varianceText && <div className="variance-text">{decision.varianceText}</div>}
                  </>
                ) : (
                  <span className="muted">As recommended</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
