import type { Kysely } from 'kysely';
import {
  autoLockMinutesSchema,
  DEFAULT_AUTO_LOCK_MINUTES,
  DEFAULT_REVIEW_INTERVALS,
  reviewIntervalsSchema,
  type ReviewIntervals,
} from '../../shared/contract/care';
import { backupsToKeepSchema, DEFAULT_BACKUPS_TO_KEEP } from '../../shared/contract/backups';
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

export async function readAutoLockMinutes(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'autoLockMinutes').executeTakeFirst();
  const parsed = autoLockMinutesSchema.safeParse(row ? Number(row.value) : DEFAULT_AUTO_LOCK_MINUTES);
  return parsed.success ? parsed.data : DEFAULT_AUTO_LOCK_MINUTES;
}

export async function writeAutoLockMinutes(db: Db, minutes: number, userId: string, now: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'autoLockMinutes', value: String(minutes), updated_at: now, updated_by: userId })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: String(minutes), updated_at: now, updated_by: userId }))
    .execute();
}

export async function readBackupsToKeep(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'backupsToKeep').executeTakeFirst();
  const parsed = backupsToKeepSchema.safeParse(row ? Number(row.value) : DEFAULT_BACKUPS_TO_KEEP);
  return parsed.success ? parsed.data : DEFAULT_BACKUPS_TO_KEEP;
}

export async function writeBackupsToKeep(db: Db, keep: number, userId: string, now: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'backupsToKeep', value: String(keep), updated_at: now, updated_by: userId })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: String(keep), updated_at: now, updated_by: userId }))
    .execute();
}
