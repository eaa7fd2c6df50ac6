import { saveAssessment } from '../../services/assessmentsService';
import { saveDecision, submitDecision, withdrawDecision } from '../../services/decisionsService';
import { supervisorOverview } from '../../services/overviewService';
import { metricsReport } from '../../services/reportsService';
import { approveDecision, returnDecision, reviewQueue } from '../../services/reviewService';
import type { HandlerMap } from '../registry';

export const placementsHandlers: Pick<
  HandlerMap,
  | 'assessments.save'
  | 'decisions.save'
  | 'decisions.submit'
  | 'decisions.withdraw'
  | 'decisions.approve'
  | 'decisions.return'
  | 'decisions.queue'
  | 'reports.overview'
  | 'reports.metrics'
> = {
  'assessments.save': { kind: 'command', handle: (input, ctx) => saveAssessment(ctx, input) },
  'decisions.save': { kind: 'command', handle: (input, ctx) => saveDecision(ctx, input) },
  'decisions.submit': { kind: 'command', handle: (input, ctx) => submitDecision(ctx, input.decisionId) },
  'decisions.withdraw': { kind: 'command', handle: (input, ctx) => withdrawDecision(ctx, input.decisionId) },
  'decisions.approve': { kind: 'command', handle: (input, ctx) => approveDecision(ctx, input.decisionId, input.comment) },
  'decisions.return': { kind: 'command', handle: (input, ctx) => returnDecision(ctx, input.decisionId, input.comment) },
  'decisions.queue': { kind: 'query', handle: (input, ctx) => reviewQueue(ctx, input) },
  'reports.overview': { kind: 'query', handle: (_input, ctx) => supervisorOverview(ctx) },
  'reports.metrics': { kind: 'query', handle: (input, ctx) => metricsReport(ctx, input) },
};
