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
/** Each byte's two hex digits: a large import makes 100,000 ids, and a Buffer with its hex string per id cost 0.8 µs. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_unused, byte) => byte.toString(16).padStart(2, '0'));

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
    const tail = random(8);
    const time = lastMs.toString(16).padStart(12, '0');
    const version = (0x7000 | counter).toString(16);
    const variant = HEX[0x80 | ((tail[0] ?? 0) & 0x3f)] ?? '';
    let rest = '';
    for (let index = 2; index < 8; index += 1) rest += HEX[tail[index] ?? 0] ?? '';
    return `${time.slice(0, 8)}-${time.slice(8)}-${version}-${variant}${HEX[tail[1] ?? 0] ?? ''}-${rest}`;
  };
}

/** The app's id generator for new records. */
export const newRecordId: () => string = createRecordIds();
