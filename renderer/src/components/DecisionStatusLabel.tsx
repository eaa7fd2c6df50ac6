import type { DecisionStatus } from '../../../shared/contract/cases';

export const DECISION_STATUS_LABELS: Readonly<Record<DecisionStatus, string>> = {
  draft: 'Draft',
  submitted: 'Awaiting review',
  approved: 'Approved',
  returned: 'Returned for changes',
  withdrawn: 'Withdrawn',
};

/** A symbol beside each label so the status reads at a glance, never by colour alone. */
const STATUS_SYMBOLS: Readonly<Record<DecisionStatus, string>> = {
  draft: '✎',
  submitted: '◷',
  approved: '✓',
  returned: '↩',
  withdrawn: '–',
};

export function DecisionStatusLabel({ status }: { readonly status: DecisionStatus | null }) {
  if (status === null) return <span className="muted">No decision</span>;
  return (
    <span className={`decision-status decision-${status}`}>
      <span aria-hidden="true" className="decision-symbol">
        {STATUS_SYMBOLS[status]}
      </span>
      {DECISION_STATUS_LABELS[status]}
    </span>
  );
}
