import type { KeyboardEvent } from 'react';
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

export interface CaseloadColumn {
  readonly label: string;
  readonly sortKey: CaseSortKey | null;
  /** Fixed widths: rows come and go while scrolling, and columns sized by their content would jump with them. */
  readonly width: string;
}

export const CASELOAD_COLUMNS: readonly CaseloadColumn[] = [
  { label: 'Name', sortKey: 'fullName', width: '15.5%' },
  { label: 'MRN', sortKey: 'mrn', width: '9%' },
  { label: 'Clinician', sortKey: 'clinician', width: '9.5%' },
  { label: 'Current level', sortKey: 'level', width: '11.5%' },
  { label: 'Recommended', sortKey: null, width: '11.5%' },
  { label: 'At this level', sortKey: 'levelSince', width: '7%' },
  { label: 'Decision', sortKey: 'decisionStatus', width: '10%' },
  { label: 'Next review', sortKey: 'nextReviewDue', width: '11%' },
  { label: 'Attention', sortKey: null, width: '15%' },
];

interface RowProps {
  /** Undefined while the window of cases holding this row is on its way: same place, same focus, nothing to open yet. */
  readonly row: CaseSummary | undefined;
  readonly index: number;
  readonly active: boolean;
  readonly today: string;
  readonly measure: (element: HTMLTableRowElement | null) => void;
  readonly onFocus: (index: number) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>, index: number) => void;
  readonly onOpen: (row: CaseSummary, index: number) => void;
}

/**
 * One place in the caseload; `aria-rowindex` counts the header row, so the first case is row 2. The same element
 * stays while its case arrives, so a focused row keeps the focus.
 */
export function CaseloadRow({ row, index, active, today, measure, onFocus, onKeyDown, onOpen }: RowProps) {
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className={row ? 'case-row' : 'case-row case-row-pending'}
      tabIndex={active ? 0 : -1}
      onFocus={() => onFocus(index)}
      onClick={row && (() => onOpen(row, index))}
      onKeyDown={(event) => onKeyDown(event, index)}
    >
      {row ? <CaseCells row={row} today={today} /> : <PendingCells />}
    </tr>
  );
}

function PendingCells() {
  return (
    <td colSpan={CASELOAD_COLUMNS.length}>
      <span className="muted">Loading…</span>
    </td>
  );
}

function CaseCells({ row, today }: { readonly row: CaseSummary; readonly today: string }) {
  return (
    <>
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
    </>
  );
}

/** Stands in for the rows scrolled out of view, so the scrollbar reflects the whole caseload. */
export function CaseloadSpacer({ height }: { readonly height: number }) {
  if (height < 1) return null;
  return (
    <tr className="caseload-spacer" aria-hidden="true">
      <td colSpan={CASELOAD_COLUMNS.length} style={{ height }} />
    </tr>
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
