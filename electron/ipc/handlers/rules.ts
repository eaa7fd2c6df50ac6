import { runTrackedJob } from '../../jobs/jobTarget';
import type { HandlerMap } from '../registry';

export const rulesHandlers: Pick<HandlerMap, 'rules.impact'> = {
  'rules.impact': {
    kind: 'query',
    audit: 'not-audited',
    // Every stored assessment evaluated again: on a worker thread, off the event loop.
    handle: (input, ctx) => runTrackedJob(ctx, 'rules-impact', { targetVersion: input.targetVersion }, input.jobId),
  },
};
