import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CaseSortKey, CaseSummary } from '../../../shared/contract/cases';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { DecisionStatusLabel } from '../components/DecisionStatusLabel';
import { DemoTag } from '../components/DemoTag';
import { LevelBadge } from '../components/LevelBadge';
import { formatDaysAtLevel, formatShortDate } from '../components/levelTime';
import { MismatchMarker } from '../components/MismatchMarker';
import { formatDate } from '../format/time';
import { DischargedTag } from '../workflow/care/AttentionMarker';
import { CaseAttention, NextReview } from '../workflow/care/CaseAttention';
import '../workflow.css';

interface Column {
  readonly label: string;
  readonly sortKey: CaseSortKey | null;
  readonly className?: string;
}

const COLUMNS: readonly Column[] = [
  { label: 'Name', sortKey: 'fullName' },
  { label: 'MRN', sortKey: 'mrn' },
  { label: 'Clinician', sortKey: 'clinician' },
  { label: 'Current level', sortKey: 'level' },
  { label: 'Recommended', sortKey: null },
  { label: 'At this level', sortKey: 'levelSince' },
  { label: 'Decision', sortKey: 'decisionStatus' },
  { label: 'Next review', sortKey: 'nextReviewDue' },
  { label: 'Attention', sortKey: null },
];

const MOVE_KEYS: Readonly<Record<string, number>> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };

interface Props {
  readonly rows: readonly CaseSummary[];
  readonly sortBy: CaseSortKey;
  readonly sortDir: 'asc' | 'desc';
  readonly onSort: (key: CaseSortKey) => void;
  readonly onOpen: (row: CaseSummary) => void;
  readonly today: string;
  /** Put the focus on this case's row when the table appears (coming back from the case). */
  readonly focusCaseId: string | null;
}

export function CaseloadTable({ rows, sortBy, sortDir, onSort, onOpen, today, focusCaseId }: Props) {
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const [activeIndex, setActiveIndex] = useState(() =>
    Math.max(
      0,
      rows.findIndex((row) => row.id === focusCaseId),
    ),
  );
  const active = Math.min(activeIndex, Math.max(0, rows.length - 1));

  useEffect(() => {
    const index = rows.findIndex((row) => row.id === focusCaseId);
    if (index >= 0) rowRefs.current[index]?.focus();
    // Only when the table first appears: later the person moves the focus themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const moveFocus = (index: number) => {
    const next = Math.min(Math.max(0, index), rows.length - 1);
    setActiveIndex(next);
    rowRefs.current[next]?.focus();
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: CaseSummary) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = MOVE_KEYS[event.key];
    if (step !== undefined) moveFocus(index + step);
    else if (event.key === 'Home') moveFocus(0);
    else if (event.key === 'End') moveFocus(rows.length - 1);
    else if (event.key === 'Enter') onOpen(row);
    else return;
    event.preventDefault();
  };

  return (
    <table className="caseload-table" aria-label="Caseload">
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            if (column.sortKey === null) {
              return (
                <th key={column.label} scope="col" className="plain-header">
                  {column.label}
                </th>
              );
            }
            const sortKey = column.sortKey;
            const sorted = sortKey === sortBy;
            return (
              <th key={column.label} scope="col" aria-sort={sorted ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
                  {column.label}
                  <span aria-hidden="true" className="sort-indicator">
                    {sorted ? (sortDir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr
            key={row.id}
            ref={(element) => {
              rowRefs.current[index] = element;
            }}
            className="case-row"
            tabIndex={index === active ? 0 : -1}
            onFocus={() => setActiveIndex(index)}
            onClick={() => onOpen(row)}
            onKeyDown={(event) => onRowKeyDown(event, index, row)}
          >
            <td className="case-name">
              {row.fullName}
              {row.synthetic && <DemoTag />}
            </td>
            <td className="mono">{row.mrn}</td>
            <td className="clinician-cell">{row.clinician?.displayName ?? <span className="muted">Unassigned</span>}</td>
            <td>{row.status === 'discharged' ? <DischargedTag /> : <LevelBadge level={row.level} />}</td>
            <td className="recommended-cell">
              {row.recommendedLevel ? <LevelBadge level={row.recommendedLevel} /> : <span className="muted">None yet</span>}
              {row.mismatch && <MismatchMarker />}
            </td>
            <td>
              <TimeAtLevel row={row} today={today} />
            </td>
            <td className="decision-cell">
              <DecisionStatusLabel status={row.decisionStatus} />
            </td>
            <td>
              <NextReview row={row} today={today} />
            </td>
            <td className="attention-cell">
              <CaseAttention row={row} today={today} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimeAtLevel({ row, today }: { readonly row: CaseSummary; readonly today: string }) {
  const planned = row.plannedLevel && row.plannedOn && (
    <span className="planned" title={`Planned move to ${LEVEL_SHORT_LABELS[row.plannedLevel]} on ${formatDate(row.plannedOn)}`}>
      planned: {LEVEL_SHORT_LABELS[row.plannedLevel]} from {formatShortDate(row.plannedOn, today)}
    </span>
  );
  if (!row.level || !row.levelSince) return planned || <span className="muted">—</span>;
  return (
    <>
      <span title={`Since ${formatDate(row.levelSince)}`}>{formatDaysAtLevel(row.levelSince, today)}</span>
      {planned}
    </>
  );
}
