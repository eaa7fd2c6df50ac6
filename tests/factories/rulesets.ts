import type { Ruleset } from '../../shared/rules/rule';
import { RULESET_2026_1 } from '../../shared/rules/rulesets/v2026-1';

/** The rule of 2026.1 that the test release replaces. */
export const REPLACED_RULE_ID = 'INP-RELAPSE-CRITICAL';

/**
 * A test-only release with one rule changed: relapse risk 3 (not only 4) calls for residential care.
 * A rule keeps its id only while its meaning stays the same, so the changed rule gets a new id and its own words.
 */
export const STRICTER_RELAPSE: Ruleset = {
  ...RULESET_2026_1,
  version: '2099.1-test',
  summary: 'Test release: relapse risk rated 3 already calls for residential care.',
  rules: RULESET_2026_1.rules.map((rule) =>
    rule.id === REPLACED_RULE_ID
      ? {
          ...rule,
          id: 'INP-RELAPSE-HIGH',
          statement: 'Relapse risk rated 3 or 4 calls for a setting away from substances.',
          reason: 'Relapse risk is rated 3 or higher.',
          when: { dimension: 'relapse', atLeast: 3 },
        }
      : rule,
  ),
};
