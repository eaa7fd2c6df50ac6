import { describe, expect, it } from 'vitest';
import { compareAppVersions } from '../../../electron/backup/appVersion';

describe('compareAppVersions (semantic versioning order)', () => {
  it.each([
    ['0.1.0', '0.1.0', 0],
    ['0.1.0', '0.2.0', -1],
    ['1.10.0', '1.9.9', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['1.0.0+build.5', '1.0.0', 0],
    ['v1.2.3', '1.2.3', 0],
    ['0.0.0-test', '0.0.0-test', 0],
  ] as const)('%s vs %s → %i', (a, b, expected) => {
    expect(compareAppVersions(a, b)).toBe(expected);
    expect(compareAppVersions(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  it.each(['', '1', '1.2', 'one.two.three', '1.2.3.4', '1.2.3-', 'latest'])('is null for "%s", which is not a version', (text) => {
    expect(compareAppVersions(text, '1.0.0')).toBeNull();
  });
});
