import { useQuery } from '@tanstack/react-query';
import type { ClinicianOverview } from '../../../shared/contract/reports';
import { VARIANCE_LABELS, VARIANCE_REASONS } from '../../../shared/domain/variance';
import { callOrThrow } from '../api/client';
import '../workflow.css';

const COUNT_COLUMNS = [
  { key: 'decisions', label: 'Decisions' },
  { key: 'drafts', label: 'Drafts' },
  { key: 'pending', label: 'Awaiting review' },
  { key: 'approved', label: 'Approved' },
  { key: 'returned', label: 'Returned' },
] as const;

/** Per clinician: how their decisions move through review, how often they follow the rules, and why they depart. */
export function OverviewPage() {
  const overview = useQuery({ queryKey: ['reports.overview'], queryFn: () => callOrThrow('reports.overview', {}) });
  const rows = overview.data?.clinicians ?? [];
  return (
    <section className="page page-scroll workflow-page" aria-labelledby="overview-title">
      <header className="page-header">
        <h1 id="overview-title">Supervisor overview</h1>
      </header>
      <p className="wf-definition">
        <strong>Concordance</strong> is the share of approved, non-superseded decisions with a recommendation that placed the person at the
        recommended level.
      </p>
      {overview.error && (
        <p role="alert" className="form-error">
          {overview.error.message}
        </p>
      )}
      {overview.isPending ? (
        <p role="status">Loading the overview…</p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <h2>No decisions yet</h2>
          <p>Each clinician appears here once they record a placement decision.</p>
        </div>
      ) : (
        <table className="workflow-table overview-table" aria-label="Decisions by clinician">
          <thead>
            <tr>
              <th scope="col">Clinician</th>
              {COUNT_COLUMNS.map((column) => (
                <th key={column.key} scope="col" className="wf-num">
                  {column.label}
                </th>
              ))}
              <th scope="col" className="wf-num">
                Concordance
              </th>
              <th scope="col">Variance reasons</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <OverviewRow key={row.clinician.id} row={row} />
            ))}
          </tbody>
          {rows.length > 1 && (
            <tfoot>
              <OverviewRow row={totalOf(rows)} total />
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}

function OverviewRow({ row, total }: { readonly row: ClinicianOverview; readonly total?: boolean }) {
  const reasons = VARIANCE_REASONS.filter((reason) => (row.variances[reason] ?? 0) > 0);
  const { placedAsRecommended, eligible, share } = row.concordance;
  const Heading = total ? 'th' : 'td';
  return (
    <tr className={total ? 'wf-total-row' : undefined}>
      <Heading scope={total ? 'row' : undefined}>{row.clinician.displayName}</Heading>
      {COUNT_COLUMNS.map((column) => (
        <td key={column.key} className="wf-num">
          {row[column.key]}
        </td>
      ))}
      <td className="wf-num concordance-cell">
        {share === null || eligible === 0 ? (
          <span className="muted" title="No approved decision with a recommendation yet">
            None yet
          </span>
        ) : (
          <>
            <strong>{Math.round(share * 100)}%</strong>{' '}
            <span className="muted">
              ({placedAsRecommended} of {eligible})
            </span>
          </>
        )}
      </td>
      <td>
        {reasons.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="variance-breakdown">
            {reasons.map((reason) => (
              <li key={reason}>
                {VARIANCE_LABELS[reason]} <strong>{row.variances[reason]}</strong>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function totalOf(rows: readonly ClinicianOverview[]): ClinicianOverview {
  const sum = (pick: (row: ClinicianOverview) => number) => rows.reduce((acc, row) => acc + pick(row), 0);
  const placedAsRecommended = sum((row) => row.concordance.placedAsRecommended);
  const eligible = sum((row) => row.concordance.eligible);
  return {
    clinician: { id: 'total', displayName: 'All clinicians' },
    decisions: sum((row) => row.decisions),
    drafts: sum((row) => row.drafts),
    pending: sum((row) => row.pending),
    approved: sum((row) => row.approved),
    returned: sum((row) => row.returned),
    concordance: { placedAsRecommended, eligible, share: eligible === 0 ? null : placedAsRecommended / eligible },
    variances: Object.fromEntries(
      VARIANCE_REASONS.map((reason) => [reason, sum((row) => row.variances[reason] ?? 0)]),
    ) as ClinicianOverview['variances'],
  };
}
