import { dayNumber } from '../domain/dates';
import { LEVELS, levelRank, type Level } from '../domain/levels';
import type { InterchangeEpisode } from './episodeInterchange';

/** The end reasons the metrics look at; every other reason (or none) counts as an ordinary end. */
export const DIED = 'died';
export const DROPPED_OUT = 'dropped-out';

export const REASON_OTHER = 0;
export const REASON_DIED = 1;
export const REASON_DROPPED_OUT = 2;

/** Stands in for the end day of an open episode: after every real day. */
export const OPEN_END = 2 ** 31 - 1;

/** Level ranks as LEVELS orders them: outpatient 0 < iop 1 < inpatient 2. */
export const OUTPATIENT = levelRank('outpatient');
export const IOP = levelRank('iop');
export const INPATIENT = levelRank('inpatient');
export const LEVEL_COUNT = LEVELS.length;
/** Levels with their ranks, most intensive first: the order reports list them in (inpatient, iop, outpatient). */
export const LEVELS_BY_INTENSITY: readonly (readonly [number, Level])[] = [...LEVELS].reverse().map((level) => [levelRank(level), level] as const);

/**
 * Episodes as columns of day numbers and codes, grouped by case and ordered within each case, built once so
 * every metric runs over plain typed arrays. Day numbers make every date difference an exact integer.
 *
 * Performance note for every loop over a table: copy imported constants and functions into locals before the
 * loop. Some module loaders (jiti, which runs the CLI and the benchmark) reach every imported binding through a
 * proxy, which costs more than the loop body itself when done 400,000 times.
 */
export interface EpisodeTable {
  readonly count: number;
  readonly caseCount: number;
  /** Per episode (input position): its case, numbered 0.. in order of first appearance. */
  readonly caseOf: Int32Array;
  readonly level: Uint8Array;
  readonly start: Int32Array;
  /** OPEN_END for an open episode. */
  readonly end: Int32Array;
  readonly reason: Uint8Array;
  /** Episode positions, case by case; within a case in episode order (start, then end with open last). */
  readonly order: Int32Array;
  /** Case c owns order[caseOffsets[c]] up to, not including, order[caseOffsets[c + 1]]. */
  readonly caseOffsets: Int32Array;
}

export type EpisodesInput = readonly InterchangeEpisode[] | EpisodeTable;

export function tableOf(input: EpisodesInput): EpisodeTable {
  return isEpisodeTable(input) ? input : episodeTable(input);
}

function isEpisodeTable(input: EpisodesInput): input is EpisodeTable {
  return !Array.isArray(input);
}

export function episodeTable(episodes: readonly InterchangeEpisode[]): EpisodeTable {
  const count = episodes.length;
  const caseOf = new Int32Array(count);
  const level = new Uint8Array(count);
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const reason = new Uint8Array(count);
  const caseNumbers = new Map<string, number>();
  const toDay = dayNumber;
  const rank: Readonly<Record<Level, number>> = { outpatient: OUTPATIENT, iop: IOP, inpatient: INPATIENT };
  for (let index = 0; index < count; index += 1) {
    const episode = episodes[index] as InterchangeEpisode;
    let caseNumber = caseNumbers.get(episode.caseId);
    if (caseNumber === undefined) {
      caseNumber = caseNumbers.size;
      caseNumbers.set(episode.caseId, caseNumber);
    }
    caseOf[index] = caseNumber;
    level[index] = rank[episode.level];
    start[index] = toDay(episode.start);
    end[index] = episode.end === null ? OPEN_END : toDay(episode.end);
    reason[index] = metricReason(episode.endReason);
  }
  return orderedTable({ count, caseCount: caseNumbers.size, caseOf, level, start, end, reason });
}

/** The end reason as the metrics tell them apart: died, dropped out, or any other (or none). */
export function metricReason(endReason: string | null): number {
  return endReason === DIED ? REASON_DIED : endReason === DROPPED_OUT ? REASON_DROPPED_OUT : REASON_OTHER;
}

