import type { DecisionRecord } from '../../../shared/contract/decisions';
import { correctionDetails } from '../../audit/auditLog';
import { findDecisionRow } from '../../repositories/decisionsRepository';
import { saveAssessment } from '../../services/assessmentsService';
import { saveDecision, submitDecision, withdrawDecision } from '../../services/decisionsService';
import { supervisorOverview } from '../../services/overviewService';
import { runTrackedJob } from '../../jobs/jobTarget';
import { approveDecision, returnDecision, reviewQueue, reviewQueueCount } from '../../services/reviewService';
import type { HandlerContext } from '../handlerContext';
import type { AuditSpec, HandlerMap } from '../registry';

const decisionAudit = <C extends 'decisions.save' | 'decisions.submit' | 'decisions.withdraw' | 'decisions.approve' | 'decisions.return'>(
  action: AuditSpec<C>['action'],
): AuditSpec<C> => ({
  action,
  record: (_input, decision: DecisionRecord) => ({ type: 'decision', id: decision.id }),
  details: (_input, decision: DecisionRecord) => ({ caseId: decision.caseId, ...correctionDetails(decision.supersedesId) }),
});

const caseOfDecision = async (input: { decisionId: string }, ctx: HandlerContext) => (await findDecisionRow(ctx.db, input.decisionId))?.case_id;

export const placementsHandlers: Pick<
  HandlerMap,
  | 'assessments.save'
  | 'decisions.save'
  | 'decisions.submit'
  | 'decisions.withdraw'
  | 'decisions.approve'
  | 'decisions.return'
  | 'decisions.queue'
  | 'decisions.queueCount'
  | 'reports.overview'
  | 'reports.metrics'
> = {
  'assessments.save': {
    kind: 'command',
    audit: {
      action: 'assessment-saved',
      record: (_input, assessment) => ({ type: 'assessment', id: assessment.id }),
      details: (input) => ({ caseId: input.caseId }),
    },
    caseOf: async (input) => input.caseId,
    handle: (input, ctx) => saveAssessment(ctx, input),
  },
  'decisions.save': {
    kind: 'command',
    audit: decisionAudit('decision-saved'),
    // The service refuses a decision id that belongs to another case.
    caseOf: async (input) => input.caseId,
    handle: (input, ctx) => saveDecision(ctx, input),
  },
  'decisions.submit': {
    kind: 'command',
    audit: decisionAudit('decision-submitted'),
    caseOf: caseOfDecision,
    handle: (input, ctx) => submitDecision(ctx, input.decisionId),
  },
  'decisions.withdraw': {
    kind: 'command',
    audit: decisionAudit('decision-withdrawn'),
    caseOf: caseOfDecision,
    handle: (input, ctx) => withdrawDecision(ctx, input.decisionId),
  },
  'decisions.approve': {
    kind: 'command',
    audit: decisionAudit('decision-approved'),
    handle: (input, ctx) => approveDecision(ctx, input.decisionId, input.comment),
  },
  'decisions.return': {
    kind: 'command',
    audit: decisionAudit('decision-returned'),
    handle: (input, ctx) => returnDecision(ctx, input.decisionId, input.comment),
  },
  'decisions.queue': { kind: 'query', audit: 'not-audited', handle: (input, ctx) => reviewQueue(ctx, input) },
  'decisions.queueCount': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => reviewQueueCount(ctx) },
  'reports.overview': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => supervisorOverview(ctx) },
  // Every episode of the range: on a worker thread, off the event loop.
  'reports.metrics': {
    kind: 'query',
    audit: 'not-audited',
    handle: ({ jobId, ...request }, ctx) => runTrackedJob(ctx, 'metrics', request, jobId),
  },
};
