import type { RulesImpactReport } from '../../shared/contract/rules';
import { rulesImpact } from '../../shared/rules/impact';
import { RULESETS } from '../../shared/rules/registry';
import type { Ruleset } from '../../shared/rules/rule';
import { listStoredAssessments } from '../repositories/assessmentsRepository';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

/**
 * Replays every stored assessment under another released ruleset and lists the cases whose level would
 * change. Read-only: stored recommendations are never overwritten.
 */
export async function reviewRulesImpact(
  ctx: Pick<ServiceContext, 'db'>,
  targetVersion: string,
  rulesets: readonly Ruleset[] = RULESETS,
): Promise<RulesImpactReport> {
  const stored = await listStoredAssessments(ctx.db);
  // rulesImpact keys each item by the id given as caseId; the stored row id maps it back to its case.
  const impact = rulesImpact(
    stored.map((item) => ({ caseId: item.id, assessment: item.assessment, storedOutput: item.recommendation })),
    targetVersion,
    rulesets,
  );
  if (!impact.ok) {
    throw new DomainError('not_found', impact.error.message, [{ path: 'targetVersion', message: impact.error.message }]);
  }
  const byRowId = new Map(stored.map((item) => [item.id, item]));
  const changes = impact.value.changes.flatMap((change) => {
    const source = byRowId.get(change.caseId);
    if (!source) return [];
    return [
      {
        caseId: source.caseId,
        mrn: source.mrn,
        fullName: source.fullName,
        assessmentId: source.assessment.id,
        assessedOn: source.assessedOn,
        from: change.from,
        to: { ...change.to, ruleIds: [...change.to.ruleIds], reasons: [...change.to.reasons] },
      },
    ];
  });
  return { targetVersion: impact.value.targetVersion, evaluated: impact.value.evaluated, changes };
}
