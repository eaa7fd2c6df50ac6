import type { AssessmentRecord } from '../../../../shared/contract/assessments';
import type { DecisionRecord } from '../../../../shared/contract/decisions';
import { formatDate } from '../../format/time';
import { formatInstant } from '../dates';
import { personName } from '../describe';
import { RecommendationSummary } from '../RecommendationSummary';

interface Props {
  readonly assessment: AssessmentRecord;
  /** The decision being edited, whose earlier reviews explain what to change. */
  readonly returned: DecisionRecord | undefined;
}

/** What the decision rests on: the assessment's stored recommendation, and any reviewer's comments. */
export function DecisionContext({ assessment, returned }: Props) {
  const reviews = returned?.reviews ?? [];
  return (
    <aside className="preview-panel" aria-labelledby="basis-title">
      <h2 id="basis-title">The recommendation</h2>
      <p className="muted">
        From the assessment of {formatDate(assessment.assessedOn)} by {personName(assessment.assessor)}, computed by the app when it was saved.
      </p>
      <RecommendationSummary
        level={assessment.recommendation.level}
        transition={assessment.recommendation.transition}
        reasons={assessment.recommendation.reasons}
        warnings={assessment.recommendation.warnings}
        ruleIds={assessment.recommendation.ruleIds}
        rulesetVersion={assessment.recommendation.rulesetVersion}
        missing={assessment.recommendation.missing}
      />
      {reviews.length > 0 && (
        <>
          <h3>Review comments</h3>
          <ul className="review-list">
            {reviews.map((review) => (
              <li key={`${review.reviewedAt}-${review.reviewer.id}`}>
                <strong>{review.outcome === 'returned' ? 'Returned' : 'Approved'}</strong> by {review.reviewer.displayName}{' '}
                <span className="muted">({formatInstant(review.reviewedAt)})</span>
                {review.comment && <>: “{review.comment}”</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
