const BLOCK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** A store's sealed blocks as they cross to and from a worker thread: views of shared memory, never copied. */
export interface SharedRows {
  readonly blocks: readonly Uint8Array[];
  readonly count: number;
}

/**
 * Rows kept across a whole file (the rows a check read, for the import) as JSON lines written straight into blocks of
 * bytes outside the JavaScript heap. Kept as 100,000 objects, or even as strings waiting for their block, they
 * survived young-generation collections, and V8 grew its heap by far more than the rows' own size; written at once,
 * each row's text dies young. The rows are plain data (strings, numbers, booleans, null, nested objects), which JSON
 * gives back exactly, in the order they were added. The blocks are shared memory, so the check's worker hands them to
 * the main process and the import's worker reads them again without a copy of the file's rows on either side.
 */
export class RowStore<T> implements Iterable<T> {
  private readonly blocks: Buffer[] = [];
  private block: Buffer | null = null;
  private used = 0;
  private count = 0;

  /** The rows another thread sealed (`shared()`), read in place. */
  static fromShared<T>(rows: SharedRows): RowStore<T> {
    const store = new RowStore<T>();
    for (const block of rows.blocks) store.blocks.push(Buffer.from(block.buffer, block.byteOffset, block.byteLength));
    store.count = rows.count;
    return store;
  }

  get size(): number {
    return this.count;
  }

  add(row: T): void {
    const line = JSON.stringify(row);
    // UTF-8 takes at most 3 bytes for each UTF-16 unit; the newline one more.
    const room = line.length * 3 + 1;
    const block = this.block !== null && this.used + room <= this.block.length ? this.block : this.startBlock(room);
    this.used += block.write(line, this.used, 'utf8');
    block[this.used] = NEWLINE;
    this.used += 1;
    this.count += 1;
  }

  /** Ends the block being written; the last one is copied to its length rather than keep a mostly empty megabyte. */
  seal(): this {
    if (this.block !== null) {
      const written = this.block.subarray(0, this.used);
      this.blocks.push(this.used * 2 < this.block.length ? sharedCopy(written) : written);
      this.block = null;
      this.used = 0;
    }
    return this;
  }

  /** The sealed blocks, to post to another thread. */
  shared(): SharedRows {
    this.seal();
    return { blocks: [...this.blocks], count: this.count };
  }

  *[Symbol.iterator](): Iterator<T> {
    this.seal();
    for (const block of this.blocks) {
      let start = 0;
      for (let end = block.indexOf(NEWLINE, start); end !== -1; end = block.indexOf(NEWLINE, start)) {
        yield JSON.parse(block.toString('utf8', start, end)) as T;
        start = end + 1;
      }
    }
  }

  private startBlock(room: number): Buffer {
    this.seal();
    this.block = sharedBlock(Math.max(BLOCK_BYTES, room));
    return this.block;
  }
}

function sharedBlock(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}

function sharedCopy(bytes: Buffer): Buffer {
  const copy = sharedBlock(bytes.length);
  bytes.copy(copy);
  return copy;
}
