import type { HandlerContext } from '../ipc/handlerContext';
import type { JobTarget } from './jobRunner';

/** The open database of the signed-in session and who is calling, for a job to read on its own connection. */
export function jobTargetOf(ctx: Pick<HandlerContext, 'vault' | 'clock' | 'actor' | 'sessionId'>): JobTarget {
  return { databaseFile: ctx.vault.databaseFile, key: ctx.vault.dataKey(), clock: ctx.clock, actor: ctx.actor, sessionId: ctx.sessionId };
}
