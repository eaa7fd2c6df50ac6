import type { Level } from '../domain/levels';
import { LEVEL_COUNT, LEVELS_BY_INTENSITY, OPEN_END, REASON_DROPPED_OUT, tableOf, type EpisodesInput } from './episodeTable';

/** Per level (every level present): the dropout share, or null when the level has no closed episode. */
export type DropoutRates = Readonly<Record<Level, number | null>>;

/**
 * Closed episodes ending "dropped-out" ÷ all closed episodes of that level; every other end reason (transfers and
 * deaths included, or none given) stays in the denominator. Open episodes are in neither.
 */
export function dropoutRate(input: EpisodesInput): DropoutRates {
  const table = tableOf(input);
  const { level, end, reason } = table;
  const [open, droppedOutReason] = [OPEN_END, REASON_DROPPED_OUT];
  const closed = new Int32Array(LEVEL_COUNT);
  const droppedOut = new Int32Array(LEVEL_COUNT);
  for (let index = 0; index < table.count; index += 1) {
    if (end[index] === open) continue;
    const rank = level[index] as number;
    closed[rank] = (closed[rank] as number) + 1;
    if (reason[index] === droppedOutReason) droppedOut[rank] = (droppedOut[rank] as number) + 1;
  }
  const rates = {} as Record<Level, number | null>;
  for (const [rank, name] of LEVELS_BY_INTENSITY) {
    const denominator = closed[rank] as number;
    rates[name] = denominator === 0 ? null : (droppedOut[rank] as number) / denominator;
  }
  return rates;
}
