import type { Ruleset } from './rule';
import { RULESET_2026_1 } from './rulesets/v2026-1';

/**
 * Every released ruleset, oldest first. A released version is never edited or removed: stored
 * recommendations name the version that produced them and must replay identically. Each is deep-frozen
 * (releaseRuleset) and fingerprinted by tests/unit/rules/releasedRulesets.test.ts.
 */
export const RULESETS: readonly Ruleset[] = Object.freeze([RULESET_2026_1]);

export const CURRENT_RULESET_VERSION = '2026.1';

export function getRuleset(version: string, rulesets: readonly Ruleset[] = RULESETS): Ruleset | undefined {
  return rulesets.find((ruleset) => ruleset.version === version);
}

export const currentRuleset: Ruleset = RULESET_2026_1;
