import type { DecisionRecord } from '../../../../shared/contract/decisions';
import { VARIANCE_LABELS } from '../../../../shared/domain/variance';
import { formatDate } from '../../format/time';
import { formatInstant } from '../dates';
import { decisionRowId, jumpTo } from './jumpTo';

interface Props {
  readonly decision: DecisionRecord;
  readonly effectiveDateOf: (decisionId: string) => string | null;
}

/** The second line of a decision: variance, reviews, corrections and problems applying it. */
export function DecisionDetails({ decision, effectiveDateOf }: Props) {
  const reviews =
    decision.reviews.length > 0
      ? decision.reviews
      : decision.reviewer && decision.reviewComment
        ? [
            {
              reviewer: decision.reviewer,
              outcome: decision.status === 'returned' ? 'returned' : 'approved',
              comment: decision.reviewComment,
              reviewedAt: decision.reviewedAt ?? '',
            },
          ]
        : [];
  const describeOther = (id: string) => {
    const date = effectiveDateOf(id);
    return date ? `the decision effective ${formatDate(date)}` : 'another decision';
  };
  return (
    <div className="decision-details">
      {decision.varianceReason && (
        <p>
          <span className="detail-label">Variance:</span> {VARIANCE_LABELS[decision.varianceReason]}
          {decision.varianceText && <> — {decision.varianceText}</>}
        </p>
      )}
      {reviews.map((review) => (
        <p key={`${review.reviewedAt}-${review.reviewer.id}`}>
          <span className="detail-label">{review.outcome === 'approved' ? 'Approved' : 'Returned'}</span> by {review.reviewer.displayName}
          {review.reviewedAt && <span className="muted"> ({formatInstant(review.reviewedAt)})</span>}
          {review.comment ? <>: “{review.comment}”</> : <span className="muted"> without comment</span>}
        </p>
      ))}
      {decision.supersedesId && (
        <p>
          <span className="detail-label">Correction:</span> corrects{' '}
          <button type="button" className="wf-link" onClick={() => jumpTo(decisionRowId(decision.supersedesId ?? ''))}>
            {describeOther(decision.supersedesId)}
          </button>
        </p>
      )}
      {decision.supersededById && (
        <p>
          <span className="detail-label">Superseded:</span> corrected by{' '}
          <button type="button" className="wf-link" onClick={() => jumpTo(decisionRowId(decision.supersededById ?? ''))}>
            {describeOther(decision.supersededById)}
          </button>
        </p>
      )}
      {decision.applyProblem && (
        <p className="apply-problem" role="note">
          <span className="detail-label">Could not apply:</span> {decision.applyProblem}
        </p>
      )}
    </div>
  );
}

export function hasDecisionDetails(decision: DecisionRecord): boolean {
  return Boolean(
    decision.varianceReason ||
    decision.reviews.length > 0 ||
    decision.reviewComment ||
    decision.supersedesId ||
    decision.supersededById ||
    decision.applyProblem,
  );
}
