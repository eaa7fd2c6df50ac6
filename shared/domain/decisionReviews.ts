import type { DecisionRecord } from '../contract/decisions';

/** Every review of a decision, oldest first; a decision from before review history was kept has its one review. */
export function reviewsOf(decision: DecisionRecord): DecisionRecord['reviews'] {
  if (decision.reviews.length > 0 || !decision.reviewer || decision.reviewedAt === null) return decision.reviews;
  const outcome = decision.status === 'returned' ? 'returned' : 'approved';
  return [{ reviewer: decision.reviewer, outcome, comment: decision.reviewComment, reviewedAt: decision.reviewedAt }];
}
