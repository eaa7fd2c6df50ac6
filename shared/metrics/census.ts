import { addDays, dayNumber, type IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import { LEVEL_COUNT, LEVELS_BY_INTENSITY, tableOf, type EpisodesInput } from './episodeTable';

/** People in care at each level on one day. */
export type Census = Readonly<Record<Level, number>>;

export interface CensusDay extends Census {
  readonly day: IsoDate;
}

/**
 * The census on day D: an episode counts when start ≤ D < end, or start ≤ D while it is open. The day an
 * episode ends belongs to the next episode (a same-day transition is counted once, at the new level), and a
 * zero-length episode is on no day's census.
 */
export function census(input: EpisodesInput, day: IsoDate): Census {
  const table = tableOf(input);
  const { level, start, end } = table;
  const d = dayNumber(day);
  const counts = new Int32Array(LEVEL_COUNT);
  for (let index = 0; index < table.count; index += 1) {
    // An open episode's end is OPEN_END, after every day.
    if ((start[index] as number) <= d && d < (end[index] as number)) counts[level[index] as number] = (counts[level[index] as number] as number) + 1;
  }
  return toCensus(counts);
}

/**
 * The census for every day from `from` to `to` inclusive (for the stacked-area chart), in one pass over the
 * episodes plus one over the days: each episode adds 1 on its first day in range and takes it back on its end.
 */
export function censusOverTime(input: EpisodesInput, from: IsoDate, to: IsoDate): CensusDay[] {
  const table = tableOf(input);
  const { level, start, end } = table;
  const levelCount = LEVEL_COUNT;
  const first = dayNumber(from);
  const dayCount = dayNumber(to) - first + 1;
  if (dayCount <= 0) return [];
  // changes[day * levelCount + level], with one day more so an end just past `to` has a slot.
  const changes = new Int32Array((dayCount + 1) * levelCount);
  for (let index = 0; index < table.count; index += 1) {
    const enters = Math.max(start[index] as number, first) - first;
    const leaves = Math.min(end[index] as number, first + dayCount) - first;
    if (enters >= leaves) continue;
    const rank = level[index] as number;
    changes[enters * levelCount + rank] = (changes[enters * levelCount + rank] as number) + 1;
    changes[leaves * levelCount + rank] = (changes[leaves * levelCount + rank] as number) - 1;
  }
  const running = new Int32Array(levelCount);
  const days: CensusDay[] = [];
  for (let day = 0; day < dayCount; day += 1) {
    for (let rank = 0; rank < levelCount; rank += 1) running[rank] = (running[rank] as number) + (changes[day * levelCount + rank] as number);
    days.push({ day: addDays(from, day), ...toCensus(running) });
  }
  return days;
}

function toCensus(counts: Int32Array): Census {
  const result = {} as Record<Level, number>;
  for (const [rank, level] of LEVELS_BY_INTENSITY) result[level] = counts[rank] as number;
  return result;
}
