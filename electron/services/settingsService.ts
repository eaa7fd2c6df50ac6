import type { ReviewIntervals, Settings } from '../../shared/contract/care';
import {
  readAutoLockMinutes,
  readBackupsToKeep,
  readReviewIntervals,
  writeAutoLockMinutes,
  writeBackupsToKeep,
  writeReviewIntervals,
} from '../repositories/settingsRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import type { ServiceContext } from './context';

export async function readSettings(ctx: ServiceContext): Promise<Settings> {
  return {
    reviewIntervals: await readReviewIntervals(ctx.db),
    autoLockMinutes: await readAutoLockMinutes(ctx.db),
    backupsToKeep: await readBackupsToKeep(ctx.db),
  };
}

export interface SettingsChange {
  readonly reviewIntervals?: ReviewIntervals | undefined;
  readonly autoLockMinutes?: number | undefined;
  readonly backupsToKeep?: number | undefined;
}

export async function updateSettings(ctx: ServiceContext, change: SettingsChange): Promise<Settings> {
  if (change.reviewIntervals) await updateReviewIntervals(ctx, change.reviewIntervals);
  if (change.autoLockMinutes !== undefined) {
    await writeAutoLockMinutes(ctx.db, change.autoLockMinutes, actorOf(ctx).id, ctx.clock.now().toISOString());
  }
  // Backups beyond the new number are removed after the next backup succeeds, never here.
  if (change.backupsToKeep !== undefined) await writeBackupsToKeep(ctx.db, change.backupsToKeep, actorOf(ctx).id, ctx.clock.now().toISOString());
  return readSettings(ctx);
}

/** New review intervals apply to every case at once: each open case's next review is recomputed. */
export async function updateReviewIntervals(ctx: ServiceContext, intervals: ReviewIntervals): Promise<Settings> {
  await writeReviewIntervals(ctx.db, intervals, actorOf(ctx).id, ctx.clock.now().toISOString());
  const open = await ctx.db.selectFrom('cases').select('id').where('level', 'is not', null).execute();
  for (const row of open) await refreshCaseState(ctx, row.id);
  return readSettings(ctx);
}
