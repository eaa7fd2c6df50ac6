import type { Migration } from './types';

/** The blocks every existing span falls in, marked for packing: what the triggers below leave for spans added one by one. */
export const STALE_BLOCKS_OF_EVERY_SPAN = `INSERT OR IGNORE INTO span_blocks_stale (block_no) SELECT DISTINCT span_no >> 10 FROM episode_spans;`;

/**
 * The metrics report at 100,000 cases (docs/BENCHMARKS.md): handing 400,000 span rows to JavaScript one by one took
 * most of its time, so the spans are also kept packed, 1,024 to a block (span numbers 1,024·n to 1,024·n + 1,023), as
 * a few hundred blobs the report decodes itself (electron/repositories/spanBlocks.ts). SQL cannot pack them, so the
 * triggers only mark a changed span's block stale; the app packs stale blocks at the end of its write transactions
 * and when it opens the database, and the report reads a block still marked stale from episode_spans instead, so a
 * block is never read out of date whichever path changed it.
 */
export const migration014SpanBlocks: Migration = {
  version: 14,
  name: 'span blocks',
  sql: `
    -- Each span as 14 bytes, in span order: case number, start day, end day (-2147483648 while open), level, reason
    -- (255 while open); little-endian. A block with no spans left has no row.
    CREATE TABLE span_blocks (
      block_no INTEGER PRIMARY KEY,
      spans BLOB NOT NULL
    ) STRICT;

    CREATE TABLE span_blocks_stale (
      block_no INTEGER PRIMARY KEY
    ) STRICT;

    ${STALE_BLOCKS_OF_EVERY_SPAN}

    CREATE TRIGGER episode_spans_added AFTER INSERT ON episode_spans BEGIN
      INSERT OR IGNORE INTO span_blocks_stale (block_no) VALUES (NEW.span_no >> 10);
    END;
    CREATE TRIGGER episode_spans_changed AFTER UPDATE ON episode_spans BEGIN
      INSERT OR IGNORE INTO span_blocks_stale (block_no) VALUES (OLD.span_no >> 10), (NEW.span_no >> 10);
    END;
    CREATE TRIGGER episode_spans_dropped AFTER DELETE ON episode_spans BEGIN
      INSERT OR IGNORE INTO span_blocks_stale (block_no) VALUES (OLD.span_no >> 10);
    END;
  `,
};
