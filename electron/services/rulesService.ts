import type { CaseLevelChange, RulesImpactReport } from '../../shared/contract/rules';
import { impactReplay } from '../../shared/rules/impact';
import { RULESETS } from '../../shared/rules/registry';
import { decodeReplayKey } from '../../shared/rules/replayKey';
import type { Ruleset } from '../../shared/rules/rule';
import { assessmentRowsAtMost, replayKeyGroups, streamStoredAssessmentsWithReplayKeys } from '../repositories/assessmentsRepository';
import type { ServiceContext } from './context';
import { DomainError } from './errors';
import { stepsOf, type ReportProgress } from './progress';

const IMPACT_STEPS = ['Comparing stored recommendations', 'Replaying the assessments that may change'] as const;
/** Progress is reported every this many replayed assessments: often enough for a bar, rarely enough to cost nothing. */
const REPLAYED_PER_REPORT = 500;

/**
 * Replays every stored assessment under another released ruleset and lists the cases whose level would
 * change. Read-only: stored recommendations are never overwritten.
 *
 * Reads the replay keys (table assessment_rules_inputs), not the payloads: assessments with the same key get the same level, so each
 * distinct key is replayed once. Only the keys whose level would change, and '' (rows the key cannot represent),
 * are read in full and replayed exactly as before, which gives the changes their names and reasons.
 */
export async function reviewRulesImpact(
  ctx: Pick<ServiceContext, 'db'>,
  targetVersion: string,
  rulesets: readonly Ruleset[] = RULESETS,
  report?: ReportProgress,
): Promise<RulesImpactReport> {
  const step = stepsOf(IMPACT_STEPS, report);
  const replay = impactReplay(targetVersion, rulesets);
  if (!replay.ok) {
    throw new DomainError('not_found', replay.error.message, [{ path: 'targetVersion', message: replay.error.message }]);
  }
  // An upper bound (rows deleted leave gaps), read only for the bar: one step down a b-tree.
  const storedAtMost = report ? await assessmentRowsAtMost(ctx.db) : 0;
  step(1, 0, storedAtMost);
  let evaluated = 0;
  let toReplay = 0;
  const replayInFull: string[] = [];
  for await (const groups of replayKeyGroups(ctx.db)) {
    for (const group of groups) {
      evaluated += group.assessments;
      const input = decodeReplayKey(group.replayKey);
      if (input === null || replay.value.levelFor(input.assessment) !== input.storedLevel) {
        replayInFull.push(group.replayKey);
        toReplay += group.assessments;
      }
    }
    step(1, evaluated, storedAtMost);
  }
  step(2, 0, toReplay);
  let replayed = 0;
  const changes: { readonly rowId: string; readonly change: CaseLevelChange }[] = [];
  for await (const source of streamStoredAssessmentsWithReplayKeys(ctx.db, replayInFull)) {
    replayed += 1;
    if (replayed % REPLAYED_PER_REPORT === 0) step(2, replayed, toReplay);
    const change = replay.value.changeFor({ caseId: source.caseId, assessment: source.assessment, storedOutput: source.recommendation });
    if (!change) continue;
    changes.push({
      rowId: source.id,
      change: {
        caseId: source.caseId,
        mrn: source.mrn,
        fullName: source.fullName,
        assessmentId: source.assessment.id,
        assessedOn: source.assessedOn,
        from: change.from,
        to: { ...change.to, ruleIds: [...change.to.ruleIds], reasons: [...change.to.reasons] },
      },
    });
  }
  step(2, replayed, toReplay);
  // Oldest assessment first, as the screen lists them; only the few changes are sorted, not every stored row.
  changes.sort((a, b) => byBinary(a.change.assessedOn, b.change.assessedOn) || byBinary(a.rowId, b.rowId));
  return { targetVersion: replay.value.targetVersion, evaluated, changes: changes.map((item) => item.change) };
}

/** SQLite's BINARY order, which the list had when the database sorted it. */
function byBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
