import type { AuditVerdict as Verdict } from '../../../shared/contract/audit';
import { formatAuditTime, formatCount } from './auditFormat';

interface Props {
  readonly verifying: boolean;
  readonly verdict: Verdict | null;
  /** Why verification could not run, in words. */
  readonly failure: string | null;
  readonly onShowRow: (seq: number) => void;
  /** Said after "Show row N" when that row is not in the log any more. */
  readonly rowNote: string | null;
}

/** The result of checking the chain: a calm line when intact, an alert naming the first broken row when not. */
export function AuditVerdict({ verifying, verdict, failure, onShowRow, rowNote }: Props) {
  const broken = verdict && !verdict.intact ? verdict : null;
  return (
    <>
      <div role="status" className="audit-verdict-status">
        {verifying ? (
          <p className="muted">Checking every row of the audit log…</p>
        ) : verdict?.intact ? (
          <p className="audit-intact">
            <span aria-hidden="true" className="audit-intact-mark">
              ✓
            </span>{' '}
            <strong>The audit log is intact.</strong> {formatCount(verdict.events)} event{verdict.events === 1 ? '' : 's'} checked: none changed, none
            missing. <span className="muted">Checked {formatAuditTime(verdict.checkedAt)}.</span>
          </p>
        ) : null}
      </div>
      {failure && (
        <p role="alert" className="form-error">
          The audit log could not be checked: {failure}
        </p>
      )}
      {broken && !verifying && (
        <div role="alert" className="audit-broken" aria-labelledby="audit-broken-title">
          <h2 id="audit-broken-title">
            <span aria-hidden="true" className="audit-broken-mark">
              !
            </span>{' '}
            The audit log has been altered: row {broken.firstBrokenRow} is the first broken row
          </h2>
          <p>
            {broken.problem}{' '}
            {broken.events > 0
              ? `The ${formatCount(broken.events)} ${broken.events === 1 ? 'row before it is' : 'rows before it are'} intact.`
              : 'No row before it could be checked.'}{' '}
            <span className="muted">Checked {formatAuditTime(broken.checkedAt)}.</span>
          </p>
          <p>
            The database was changed outside Stepwise, or its file is damaged; Stepwise does not repair the log. Export it as it is now to keep the
            evidence, and tell your privacy or security officer.
          </p>
          <div className="audit-broken-actions">
            <button type="button" className="button-primary" onClick={() => onShowRow(broken.firstBrokenRow)}>
              Show row {broken.firstBrokenRow} in the table
            </button>
            {rowNote && <p className="audit-row-note">{rowNote}</p>}
          </div>
        </div>
      )}
    </>
  );
}
