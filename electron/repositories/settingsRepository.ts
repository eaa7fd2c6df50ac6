import type { Kysely } from 'kysely';
import { DEFAULT_REVIEW_INTERVALS, reviewIntervalsSchema, type ReviewIntervals } from '../../shared/contract/care';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export async function readReviewIntervals(db: Db): Promise<ReviewIntervals> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'reviewIntervals').executeTakeFirst();
  if (!row) return DEFAULT_REVIEW_INTERVALS;
  const parsed = reviewIntervalsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_REVIEW_INTERVALS;
}

export async function writeReviewIntervals(db: Db, intervals: ReviewIntervals, userId: string, now: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'reviewIntervals', value: JSON.stringify(intervals), updated_at: now, updated_by: userId })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(intervals), updated_at: now, updated_by: userId }))
    .execute();
}
