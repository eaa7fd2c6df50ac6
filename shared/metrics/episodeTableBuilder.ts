import { OPEN_END, orderedTable, type EpisodeTable } from './episodeTable';

const FIRST_CAPACITY = 1024;

/**
 * Builds an episode table from episodes given as numbers, one at a time, so a reader can stream rows into it
 * without holding them: a case is any non-negative integer key, days are day numbers (null for an open end),
 * levels are ranks and reasons are the metrics' reason codes (episodeTable.ts). The columns grow by doubling.
 */
export class EpisodeTableBuilder {
  private size = 0;
  private caseKey = new Int32Array(FIRST_CAPACITY);
  private level = new Uint8Array(FIRST_CAPACITY);
  private start = new Int32Array(FIRST_CAPACITY);
  private end = new Int32Array(FIRST_CAPACITY);
  private reason = new Uint8Array(FIRST_CAPACITY);

  get count(): number {
    return this.size;
  }

  add(caseKey: number, level: number, start: number, end: number | null, reason: number): void {
    if (this.size === this.caseKey.length) this.grow();
    const index = this.size;
    this.caseKey[index] = caseKey;
    this.level[index] = level;
    this.start[index] = start;
    this.end[index] = end === null ? OPEN_END : end;
    this.reason[index] = reason;
    this.size = index + 1;
  }

  build(): EpisodeTable {
    const count = this.size;
    const { caseOf, caseCount } = numberCases(this.caseKey.subarray(0, count));
    return orderedTable({
      count,
      caseCount,
      caseOf,
      level: this.level.slice(0, count),
      start: this.start.slice(0, count),
      end: this.end.slice(0, count),
      reason: this.reason.slice(0, count),
    });
  }

  private grow(): void {
    const capacity = this.caseKey.length * 2;
    this.caseKey = grown(this.caseKey, new Int32Array(capacity));
    this.level = grown(this.level, new Uint8Array(capacity));
    this.start = grown(this.start, new Int32Array(capacity));
    this.end = grown(this.end, new Int32Array(capacity));
    this.reason = grown(this.reason, new Uint8Array(capacity));
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Renumbers case keys 0.. in order of first appearance, as episodeTable does with case ids. Case numbers from
 * the database are small and dense, so a lookup array beats a Map; keys spread far wider than the episodes fall
 * back to one.
 */
function numberCases(keys: Int32Array): { caseOf: Int32Array; caseCount: number } {
  const caseOf = new Int32Array(keys.length);
  let low = 0;
  let high = -1;
  for (const key of keys) {
    if (key < low) low = key;
    if (key > high) high = key;
  }
  let caseCount = 0;
  if (low === 0 && high < 4 * keys.length + FIRST_CAPACITY) {
    const numbers = new Int32Array(high + 1).fill(-1);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as number;
      let caseNumber = numbers[key] as number;
      if (caseNumber === -1) {
        caseNumber = caseCount;
        numbers[key] = caseNumber;
        caseCount += 1;
      }
      caseOf[index] = caseNumber;
    }
    return { caseOf, caseCount };
  }
  const numbers = new Map<number, number>();
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as number;
    let caseNumber = numbers.get(key);
    if (caseNumber === undefined) {
      caseNumber = numbers.size;
      numbers.set(key, caseNumber);
    }
    caseOf[index] = caseNumber;
  }
  return { caseOf, caseCount: numbers.size };
}
