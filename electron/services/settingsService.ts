import type { ReviewIntervals, Settings } from '../../shared/contract/care';
import { readReviewIntervals, writeReviewIntervals } from '../repositories/settingsRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import type { ServiceContext } from './context';

export async function readSettings(ctx: ServiceContext): Promise<Settings> {
  return { reviewIntervals: await readReviewIntervals(ctx.db) };
}

/** New review intervals apply to every case at once: each open case's next review is recomputed. */
export async function updateReviewIntervals(ctx: ServiceContext, intervals: ReviewIntervals): Promise<Settings> {
  await writeReviewIntervals(ctx.db, intervals, actorOf(ctx).id, ctx.clock.now().toISOString());
  const open = await ctx.db.selectFrom('cases').select('id').where('level', 'is not', null).execute();
  for (const row of open) await refreshCaseState(ctx, row.id);
  return readSettings(ctx);
}
