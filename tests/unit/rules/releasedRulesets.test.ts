import { describe, expect, it } from 'vitest';
import { RULESETS } from '../../../shared/rules/registry';
import type { Rule } from '../../../shared/rules/rule';

/**
 * The fingerprint of every released ruleset. Releasing a version adds a line here; an existing line
 * never changes, because stored recommendations name their version and must replay identically.
 */
const RELEASED_FINGERPRINTS: Readonly<Record<string, string>> = {
  '2026.1': '00e5f7594312cb30',
};

/** JSON with object keys sorted at every depth, so the text depends only on the data. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const UINT64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a over the UTF-8 bytes, as 16 hex digits. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & UINT64;
  return hash.toString(16).padStart(16, '0');
}

const fingerprint = (value: unknown): string => fnv1a64(canonicalJson(value));

function everyObjectIn(value: unknown): object[] {
  if (typeof value !== 'object' || value === null) return [];
  return [value, ...Object.values(value).flatMap(everyObjectIn)];
}

describe('fingerprinting', () => {
  it('hashes with 64-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('depends on the data, not on the order keys were written in', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: true }], e: undefined })).toBe('{"a":[{"c":true,"d":"x"}],"b":1}');
    expect(fingerprint({ a: 1, b: [2, 3] })).toBe(fingerprint({ b: [2, 3], a: 1 }));
    expect(fingerprint({ a: 1, b: [2, 3] })).not.toBe(fingerprint({ a: 1, b: [3, 2] }));
  });
});

describe('released rulesets are tamper-evident', () => {
  it.each(RULESETS.map((ruleset) => [ruleset.version, ruleset] as const))('ruleset %s is unchanged since its release', (version, ruleset) => {
    const expected = RELEASED_FINGERPRINTS[version];
    expect(
      expected,
      `Ruleset ${version} has no fingerprint. When releasing a version, add '${version}': '${fingerprint(ruleset)}' to RELEASED_FINGERPRINTS.`,
    ).toBeDefined();
    expect(
      fingerprint(ruleset),
      `Released ruleset ${version} was edited in place. Stored recommendations name ${version} and must replay identically: ` +
        'restore it, and release a new version instead (a new file in shared/rules/rulesets/, added to RULESETS).',
    ).toBe(expected);
  });

  it('keeps every fingerprinted version released and loadable', () => {
    const released = RULESETS.map((ruleset) => ruleset.version);
    for (const version of Object.keys(RELEASED_FINGERPRINTS)) {
      expect(released, `Ruleset ${version} was released and must stay in RULESETS.`).toContain(version);
    }
  });

  it.each(RULESETS.map((ruleset) => [ruleset.version, ruleset] as const))('ruleset %s is frozen all the way down', (_version, ruleset) => {
    const objects = everyObjectIn(ruleset);
    expect(objects.length).toBeGreaterThan(ruleset.rules.length * 3);
    expect(objects.filter((object) => !Object.isFrozen(object))).toEqual([]);
    const [first] = ruleset.rules;
    expect(() => {
      (first as { id: string }).id = 'EDITED';
    }).toThrow(TypeError);
    expect(() => (ruleset.rules as Rule[]).push(first!)).toThrow(TypeError);
    expect(() => {
      (first?.when as { criterion?: string }).criterion = 'selfMotivated';
    }).toThrow(TypeError);
    expect(() => {
      (first?.seedCriteria as string[]).length = 0;
    }).toThrow(TypeError);
  });

  it('freezes the list of released versions', () => {
    expect(Object.isFrozen(RULESETS)).toBe(true);
  });
});
