import { unlessRestoring } from '../backup/restoreInProgress';
import { automaticCheckpointsHeld, resumeAutomaticCheckpoints } from '../db/walCheckpoint';
import type { HandlerContext } from '../ipc/handlerContext';
import { describeError, type Logger } from '../log/logger';
import { runJobFor } from './jobTarget';

/**
 * After a transaction that held the connection's automatic checkpoints (a large import), copies the write-ahead log
 * into the database file on a worker thread, then lets the connection checkpoint after its commits again. Until then
 * the main process's own commits leave the log alone, so none of them pays for the import's copy. Never throws.
 */
export async function checkpointInBackground(
  ctx: Pick<HandlerContext, 'vault' | 'jobs' | 'clock' | 'actor' | 'sessionId'>,
  logger: Logger,
): Promise<void> {
  try {
    if (!ctx.vault.isOpen) return;
    const database = ctx.vault.database;
    if (!automaticCheckpointsHeld(database.sqlite)) return;
    try {
      // A restore asked meanwhile folds the log in itself, on the connection it holds, before it swaps the file.
      const done = await unlessRestoring(ctx.vault, () => runJobFor(ctx, 'checkpoint', {}));
      if (done) logger.info('Write-ahead log checkpointed in the background', { ...done });
    } finally {
      if (database.sqlite.open) resumeAutomaticCheckpoints(database.sqlite);
    }
  } catch (error) {
    // Nothing is lost: the log stays valid, and the connection's next automatic checkpoint copies it.
    logger.warn('Background checkpoint failed', describeError(error));
  }
}
