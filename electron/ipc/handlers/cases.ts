import { caseDetail, createCase, listCaseload, updateCaseRecord } from '../../services/casesService';
import type { HandlerMap } from '../registry';

export const casesHandlers: Pick<HandlerMap, 'cases.list' | 'cases.get' | 'cases.create' | 'cases.update'> = {
  'cases.list': { kind: 'query', handle: (input, ctx) => listCaseload(ctx, input) },
  'cases.get': { kind: 'query', handle: (input, ctx) => caseDetail(ctx, input.caseId) },
  'cases.create': { kind: 'command', handle: (input, ctx) => createCase(ctx, input) },
  'cases.update': { kind: 'command', handle: (input, ctx) => updateCaseRecord(ctx, input) },
};
