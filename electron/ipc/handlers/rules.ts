import { reviewRulesImpact } from '../../services/rulesService';
import type { HandlerMap } from '../registry';

export const rulesHandlers: Pick<HandlerMap, 'rules.impact'> = {
  'rules.impact': { kind: 'query', audit: 'not-audited', handle: (input, ctx) => reviewRulesImpact(ctx, input.targetVersion) },
};
