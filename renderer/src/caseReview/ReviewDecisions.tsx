import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import { VARIANCE_LABELS, needsVariance } from '../../../shared/domain/variance';
import { reviewsOf } from '../../../shared/domain/decisionReviews';
import { DecisionStatusLabel } from '../components/DecisionStatusLabel';
import { LevelBadge } from '../components/LevelBadge';
import { formatDate } from '../format/time';
import { formatInstant } from '../workflow/dates';
import { capitalize, levelName } from '../workflow/describe';

interface Props {
  readonly decisions: readonly DecisionRecord[];
  readonly assessments: readonly AssessmentRecord[];
}

/** Placement decisions, the latest first: recommended against chosen level, the variance and every review. */
export function ReviewDecisions({ decisions, assessments }: Props) {
  if (decisions.length === 0) return <p className="muted">No placement decisions recorded.</p>;
  const newestFirst = [...decisions].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const effectiveOf = (id: string | null) => decisions.find((decision) => decision.id === id)?.effectiveDate;
  return (
    <>
      {newestFirst.map((decision) => {
        const assessment = assessments.find((record) => record.id === decision.assessmentId);
        const corrects = effectiveOf(decision.supersedesId);
        const correctedBy = effectiveOf(decision.supersededById);
        const variance = needsVariance(decision.recommendedLevel, decision.chosenLevel);
        return (
          <section key={decision.id} className="print-block review-decision" aria-label={`Decision effective ${formatDate(decision.effectiveDate)}`}>
            <h3>
              <LevelBadge level={decision.chosenLevel} /> from {formatDate(decision.effectiveDate)} · <DecisionStatusLabel status={decision.status} />
            </h3>
            <dl className="review-pairs">
              <dt>Recommended</dt>
              <dd>
                {decision.recommendedLevel ? capitalize(levelName(decision.recommendedLevel)) : 'No level (the assessment was incomplete)'}
                {assessment ? `, by the assessment of ${formatDate(assessment.assessedOn)}` : ''} (ruleset {decision.rulesetVersion})
              </dd>
              <dt>Chosen</dt>
              <dd>
                {capitalize(levelName(decision.chosenLevel))}
                {variance ? ' — departs from the rules' : ' — as recommended'}
              </dd>
              {decision.varianceReason && (
                <>
                  <dt>Variance reason</dt>
                  <dd>
                    {VARIANCE_LABELS[decision.varianceReason]}
                    {decision.varianceText ? `: ${decision.varianceText}` : ''}
                  </dd>
                </>
              )}
              <dt>Decided by</dt>
              <dd>
                {decision.author.displayName}, {formatInstant(decision.createdAt)}
                {decision.submittedAt ? `; submitted ${formatInstant(decision.submittedAt)}` : ''}
              </dd>
              {reviewsOf(decision).map((review) => (
                <ReviewLine key={`${review.reviewedAt}-${review.reviewer.id}-${review.outcome}`} review={review} />
              ))}
              {corrects && (
                <>
                  <dt>Correction</dt>
                  <dd>Corrects the decision effective {formatDate(corrects)}.</dd>
                </>
              )}
              {correctedBy && (
                <>
                  <dt>Superseded</dt>
                  <dd>Corrected by the decision effective {formatDate(correctedBy)}.</dd>
                </>
              )}
              {decision.applyProblem && (
                <>
                  <dt>Not applied</dt>
                  <dd>{decision.applyProblem}</dd>
                </>
              )}
            </dl>
          </section>
        );
      })}
    </>
  );
}

function ReviewLine({ review }: { readonly review: DecisionRecord['reviews'][number] }) {
  return (
    <>
      <dt>{review.outcome === 'approved' ? 'Approved' : 'Returned'}</dt>
      <dd>
        by {review.reviewer.displayName}, {formatInstant(review.reviewedAt)}
        {review.comment ? <>: “{review.comment}”</> : ', without comment'}
      </dd>
    </>
  );
}
