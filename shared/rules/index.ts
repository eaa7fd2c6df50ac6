export * from './assessment';
export { evaluateBaseline } from './baseline';
export { benchmarkRules, formatRulesBenchmark, meetsRulesTargets, syntheticAssessments, type RulesBenchmark } from './benchmark';
export { EVALUATE_USAGE, runEvaluateCli, type CliOutcome, type ReadTextFile } from './cli';
export { describeCondition, renderRulesDoc, RULES_DOC_PATH } from './docs';
export { evaluateAssessment, evaluateBatch } from './evaluate';
export {
  replayRecommendation,
  rulesImpact,
  sameRecommendation,
  type LevelChange,
  type Replay,
  type RulesImpact,
  type StoredRecommendation,
} from './impact';
export * from './recommendation';
export { CURRENT_RULESET_VERSION, currentRuleset, getRuleset, RULESETS } from './registry';
export { isLevelRule, type Condition, type Rule, type RuleEffect, type Ruleset } from './rule';
export { findSeedCriterion, SEED_ARTICLES, SEED_CRITERIA, type SeedCriterion, type SeedCriterionId } from './seedCriteria';
