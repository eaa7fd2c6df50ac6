import type { Ruleset } from './rule';

/**
 * Marks a ruleset as released: frozen all the way down, so no code can edit it in place. Stored
 * recommendations name the version that produced them and must replay identically under it.
 */
export function releaseRuleset(ruleset: Ruleset): Ruleset {
  return deepFreeze(ruleset);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
