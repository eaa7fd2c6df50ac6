import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly user_id: string | null;
  readonly username: string | null;
  readonly action: string;
  readonly record_type: string | null;
  readonly record_id: string | null;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly details: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** SHA-256 over every field of the row and the previous row's hash: changing anything breaks the chain from there on. */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.record_type,
    row.record_id,
    row.outcome,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainVerdict =
  | { readonly intact: true; readonly events: number }
  | { readonly intact: false; readonly events: number; readonly firstBrokenRow: number; readonly problem: string };

/**
 * Walks the rows in order and names the first that does not fit: a gap in the numbering (a deleted row), a
 * previous-hash that is not the last row's hash, or a hash that does not match the row's content (an edited
 * row). The head recorded outside the database catches rows deleted from the end.
 */
export async function verifyChain(
  rows: Iterable<AuditRow> | AsyncIterable<AuditRow>,
  recordedHead: { readonly count: number; readonly head: string } | undefined,
): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let previous = GENESIS_HASH;
  let count = 0;
  for await (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { intact: false, events: count, firstBrokenRow: expectedSeq, problem: `Row ${expectedSeq} is missing (the next row is ${row.seq}).` };
    }
    if (row.prev_hash !== previous) {
      return { intact: false, events: count, firstBrokenRow: row.seq, problem: `Row ${row.seq} does not link to the row before it.` };
    }
    if (auditHash(row) !== row.hash) {
      return { intact: false, events: count, firstBrokenRow: row.seq, problem: `Row ${row.seq} was changed after it was written.` };
    }
    if (recordedHead && row.seq === recordedHead.count && row.hash !== recordedHead.head) {
      return {
        intact: false,
        events: count,
        firstBrokenRow: row.seq,
        problem: `Row ${row.seq} does not match the last hash recorded outside the log.`,
      };
    }
    previous = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  if (recordedHead && recordedHead.count > count) {
    return {
      intact: false,
      events: count,
      firstBrokenRow: count + 1,
      problem: `The log ends at row ${count}, but ${recordedHead.count} rows were recorded: rows ${count + 1} to ${recordedHead.count} were deleted.`,
    };
  }
  return { intact: true, events: count };
}
