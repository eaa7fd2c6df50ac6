import { runJobFor } from '../../jobs/jobTarget';
import type { HandlerMap } from '../registry';

export const rulesHandlers: Pick<HandlerMap, 'rules.impact'> = {
  'rules.impact': {
    kind: 'query',
    audit: 'not-audited',
    // Every stored assessment evaluated again: on a worker thread, off the event loop.
    handle: (input, ctx) => runJobFor(ctx, 'rules-impact', { targetVersion: input.targetVersion }),
  },
};
