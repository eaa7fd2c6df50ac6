import type { HandlerContext } from '../ipc/handlerContext';
import { trackNamedJob } from './jobProgressBoard';
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

/** The jobs whose steps the window can follow (`jobs.progress`): each reports how far it has got. */
export type TrackedJobKind = 'metrics' | 'rules-impact' | 'export' | 'backup';

/**
 * Runs a job the window named (`jobId`) and keeps its progress where that window's session, and only it, can ask
 * for it while the job runs; forgotten once the job answers. Without an id (or a session) the job runs untracked.
 */
export async function runTrackedJob<K extends TrackedJobKind>(
  ctx: Pick<HandlerContext, 'vault' | 'clock' | 'actor' | 'sessionId' | 'jobs' | 'progress'>,
  kind: K,
  input: JobInput<K>,
  jobId: string | undefined,
): Promise<JobOutput<K>> {
  const tracked = trackNamedJob(ctx.progress, jobId, ctx.sessionId);
  if (!tracked) return runJobFor(ctx, kind, input);
  // Every tracked kind reports StepProgress (jobs.ts); TypeScript cannot narrow JobProgress<K> for a generic K.
  const watch: JobWatch<TrackedJobKind> = { onProgress: (progress) => tracked.report(progress) };
  try {
    return await runJobFor(ctx, kind, input, watch as JobWatch<K>);
  } finally {
    tracked.finish();
  }
}
