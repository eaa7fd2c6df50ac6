import type { CaseSortKey, CaseSummary } from '../../../shared/contract/cases';
import { LevelBadge } from '../components/LevelBadge';
import { formatAge, formatDate, formatSince } from '../format/time';

interface Column {
  readonly key: CaseSortKey;
  readonly label: string;
}

const COLUMNS: readonly Column[] = [
  { key: 'fullName', label: 'Name' },
  { key: 'mrn', label: 'MRN' },
  { key: 'dateOfBirth', label: 'Date of birth' },
  { key: 'level', label: 'Level of care' },
  { key: 'updatedAt', label: 'Updated' },
];

interface Props {
  readonly rows: readonly CaseSummary[];
  readonly sortBy: CaseSortKey;
  readonly sortDir: 'asc' | 'desc';
  readonly onSort: (key: CaseSortKey) => void;
  readonly today: string;
  readonly now: Date;
}

export function CaseloadTable({ rows, sortBy, sortDir, onSort, today, now }: Props) {
  return (
    <table className="caseload-table" aria-label="Caseload">
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = column.key === sortBy;
            const ariaSort = active ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none';
            return (
              <th key={column.key} scope="col" aria-sort={ariaSort}>
                <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                  {column.label}
                  <span aria-hidden="true" className="sort-indicator">
                    {active ? (sortDir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            );
          })}
          <th scope="col">Program</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              {row.fullName}
              {row.synthetic && (
                <span className="demo-tag" title="Synthetic demo record, not a real patient">
                  DEMO
                </span>
              )}
            </td>
            <td className="mono">{row.mrn}</td>
            <td>
              {formatDate(row.dateOfBirth)} <span className="muted">({formatAge(row.dateOfBirth, today)})</span>
            </td>
            <td>
              <LevelBadge level={row.level} />
            </td>
            <td title={new Date(row.updatedAt).toLocaleString()}>{formatSince(row.updatedAt, now)}</td>
            <td>{row.program ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
