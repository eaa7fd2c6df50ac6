import { LEVEL_COUNT, OPEN_END, type EpisodeTable } from './episodeTable';

/**
 * Answers "does some episode of this case at that level start (or end) within these days?" by binary search in
 * the case's own sorted days, so a metric asks it once per episode and stays O(n log n) even for a case with a
 * very long history.
 */
export interface CaseDays {
  /** The earliest start on or after `day` of an episode of the case at the level; Infinity when there is none. */
  firstStartFrom(caseNumber: number, level: number, day: number): number;
  /** Whether an episode of the case at the level starts on a day in [from, to]. */
  hasStartWithin(caseNumber: number, level: number, from: number, to: number): boolean;
  /** Whether a closed episode of the case at the level ends on a day in [from, to]. */
  hasEndWithin(caseNumber: number, level: number, from: number, to: number): boolean;
}

/** Sorted days per level and case: case c's days at a level are days[offsets[c]] up to days[offsets[c + 1]]. */
interface DaysByCase {
  readonly days: Int32Array;
  readonly offsets: Int32Array;
}

export function caseDays(table: EpisodeTable): CaseDays {
  const starts = Array.from({ length: LEVEL_COUNT }, () => daysByCase(table, false));
  const ends = Array.from({ length: LEVEL_COUNT }, () => daysByCase(table, true));
  fill(table, starts, ends);
  const firstFrom = (set: DaysByCase, caseNumber: number, day: number): number => {
    const to = set.offsets[caseNumber + 1] as number;
    const found = lowerBound(set.days, set.offsets[caseNumber] as number, to, day);
    return found < to ? (set.days[found] as number) : Infinity;
  };
  return {
    firstStartFrom: (caseNumber, level, day) => firstFrom(starts[level] as DaysByCase, caseNumber, day),
    hasStartWithin: (caseNumber, level, from, to) => firstFrom(starts[level] as DaysByCase, caseNumber, from) <= to,
    hasEndWithin: (caseNumber, level, from, to) => firstFrom(ends[level] as DaysByCase, caseNumber, from) <= to,
  };
}

function daysByCase(table: EpisodeTable, closedOnly: boolean): DaysByCase {
  return { days: new Int32Array(closedOnly ? countClosed(table) : table.count), offsets: new Int32Array(table.caseCount + 1) };
}

function countClosed(table: EpisodeTable): number {
  const open = OPEN_END;
  let closed = 0;
  for (let index = 0; index < table.count; index += 1) if (table.end[index] !== open) closed += 1;
  return closed;
}

/**
 * One pass over the cases in episode order. Starts come out sorted, since the table orders each case by start;
 * ends do too, except around a zero-length episode inside a longer one, so a case whose ends are not in order
 * gets its own small sort.
 */
function fill(table: EpisodeTable, starts: DaysByCase[], ends: DaysByCase[]): void {
  const { order, caseOffsets, level, start, end } = table;
  const [open, levelCount] = [OPEN_END, LEVEL_COUNT];
  const startCounts = new Int32Array(levelCount);
  const endCounts = new Int32Array(levelCount);
  const caseStarts = new Int32Array(levelCount);
  for (let c = 0; c < table.caseCount; c += 1) {
    caseStarts.set(endCounts);
    let endsInOrder = true;
    for (let position = caseOffsets[c] as number; position < (caseOffsets[c + 1] as number); position += 1) {
      const episode = order[position] as number;
      const rank = level[episode] as number;
      const startSet = starts[rank] as DaysByCase;
      startSet.days[startCounts[rank] as number] = start[episode] as number;
      startCounts[rank] = (startCounts[rank] as number) + 1;
      const day = end[episode] as number;
      if (day === open) continue;
      const endSet = ends[rank] as DaysByCase;
      const slot = endCounts[rank] as number;
      if (slot > (caseStarts[rank] as number) && (endSet.days[slot - 1] as number) > day) endsInOrder = false;
      endSet.days[slot] = day;
      endCounts[rank] = slot + 1;
    }
    for (let rank = 0; rank < levelCount; rank += 1) {
      (starts[rank] as DaysByCase).offsets[c + 1] = startCounts[rank] as number;
      (ends[rank] as DaysByCase).offsets[c + 1] = endCounts[rank] as number;
      if (!endsInOrder) (ends[rank] as DaysByCase).days.subarray(caseStarts[rank], endCounts[rank]).sort();
    }
  }
}

/** The first position in days[from, to) whose day is at least `day` (to when there is none). */
function lowerBound(days: Int32Array, from: number, to: number, day: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((days[middle] as number) < day) low = middle + 1;
    else high = middle;
  }
  return low;
}
