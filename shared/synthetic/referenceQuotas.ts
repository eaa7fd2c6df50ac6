import { REFERENCE_RECORDS_PER_CASE } from './referenceTypes';
import type { SeededRandom } from './random';

/** Cases are generated in blocks of this many; each block holds exactly its share of every record. */
export const REFERENCE_BLOCK_SIZE = 20;

const MAX_EPISODES = 12;
const MAX_ASSESSMENTS = 16;
const MAX_DECISIONS = 12;
/** People assessed but not yet placed at any level: no episodes yet. */
const UNPLACED_CHANCE = 0.04;
/** Most records of a program running for years belong to people discharged long ago. */
const ACTIVE_CHANCE = 0.3;

export interface CaseQuota {
  readonly placed: boolean;
  readonly active: boolean;
  readonly episodes: number;
  readonly assessments: number;
  readonly decisions: number;
}

/**
 * A 32-bit seed for one stream (a case's, a block's), mixed from the caseload seed, a number and a salt with
 * murmur3's finaliser, so case 7 is the same case whatever the size of the caseload.
 */
export function streamSeed(seed: number, index: number, salt: number): number {
  let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(salt + 1, 0x27d4eb2f);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}

/** A version-4-shaped id drawn from the stream: random like the app's own ids, so indexes grow as they do in use. */
export function syntheticUuid(random: SeededRandom): string {
  const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0');
  const time = random.int(0, 0xffffffff);
  const middle = random.int(0, 0xffff);
  const version = random.int(0, 0x0fff) | 0x4000;
  const variant = random.int(0, 0x3fff) | 0x8000;
  const nodeHigh = random.int(0, 0xffff);
  const nodeLow = random.int(0, 0xffffffff);
  return `${hex(time, 8)}-${hex(middle, 4)}-${hex(version, 4)}-${hex(variant, 4)}-${hex(nodeHigh, 4)}${hex(nodeLow, 8)}`;
}

/**
 * How many records each case of a block gets: exactly the block's share in total (four episodes, three assessments,
 * two decisions per case), spread unevenly as in life. Longer care histories get more assessments and decisions.
 */
export function blockQuotas(random: SeededRandom, size: number): CaseQuota[] {
  const placed = Array.from({ length: size }, () => !random.chance(UNPLACED_CHANCE));
  // Someone must be placed for the block's episodes to have a home.
  if (size > 0 && !placed.includes(true)) placed[0] = true;
  const active = placed.map((isPlaced) => !isPlaced || random.chance(ACTIVE_CHANCE));
  const episodes = placed.map((isPlaced) => (isPlaced ? 1 : 0));
  spread(
    random,
    episodes,
    REFERENCE_RECORDS_PER_CASE.episodes * size,
    (index) => (placed[index] ? MAX_EPISODES : 0),
    () => 1,
  );
  const assessments = episodes.map(() => 1);
  spread(
    random,
    assessments,
    REFERENCE_RECORDS_PER_CASE.assessments * size,
    () => MAX_ASSESSMENTS,
    (index) => episodes[index] ?? 0,
  );
  const decisions = episodes.map((count) => (count === 0 && random.chance(0.5) ? 1 : 0));
  const decisionCap = (index: number): number => ((episodes[index] ?? 0) === 0 ? 1 : Math.min((episodes[index] ?? 0) + 2, MAX_DECISIONS));
  spread(random, decisions, REFERENCE_RECORDS_PER_CASE.decisions * size, decisionCap, (index) => episodes[index] ?? 0);
  return placed.map((isPlaced, index) => ({
    placed: isPlaced,
    active: active[index] ?? true,
    episodes: episodes[index] ?? 0,
    assessments: assessments[index] ?? 0,
    decisions: decisions[index] ?? 0,
  }));
}

/** Adds units one at a time to a case chosen in proportion to its weight, until the counts reach `total`. */
function spread(random: SeededRandom, counts: number[], total: number, cap: (index: number) => number, weight: (index: number) => number): void {
  let remaining = total - counts.reduce((sum, count) => sum + count, 0);
  while (remaining > 0) {
    const open: (readonly [number, number])[] = [];
    counts.forEach((count, index) => {
      if (count < cap(index) && weight(index) > 0) open.push([index, weight(index)]);
    });
    if (open.length === 0) return;
    const chosen = random.weighted(open);
    counts[chosen] = (counts[chosen] ?? 0) + 1;
    remaining -= 1;
  }
}
