import type { HandlerMap } from '../registry';

export const jobsHandlers: Pick<HandlerMap, 'jobs.progress'> = {
  /**
   * How far one of the caller's long jobs has got. Answered from memory without the database, so it gets through
   * while a job holds it; another session's job is as unknown as one that never ran.
   */
  'jobs.progress': {
    kind: 'query',
    audit: 'not-audited',
    sessionOnly: true,
    // The call that started the job counted as activity; asking four times a second must not keep a session unlocked.
    activity: false,
    handle: async (input, ctx) => ctx.progress.read(input.jobId, ctx.sessionId),
  },
};
