import type { Level } from '../domain/levels';
import { LEVEL_COUNT, LEVELS_BY_INTENSITY, OPEN_END, tableOf, type EpisodesInput } from './episodeTable';

export interface LengthOfStaySummary {
  /** Closed episodes at the level. */
  readonly n: number;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
}

/** Per level, in days; a level with no closed episode is absent. */
export type LengthOfStay = Partial<Record<Level, LengthOfStaySummary>>;

/**
 * Length of stay = end − start in calendar days, over closed episodes only (open ones have no length yet);
 * a zero-length episode counts as 0 days. Quantiles as R's type 7.
 */
export function lengthOfStay(input: EpisodesInput): LengthOfStay {
  const table = tableOf(input);
  const { level, start, end } = table;
  const [open, levelCount] = [OPEN_END, LEVEL_COUNT];
  const counts = new Int32Array(levelCount);
  for (let index = 0; index < table.count; index += 1) {
    if (end[index] !== open) counts[level[index] as number] = (counts[level[index] as number] as number) + 1;
  }
  const days = Array.from(counts, (n) => new Int32Array(n));
  counts.fill(0);
  for (let index = 0; index < table.count; index += 1) {
    const ended = end[index] as number;
    if (ended === open) continue;
    const rank = level[index] as number;
    const slot = counts[rank] as number;
    (days[rank] as Int32Array)[slot] = ended - (start[index] as number);
    counts[rank] = slot + 1;
  }
  const result: LengthOfStay = {};
  for (const [rank, name] of LEVELS_BY_INTENSITY) {
    // A typed array sorts numerically.
    const sorted = (days[rank] as Int32Array).sort();
    if (sorted.length === 0) continue;
    result[name] = { n: sorted.length, median: quantileType7(sorted, 0.5), p25: quantileType7(sorted, 0.25), p75: quantileType7(sorted, 0.75) };
  }
  return result;
}

/** The shortest and longest closed stay at each level, in days (a box plot's whiskers); absent where lengthOfStay is. */
export type StayRange = Partial<Record<Level, { readonly min: number; readonly max: number }>>;

export function stayRange(input: EpisodesInput): StayRange {
  const table = tableOf(input);
  const { level, start, end } = table;
  const [open, levelCount] = [OPEN_END, LEVEL_COUNT];
  const closed = new Int32Array(levelCount);
  const shortest = new Int32Array(levelCount);
  const longest = new Int32Array(levelCount);
  for (let index = 0; index < table.count; index += 1) {
    const ended = end[index] as number;
    if (ended === open) continue;
    const rank = level[index] as number;
    const stay = ended - (start[index] as number);
    const seen = closed[rank] as number;
    if (seen === 0 || stay < (shortest[rank] as number)) shortest[rank] = stay;
    if (seen === 0 || stay > (longest[rank] as number)) longest[rank] = stay;
    closed[rank] = seen + 1;
  }
  const result: StayRange = {};
  for (const [rank, name] of LEVELS_BY_INTENSITY) {
    if ((closed[rank] as number) > 0) result[name] = { min: shortest[rank] as number, max: longest[rank] as number };
  }
  return result;
}

/**
 * The q-quantile of ascending values as R's type 7 (numpy's default): position h = (n − 1)·q, then linear
 * interpolation between the values at floor(h) and floor(h) + 1.
 */
export function quantileType7(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('A quantile needs at least one value.');
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  if (below + 1 >= n) return low;
  const fraction = position - below;
  return fraction === 0 ? low : low + fraction * ((sorted[below + 1] as number) - low);
}