/** Episode columns whose cases are already numbered 0..caseCount - 1, before grouping and ordering. */
export type EpisodeColumns = Omit<EpisodeTable, 'order' | 'caseOffsets'>;

/** Groups the episodes by case and orders each case's: the one step every table goes through. */
export function orderedTable(columns: EpisodeColumns): EpisodeTable {
  const { caseOf, caseCount, start, end, level } = columns;
  const { order, caseOffsets } = groupByCase(caseOf, caseCount);
  for (let c = 0; c < caseCount; c += 1) sortCase(order, caseOffsets[c] as number, caseOffsets[c + 1] as number, start, end, level);
  return { ...columns, order, caseOffsets };
}

/** A counting sort by case number: O(n), and each case's episodes stay in input order until sorted. */
function groupByCase(caseOf: Int32Array, caseCount: number): { order: Int32Array; caseOffsets: Int32Array } {
  const caseOffsets = new Int32Array(caseCount + 1);
  for (let index = 0; index < caseOf.length; index += 1) {
    const slot = (caseOf[index] as number) + 1;
    caseOffsets[slot] = (caseOffsets[slot] as number) + 1;
  }
  for (let c = 0; c < caseCount; c += 1) caseOffsets[c + 1] = (caseOffsets[c + 1] as number) + (caseOffsets[c] as number);
  const next = caseOffsets.slice(0, caseCount);
  const order = new Int32Array(caseOf.length);
  for (let index = 0; index < caseOf.length; index += 1) {
    const caseNumber = caseOf[index] as number;
    const position = next[caseNumber] as number;
    order[position] = index;
    next[caseNumber] = position + 1;
  }
  return { order, caseOffsets };
}

/**
 * Episode order within a case: by start, then by end (open last). Only zero-length episodes can tie on both,
 * and they are then taken from the most intensive level down, so the order never depends on the input order.
 */
function compareEpisodes(a: number, b: number, start: Int32Array, end: Int32Array, level: Uint8Array): number {
  return (start[a] as number) - (start[b] as number) || (end[a] as number) - (end[b] as number) || (level[b] as number) - (level[a] as number);
}

/** Cases hold a handful of episodes, so insertion sort is fastest; a long history falls back to the engine's sort. */
function sortCase(order: Int32Array, from: number, to: number, start: Int32Array, end: Int32Array, level: Uint8Array): void {
  if (to - from > 24) {
    order.subarray(from, to).sort((a, b) => compareEpisodes(a, b, start, end, level));
    return;
  }
  for (let i = from + 1; i < to; i += 1) {
    const episode = order[i] as number;
    let j = i - 1;
    while (j >= from && compareEpisodes(order[j] as number, episode, start, end, level) > 0) {
      order[j + 1] = order[j] as number;
      j -= 1;
    }
    order[j + 1] = episode;
  }
}

/** An episode that overlaps an earlier one of its case (by table position), and the earlier one it runs into. */
export interface EpisodeOverlap {
  readonly episode: number;
  readonly earlier: number;
}

/**
 * Episodes of one case may not overlap. They are half-open, [start, end): an episode ending on the day the next
 * starts (a same-day transition) does not overlap it, an open episode runs on forever, and a zero-length episode
 * (end = start) covers no day, so it overlaps nothing. Each offending episode is reported once, against the
 * earlier episode (in episode order) that reaches furthest; O(n) over the ordered table.
 */
export function findOverlaps(table: EpisodeTable): EpisodeOverlap[] {
  const { order, caseOffsets, start, end } = table;
  const overlaps: EpisodeOverlap[] = [];
  for (let c = 0; c < table.caseCount; c += 1) {
    let reaching = -1;
    for (let position = caseOffsets[c] as number; position < (caseOffsets[c + 1] as number); position += 1) {
      const episode = order[position] as number;
      if (start[episode] === end[episode]) continue;
      if (reaching !== -1 && (start[episode] as number) < (end[reaching] as number)) overlaps.push({ episode, earlier: reaching });
      if (reaching === -1 || (end[episode] as number) > (end[reaching] as number)) reaching = episode;
    }
  }
  return overlaps;
}
