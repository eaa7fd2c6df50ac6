import { demoStatus, loadDemoCaseload } from '../../services/demoService';
import type { HandlerMap } from '../registry';

export const demoHandlers: Pick<HandlerMap, 'demo.status' | 'demo.load'> = {
  'demo.status': { kind: 'query', handle: (_input, ctx) => demoStatus(ctx) },
  'demo.load': { kind: 'command', handle: (_input, ctx) => loadDemoCaseload(ctx) },
};
