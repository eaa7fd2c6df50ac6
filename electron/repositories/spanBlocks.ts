import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

/** Spans per block: span numbers 1,024·n to 1,024·n + 1,023 are block n (migration 14). */
export const SPANS_PER_BLOCK = 1024;
const SPAN_BYTES = 14;
const OPEN_END_DAY = -2147483648;
const OPEN_REASON = 255;

/** One span as episode_spans stores it (migration 10's codes). */
export interface StoredSpan {
  readonly case_no: number;
  readonly start_day: number;
  readonly end_day: number | null;
  readonly level: number;
  readonly reason: number | null;
}

export type SpanVisitor = (caseNo: number, startDay: number, endDay: number | null, level: number, reason: number | null) => void;

export function packSpans(spans: readonly StoredSpan[]): Buffer {
  const packed = Buffer.alloc(spans.length * SPAN_BYTES);
  let offset = 0;
  for (const span of spans) {
    packed.writeInt32LE(span.case_no, offset);
    packed.writeInt32LE(span.start_day, offset + 4);
    packed.writeInt32LE(span.end_day ?? OPEN_END_DAY, offset + 8);
    packed.writeUInt8(span.level, offset + 12);
    packed.writeUInt8(span.reason ?? OPEN_REASON, offset + 13);
    offset += SPAN_BYTES;
  }
  return packed;
}

export function unpackSpans(packed: Uint8Array, visit: SpanVisitor): void {
  if (packed.byteLength % SPAN_BYTES !== 0) throw new Error(`A span block of ${packed.byteLength} bytes is not whole spans of ${SPAN_BYTES}`);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  for (let offset = 0; offset < packed.byteLength; offset += SPAN_BYTES) {
    const end = view.getInt32(offset + 8, true);
    const reason = view.getUint8(offset + 13);
    visit(
      view.getInt32(offset, true),
      view.getInt32(offset + 4, true),
      end === OPEN_END_DAY ? null : end,
      view.getUint8(offset + 12),
      reason === OPEN_REASON ? null : reason,
    );
  }
}

function spansOfBlock(db: Db, blockNo: number) {
  return db
    .selectFrom('episode_spans')
    .select(['case_no', 'start_day', 'end_day', 'level', 'reason'])
    .where('span_no', '>=', blockNo * SPANS_PER_BLOCK)
    .where('span_no', '<', (blockNo + 1) * SPANS_PER_BLOCK)
    .orderBy('span_no');
}

const INT32 = { min: -2147483648, max: 2147483647 } as const;
const fitsInt32 = (value: number): boolean => Number.isInteger(value) && value >= INT32.min && value <= INT32.max;

/** Whether every value of the spans fits the packed form; the codes always do (migration 10 checks them). */
function packable(spans: readonly StoredSpan[]): boolean {
  return spans.every(
    (span) =>
      fitsInt32(span.case_no) && fitsInt32(span.start_day) && (span.end_day === null || (fitsInt32(span.end_day) && span.end_day !== OPEN_END_DAY)),
  );
}

/**
 * Packs every block a change has marked stale, and clears their marks, inside the transaction open on the connection:
 * the write that changed the spans (or any later one), or opening. A block holding a value the packed form cannot
 * (a day or case number beyond 32 bits) keeps its mark and is read from episode_spans. Returns how many were packed.
 */
export function packStaleSpanBlocks(sqlite: Database.Database): number {
  if (!sqlite.inTransaction) throw new Error('Span blocks are packed only inside a transaction');
  const stale = sqlite.prepare('SELECT block_no FROM span_blocks_stale ORDER BY block_no').pluck().all() as number[];
  if (stale.length === 0) return 0;
  const readBlock = sqlite.prepare(
    'SELECT case_no, start_day, end_day, level, reason FROM episode_spans WHERE span_no >= ? AND span_no < ? ORDER BY span_no',
  );
  const store = sqlite.prepare('INSERT INTO span_blocks (block_no, spans) VALUES (?, ?) ON CONFLICT (block_no) DO UPDATE SET spans = excluded.spans');
  const drop = sqlite.prepare('DELETE FROM span_blocks WHERE block_no = ?');
  const clearMark = sqlite.prepare('DELETE FROM span_blocks_stale WHERE block_no = ?');
  let count = 0;
  for (const blockNo of stale) {
    const spans = readBlock.all(blockNo * SPANS_PER_BLOCK, (blockNo + 1) * SPANS_PER_BLOCK) as StoredSpan[];
    if (!packable(spans)) {
      drop.run(blockNo);
      continue;
    }
    if (spans.length === 0) drop.run(blockNo);
    else store.run(blockNo, packSpans(spans));
    clearMark.run(blockNo);
    count += 1;
  }
  return count;
}

/**
 * Every span, block by block in span order: packed blocks decoded, and any block still marked stale read from
 * episode_spans itself. Run in one read transaction, so the blocks, the marks and the spans are of one moment.
 * `onBlock` is told the span number each block reaches.
 */
export async function visitEverySpan(db: Db, visit: SpanVisitor, onBlock?: (reached: number) => void): Promise<void> {
  const staleRows = await db.selectFrom('span_blocks_stale').select('block_no').execute();
  const stale = new Set(staleRows.map((row) => row.block_no));
  const packed = await db.selectFrom('span_blocks').select(['block_no', 'spans']).orderBy('block_no').execute();
  const blocks = [...new Set([...packed.map((row) => row.block_no), ...stale])].sort((a, b) => a - b);
  const packedByBlock = new Map(packed.map((row) => [row.block_no, row.spans]));
  for (const blockNo of blocks) {
    const spans = packedByBlock.get(blockNo);
    if (spans !== undefined && !stale.has(blockNo)) unpackSpans(spans, visit);
    else {
      for (const span of await spansOfBlock(db, blockNo).execute()) visit(span.case_no, span.start_day, span.end_day, span.level, span.reason);
    }
    onBlock?.((blockNo + 1) * SPANS_PER_BLOCK - 1);
  }
}
