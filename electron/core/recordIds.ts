import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in blocks: one system call per 512 ids instead of one per id, as `randomUUID` does. */
function randomBytePool(size: number): (count: number) => Buffer {
  const pool = Buffer.alloc(size);
  let offset = size;
  return (count) => {
    if (offset + count > size) {
      randomFillSync(pool);
      offset = 0;
    }
    offset += count;
    return pool.subarray(offset - count, offset);
  };
}

const COUNTER_MAX = 0xfff;

/**
 * Record ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter for the ids of one
 * millisecond (§6.2, method 1), then 62 random bits. Each new row's id sorts after the last one, so it lands at the
 * end of every index keyed by id rather than on a random page: a large import writes a few pages instead of
 * thousands (docs/BENCHMARKS.md). Ids never repeat and never go backwards, even if the clock does.
 */
export function createRecordIds(clock: () => number = Date.now): () => string {
  const random = randomBytePool(512 * 8);
  let lastMs = -1;
  let counter = 0;
  return () => {
    const now = clock();
    if (now > lastMs) {
      lastMs = now;
      // A random start leaves room to count up within the millisecond (the counter's top bit starts clear).
      counter = (random(2).readUInt16BE(0) & 0x7ff) >>> 0;
    } else if (counter < COUNTER_MAX) {
      counter += 1;
    } else {
      // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat or reorder.
      lastMs += 1;
      counter = 0;
    }
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(lastMs, 0, 6);
    bytes[6] = 0x70 | (counter >>> 8);
    bytes[7] = counter & 0xff;
    random(8).copy(bytes, 8);
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** The app's id generator for new records. */
export const newRecordId: () => string = createRecordIds();
