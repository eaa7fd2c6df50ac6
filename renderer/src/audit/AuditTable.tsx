import { useEffect, useRef } from 'react';
import type { AuditEventRecord } from '../../../shared/contract/audit';
import type { UserSummary } from '../../../shared/contract/users';
import { actionLabel, describeDetails, formatAuditTime, OUTCOME_LABELS, OUTCOME_SYMBOLS, recordTypeLabel } from './auditFormat';

interface Props {
  readonly rows: readonly AuditEventRecord[];
  readonly users: ReadonlyMap<string, UserSummary>;
  /** "Rows 1–100 of 2,345", said with the table's name. */
  readonly range: string;
  /** The row verification found broken, marked in words. */
  readonly brokenSeq: number | null;
  /** The row asked for with "Show row N": it can hold the focus. */
  readonly targetSeq: number | null;
  /** Move the focus to the target row once it is on screen. */
  readonly focusSeq: number | null;
  readonly onFocused: () => void;
}

/** The audit events, newest first: one row per event, numbered as the log numbers them. */
export function AuditTable({ rows, users, range, brokenSeq, targetSeq, focusSeq, onFocused }: Props) {
  const focusRef = useRef<HTMLTableRowElement>(null);
  const nameOf = (userId: string) => users.get(userId)?.displayName;

  useEffect(() => {
    if (focusSeq === null || focusSeq !== targetSeq || !focusRef.current) return;
    focusRef.current.focus();
    focusRef.current.scrollIntoView({ block: 'center' });
    onFocused();
  }, [focusSeq, targetSeq, rows, onFocused]);

  return (
    <table className="data-table audit-table">
      <caption className="visually-hidden">Audit log, newest first. {range}</caption>
      <thead>
        <tr>
          <th scope="col" className="numeric">
            Row
          </th>
          <th scope="col">Time</th>
          <th scope="col">User</th>
          <th scope="col">Action</th>
          <th scope="col">Outcome</th>
          <th scope="col">Record</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const broken = row.seq === brokenSeq;
          const target = row.seq === targetSeq;
          return (
            <tr
              key={row.seq}
              ref={target ? focusRef : undefined}
              // Stays focusable after the focus lands: removing tabindex from the focused row would drop the focus.
              tabIndex={target ? -1 : undefined}
              className={broken ? 'audit-row-broken' : undefined}
              data-seq={row.seq}
            >
              <td className="numeric audit-seq">
                {row.seq}
                {broken && <span className="audit-broken-tag">First broken row</span>}
              </td>
              <td className="audit-time">
                <time dateTime={row.at} title={`${row.at} (UTC)`}>
                  {formatAuditTime(row.at)}
                </time>
              </td>
              <td>
                <UserCell row={row} users={users} />
              </td>
              <td>{actionLabel(row.action)}</td>
              <td>
                <span className={`audit-outcome audit-outcome-${row.outcome}`}>
                  <span aria-hidden="true" className="audit-outcome-symbol">
                    {OUTCOME_SYMBOLS[row.outcome]}
                  </span>
                  {OUTCOME_LABELS[row.outcome]}
                </span>
              </td>
              <td>
                <RecordCell row={row} users={users} />
              </td>
              <td className="audit-details-cell">
                <Details row={row} nameOf={nameOf} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function UserCell({ row, users }: { readonly row: AuditEventRecord; readonly users: ReadonlyMap<string, UserSummary> }) {
  const known = row.userId ? users.get(row.userId) : undefined;
  if (known) return <span title={`Username: ${known.username}`}>{known.displayName}</span>;
  if (row.username) return <span className="mono">{row.username}</span>;
  return (
    <span className="muted" title="No user recorded: for example, a sign-in attempt with an unknown username.">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">No user recorded</span>
    </span>
  );
}

function RecordCell({ row, users }: { readonly row: AuditEventRecord; readonly users: ReadonlyMap<string, UserSummary> }) {
  if (!row.recordType && !row.recordId) return <span className="muted">—</span>;
  const person = row.recordType === 'user' && row.recordId ? users.get(row.recordId) : undefined;
  return (
    <span className="audit-record">
      {row.recordType && <span className="audit-record-type">{recordTypeLabel(row.recordType)}</span>}{' '}
      {person ? (
        <span className="audit-record-id" title={row.recordId ?? undefined}>
          {person.displayName}
        </span>
      ) : (
        row.recordId && (
          <span className="mono audit-record-id" title={row.recordId}>
            {row.recordId}
          </span>
        )
      )}
    </span>
  );
}

function Details({ row, nameOf }: { readonly row: AuditEventRecord; readonly nameOf: (userId: string) => string | undefined }) {
  const items = describeDetails(row, nameOf);
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="audit-details">
      {items.map((item) => (
        <div key={item.key}>
          <dt>{item.label}:</dt> <dd className={item.isId ? 'mono' : undefined}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
