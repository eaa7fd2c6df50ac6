import { demoStatus, loadDemoCaseload } from '../../services/demoService';
import type { HandlerMap } from '../registry';

export const demoHandlers: Pick<HandlerMap, 'demo.status' | 'demo.load'> = {
  'demo.status': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => demoStatus(ctx) },
  'demo.load': {
    kind: 'command',
    audit: { action: 'demo-loaded', record: () => null, details: (_input, result) => ({ created: result.created }) },
    handle: (_input, ctx) => loadDemoCaseload(ctx),
  },
};
