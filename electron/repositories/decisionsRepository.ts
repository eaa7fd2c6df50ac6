import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DecisionRecord } from '../../shared/contract/decisions';
import type { DecisionsTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;
export type DecisionRow = Selectable<DecisionsTable>;

export async function insertDecision(db: Db, row: DecisionsTable): Promise<void> {
  await db.insertInto('decisions').values(row).execute();
}

export async function updateDecision(db: Db, id: string, patch: Updateable<DecisionsTable>): Promise<void> {
  await db.updateTable('decisions').set(patch).where('id', '=', id).execute();
}

export async function findDecisionRow(db: Db, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReview(
  db: Db,
  row: { id: string; decisionId: string; reviewerId: string; outcome: 'approved' | 'returned'; comment: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('decision_reviews')
    .values({ id: row.id, decision_id: row.decisionId, reviewer_id: row.reviewerId, outcome: row.outcome, comment: row.comment, reviewed_at: row.at })
    .execute();
}

/** Decisions with their people and review history, in the order they were made. */
export async function listDecisionRecords(
  db: Db,
  filter: { caseId?: string; ids?: readonly string[]; caseIds?: readonly string[] },
): Promise<DecisionRecord[]> {
  let query = db
    .selectFrom('decisions')
    .innerJoin('users as author', 'author.id', 'decisions.author_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'decisions.reviewer_id')
    .selectAll('decisions')
    .select(['author.display_name as author_name', 'reviewer.display_name as reviewer_name']);
  if (filter.caseId !== undefined) query = query.where('decisions.case_id', '=', filter.caseId);
  if (filter.ids !== undefined) {
    // A JSON array, not one bound parameter per id: a review queue may list thousands.
    const ids = JSON.stringify(filter.ids);
    query = query.where(sql<boolean>`decisions.id IN (SELECT value FROM json_each(${ids}))`);
  }
  if (filter.caseIds !== undefined) query = query.where('decisions.case_id', 'in', filter.caseIds.length > 0 ? [...filter.caseIds] : ['']);
  const rows = await query.orderBy('decisions.created_at').orderBy('decisions.id').execute();
  const reviewed = rows.map((row) => row.id);
  const reviews =
    rows.length === 0
      ? []
      : await db
          .selectFrom('decision_reviews')
          .innerJoin('users', 'users.id', 'decision_reviews.reviewer_id')
          .selectAll('decision_reviews')
          .select('users.display_name as reviewer_name')
          .where(sql<boolean>`decision_reviews.decision_id IN (SELECT value FROM json_each(${JSON.stringify(reviewed)}))`)
          .orderBy('decision_reviews.reviewed_at')
          .orderBy('decision_reviews.id')
          .execute();
  const reviewsOf = new Map<string, typeof reviews>();
  for (const review of reviews) reviewsOf.set(review.decision_id, [...(reviewsOf.get(review.decision_id) ?? []), review]);
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    assessmentId: row.assessment_id,
    recommendedLevel: row.recommended_level,
    rulesetVersion: row.ruleset_version,
    chosenLevel: row.chosen_level,
    effectiveDate: row.effective_date,
    status: row.status,
    varianceReason: row.variance_reason,
    varianceText: row.variance_text,
    author: { id: row.author_id, displayName: row.author_name },
    reviewer: row.reviewer_id && row.reviewer_name ? { id: row.reviewer_id, displayName: row.reviewer_name } : null,
    reviewComment: row.review_comment,
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id,
    appliedAt: row.applied_at,
    applyProblem: row.apply_problem,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    reviews: (reviewsOf.get(row.id) ?? []).map((review) => ({
      reviewer: { id: review.reviewer_id, displayName: review.reviewer_name },
      outcome: review.outcome,
      comment: review.comment,
      reviewedAt: review.reviewed_at,
    })),
  }));
}

export async function latestDecisionStatus(db: Db, caseId: string): Promise<DecisionRow['status'] | null> {
  const row = await db
    .selectFrom('decisions')
    .select('status')
    .where('case_id', '=', caseId)
    .where('status', '<>', 'withdrawn')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.status ?? null;
}

/** Approved decisions whose effective date has not been applied to the episodes yet. */
export async function pendingTransitions(db: Db, filter: { caseId?: string; dueBy?: string }): Promise<DecisionRow[]> {
  let query = db
    .selectFrom('decisions')
    .selectAll()
    .where('status', '=', 'approved')
    .where('applied_at', 'is', null)
    .where('superseded_by_id', 'is', null);
  if (filter.caseId !== undefined) query = query.where('case_id', '=', filter.caseId);
  if (filter.dueBy !== undefined) query = query.where('effective_date', '<=', filter.dueBy);
  return query.orderBy('effective_date').orderBy('reviewed_at').orderBy('id').execute();
}
