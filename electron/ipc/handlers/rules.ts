import { reviewRulesImpact } from '../../services/rulesService';
import type { HandlerMap } from '../registry';

export const rulesHandlers: Pick<HandlerMap, 'rules.impact'> = {
  'rules.impact': { kind: 'query', handle: (input, ctx) => reviewRulesImpact(ctx, input.targetVersion) },
};
