import type { Level } from '../domain/levels';
import { LEVEL_COUNT, LEVELS_BY_INTENSITY, OPEN_END, tableOf, type EpisodesInput } from './episodeTable';

export const DISCHARGED = 'discharged';
export type TransitionKey = `${Level}->${Level | typeof DISCHARGED}`;
/** Counts by "<from>-><to>"; a transition that never happens is absent rather than 0. */
export type TransitionCounts = Partial<Record<TransitionKey, number>>;

/**
 * Every consecutive pair of a case's episodes (in episode order) counts once as "<prev.level>-><next.level>",
 * same-level pairs included (inpatient->inpatient after a gap); a case's last episode, if closed, counts once as
 * "<level>->discharged", whatever its end reason. Keys come out from the most intensive level down.
 */
export function transitionCounts(input: EpisodesInput): TransitionCounts {
  const table = tableOf(input);
  const { order, caseOffsets, level, end } = table;
  const [open, levelCount] = [OPEN_END, LEVEL_COUNT];
  // counts[from * width + to], where to = levelCount stands for discharged.
  const width = levelCount + 1;
  const counts = new Int32Array(levelCount * width);
  for (let c = 0; c < table.caseCount; c += 1) {
    const from = caseOffsets[c] as number;
    const to = caseOffsets[c + 1] as number;
    for (let position = from + 1; position < to; position += 1) {
      const slot = (level[order[position - 1] as number] as number) * width + (level[order[position] as number] as number);
      counts[slot] = (counts[slot] as number) + 1;
    }
    const last = order[to - 1] as number;
    if (end[last] === open) continue;
    const slot = (level[last] as number) * width + levelCount;
    counts[slot] = (counts[slot] as number) + 1;
  }
  const result: TransitionCounts = {};
  for (const [fromRank, fromLevel] of LEVELS_BY_INTENSITY) {
    for (const [toRank, toName] of [...LEVELS_BY_INTENSITY, [levelCount, DISCHARGED] as const]) {
      const count = counts[fromRank * width + toRank] as number;
      if (count > 0) result[`${fromLevel}->${toName}`] = count;
    }
  }
  return result;
}
