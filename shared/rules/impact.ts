import { fail, ok, type Result } from '../contract/result';
import type { Level } from '../domain/levels';
import type { Assessment } from './assessment';
import { evaluateAssessment, recommendLevel } from './evaluate';
import type { Recommendation, Transition } from './recommendation';
import { getRuleset, RULESETS } from './registry';
import type { Ruleset } from './rule';

/** A saved recommendation together with the assessment it was made from. */
export interface StoredRecommendation {
  readonly caseId: string;
  readonly assessment: Assessment;
  readonly storedOutput: Recommendation;
}

export interface LevelChange {
  readonly caseId: string;
  readonly assessmentId: string;
  readonly from: { readonly rulesetVersion: string; readonly level: Level | null };
  readonly to: {
    readonly rulesetVersion: string;
    readonly level: Level | null;
    readonly transition: Transition | null;
    readonly ruleIds: readonly string[];
    readonly reasons: readonly string[];
  };
}

export interface RulesImpact {
  readonly targetVersion: string;
  readonly evaluated: number;
  /** Only the cases whose level would differ from the stored one, in input order. */
  readonly changes: readonly LevelChange[];
}

/** Replays one stored assessment at a time under a target ruleset, so a caller can stream a large store through it. */
export interface ImpactReplay {
  readonly targetVersion: string;
  /** The level the target ruleset gives this assessment. */
  levelFor(assessment: Assessment): Level | null;
  /** The change for this stored assessment, or null when the target ruleset gives the same level. */
  changeFor(stored: StoredRecommendation): LevelChange | null;
}

export function impactReplay(targetVersion: string, rulesets: readonly Ruleset[] = RULESETS): Result<ImpactReplay> {
  const target = getRuleset(targetVersion, rulesets);
  if (target === undefined) return fail(unknownVersion(targetVersion));
  return ok({
    targetVersion: target.version,
    levelFor: (assessment) => recommendLevel(assessment, target),
    changeFor: ({ caseId, assessment, storedOutput }) => {
      const replayed = evaluateAssessment(assessment, target);
      if (replayed.level === storedOutput.level) return null;
      return {
        caseId,
        assessmentId: assessment.id,
        from: { rulesetVersion: storedOutput.rulesetVersion, level: storedOutput.level },
        to: {
          rulesetVersion: target.version,
          level: replayed.level,
          transition: replayed.transition,
          ruleIds: replayed.ruleIds,
          reasons: replayed.reasons,
        },
      };
    },
  });
}

/**
 * Re-evaluates stored assessments under another released ruleset and lists the cases whose level
 * would change. Nothing is written back: the caller decides whether anything should be re-decided.
 */
export function rulesImpact(
  stored: readonly StoredRecommendation[],
  targetVersion: string,
  rulesets: readonly Ruleset[] = RULESETS,
): Result<RulesImpact> {
  const replay = impactReplay(targetVersion, rulesets);
  if (!replay.ok) return replay;
  const changes: LevelChange[] = [];
  for (const item of stored) {
    const change = replay.value.changeFor(item);
    if (change) changes.push(change);
  }
  return ok({ targetVersion: replay.value.targetVersion, evaluated: stored.length, changes });
}

export interface Replay {
  readonly replayed: Recommendation;
  /** True when the replay reproduces every field of the stored output. */
  readonly identical: boolean;
}

/** Evaluates a stored assessment again under the ruleset version that produced its stored output. */
export function replayRecommendation(stored: StoredRecommendation, rulesets: readonly Ruleset[] = RULESETS): Result<Replay> {
  const version = stored.storedOutput.rulesetVersion;
  const ruleset = getRuleset(version, rulesets);
  if (ruleset === undefined) return fail(unknownVersion(version));
  const replayed = evaluateAssessment(stored.assessment, ruleset);
  return ok({ replayed, identical: sameRecommendation(replayed, stored.storedOutput) });
}

export function sameRecommendation(a: Recommendation, b: Recommendation): boolean {
  return (
    a.id === b.id &&
    a.level === b.level &&
    a.transition === b.transition &&
    a.rulesetVersion === b.rulesetVersion &&
    sameList(a.ruleIds, b.ruleIds) &&
    sameList(a.reasons, b.reasons) &&
    sameList(a.warnings, b.warnings) &&
    sameList(a.missing, b.missing)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function unknownVersion(version: string) {
  return { code: 'not_found', message: `Ruleset version "${version}" is not a released version.` } as const;
}
