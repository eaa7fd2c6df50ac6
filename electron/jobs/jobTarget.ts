import type { HandlerContext } from '../ipc/handlerContext';
import type { JobTarget, JobWatch } from './jobRunner';
import type { JobInput, JobKind, JobOutput } from './jobs';

/** The open database of the signed-in session and who is calling, for a job to read on its own connection. */
export function jobTargetOf(ctx: Pick<HandlerContext, 'vault' | 'clock' | 'actor' | 'sessionId'>): JobTarget {
  return { databaseFile: ctx.vault.databaseFile, key: ctx.vault.dataKey(), clock: ctx.clock, actor: ctx.actor, sessionId: ctx.sessionId };
}

/**
 * Starts a job on the calling session's database. The runner copies the key into the job's request as it starts it,
 * so the copy made here is wiped at once rather than left in the heap for the collector.
 */
export function runJobFor<K extends JobKind>(
  ctx: Pick<HandlerContext, 'vault' | 'clock' | 'actor' | 'sessionId' | 'jobs'>,
  kind: K,
  input: JobInput<K>,
  watch?: JobWatch<K>,
): Promise<JobOutput<K>> {
  const target = jobTargetOf(ctx);
  try {
    return ctx.jobs.run(kind, input, target, watch);
  } finally {
    target.key.fill(0);
  }
}
