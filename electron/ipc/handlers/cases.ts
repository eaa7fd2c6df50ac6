import { createCase, listCaseload } from '../../services/casesService';
import type { HandlerMap } from '../registry';

export const casesHandlers: Pick<HandlerMap, 'cases.list' | 'cases.create'> = {
  'cases.list': { kind: 'query', handle: (input, ctx) => listCaseload(ctx, input) },
  'cases.create': { kind: 'command', handle: (input, ctx) => createCase(ctx, input) },
};
