import { caseDisclosureHistory } from '../../services/disclosuresService';
import { grantEmergencyAccess } from '../../services/caseAccess';
import { caseDetail, createCase, listCaseload, updateCaseRecord } from '../../services/casesService';
import type { HandlerMap } from '../registry';

const theCase = (input: { caseId: string }) => ({ type: 'case', id: input.caseId });
const byCaseId = async (input: { caseId: string }) => input.caseId;

export const casesHandlers: Pick<
  HandlerMap,
  'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.emergencyAccess' | 'disclosures.list'
> = {
  'cases.list': { kind: 'query', audit: 'not-audited', handle: (input, ctx) => listCaseload(ctx, input) },
  'cases.get': {
    kind: 'query',
    audit: { action: 'case-viewed', record: theCase, details: (_input, detail) => ({ access: detail.access }) },
    caseOf: byCaseId,
    handle: (input, ctx) => caseDetail(ctx, input.caseId),
  },
  'cases.create': {
    kind: 'command',
    audit: { action: 'case-created', record: (_input, created) => ({ type: 'case', id: created.id }) },
    handle: (input, ctx) => createCase(ctx, input),
  },
  'cases.update': {
    kind: 'command',
    audit: { action: 'case-updated', record: theCase },
    caseOf: byCaseId,
    handle: (input, ctx) => updateCaseRecord(ctx, input),
  },
  // Not case-scoped on purpose: it is the way in to a case outside the caseload, and records why.
  'cases.emergencyAccess': {
    kind: 'command',
    audit: { action: 'emergency-access', record: theCase, details: (input) => ({ reason: input.reason }) },
    handle: (input, ctx) => grantEmergencyAccess(ctx, input.caseId, input.reason, caseDetail),
  },
  'disclosures.list': {
    kind: 'query',
    audit: { action: 'case-viewed', record: theCase, details: () => ({ view: 'disclosure history' }) },
    caseOf: byCaseId,
    handle: (input, ctx) => caseDisclosureHistory(ctx, input.caseId),
  },
};
