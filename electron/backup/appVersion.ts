interface ParsedVersion {
  readonly core: readonly [number, number, number];
  readonly prerelease: readonly string[];
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(version: string): ParsedVersion | null {
  const match = VERSION.exec(version.trim());
  if (!match) return null;
  const [, major, minor, patch, prerelease] = match;
  return { core: [Number(major), Number(minor), Number(patch)], prerelease: prerelease ? prerelease.split('.') : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  // Numeric identifiers sort before alphanumeric ones.
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two app versions the way semantic versioning does (major.minor.patch, a pre-release before its release,
 * build metadata ignored): negative when `a` is older, positive when newer, 0 when equal; null if either is not a version.
 */
export function compareAppVersions(a: string, b: string): number | null {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return null;
  const coreDifference = left.core.map((part, index) => part - (right.core[index] ?? 0)).find((difference) => difference !== 0);
  if (coreDifference !== undefined) return Math.sign(coreDifference);
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return Math.sign(right.prerelease.length - left.prerelease.length);
  }
  for (let index = 0; index < Math.max(left.prerelease.length, right.prerelease.length); index += 1) {
    const mine = left.prerelease[index];
    const theirs = right.prerelease[index];
    if (mine === undefined || theirs === undefined) return mine === undefined ? -1 : 1;
    const difference = compareIdentifiers(mine, theirs);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
