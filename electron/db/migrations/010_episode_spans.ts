import type { Migration } from './types';

// The codes are written out here, never derived from the app's lists, so this migration's text never changes.
const LEVEL_CODE = (level: string): string => `CASE ${level} WHEN 'outpatient' THEN 0 WHEN 'iop' THEN 1 WHEN 'inpatient' THEN 2 END`;
const END_REASON_CODE = (reason: string): string =>
  `CASE ${reason} WHEN 'stepped-up' THEN 0 WHEN 'stepped-down' THEN 1 WHEN 'completed' THEN 2 WHEN 'transferred' THEN 3 ` +
  `WHEN 'dropped-out' THEN 4 WHEN 'administrative-discharge' THEN 5 WHEN 'incarcerated' THEN 6 WHEN 'died' THEN 7 WHEN 'other' THEN 8 END`;
// Days since 1970-01-01: unixepoch of a plain date is a whole number of days, negative before 1970.
const DAY = (date: string): string => `unixepoch(${date}) / 86400`;

/**
 * Every episode's span and key, numbered by the episodes' rowids: what the insert trigger below leaves when each was
 * inserted in rowid order into empty tables. Exported for the reference caseload's bulk load
 * (electron/repositories/referenceCaseloadWriter.ts), which derives them once instead of row by row.
 */
export const SPANS_OF_EVERY_EPISODE = `INSERT INTO episode_spans (span_no, case_no, start_day, end_day, level, reason)
      SELECT episodes.rowid, numbers.case_no, ${DAY('episodes.start_date')}, ${DAY('episodes.end_date')},
        ${LEVEL_CODE('episodes.level')}, ${END_REASON_CODE('episodes.end_reason')}
      FROM episodes JOIN case_numbers AS numbers ON numbers.case_id = episodes.case_id
      ORDER BY episodes.rowid;
    INSERT INTO episode_span_keys (episode_id, span_no) SELECT id, rowid FROM episodes ORDER BY id;`;

/**
 * The metrics report at 100,000 cases (docs/BENCHMARKS.md, item 10): reading 400,000 episodes of UUIDs and ISO
 * dates took over a second, so each episode has a compact derived copy, its span, that the report reads instead
 * (8.4 MB against 87 MB), and the report's other reads become small: the decisions in effect counted from a
 * partial index instead of the 80 MB decisions table, and the programs listed from an index instead of every case.
 */
export const migration010EpisodeSpans: Migration = {
  version: 10,
  name: 'episode spans',
  sql: `
    -- One row per episode: the case's stable number (case_numbers), start and end as day numbers (end null while
    -- open), the level (0 outpatient, 1 iop, 2 inpatient) and the end reason (0 stepped-up … 8 other, as below).
    -- Keyed by a number of its own, so the rows the report reads hold no text.
    CREATE TABLE episode_spans (
      span_no INTEGER PRIMARY KEY,
      case_no INTEGER NOT NULL,
      start_day INTEGER NOT NULL,
      end_day INTEGER,
      level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 2),
      reason INTEGER CHECK (reason BETWEEN 0 AND 8),
      CHECK ((end_day IS NULL) = (reason IS NULL))
    ) STRICT;

    -- Which span is which episode's, for the triggers below; the report never reads it.
    CREATE TABLE episode_span_keys (
      episode_id TEXT PRIMARY KEY REFERENCES episodes (id),
      span_no INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- The existing episodes' spans are numbered by the episodes' rowids, once, here: reading the episodes in table
    -- order took a third of the time of any other order at 400,000. Nothing keeps the two in step afterwards (the
    -- keys do), so a VACUUM that renumbers the episodes changes nothing.
    ${SPANS_OF_EVERY_EPISODE}

    -- Kept in the same transaction as every change of an episode, whatever path makes it. The case number comes
    -- from a scalar subquery, so an episode whose case has none fails loudly instead of going missing.
    CREATE TRIGGER episodes_spanned AFTER INSERT ON episodes BEGIN
      INSERT INTO episode_spans (case_no, start_day, end_day, level, reason) VALUES (
        (SELECT case_no FROM case_numbers WHERE case_id = NEW.case_id),
        ${DAY('NEW.start_date')}, ${DAY('NEW.end_date')}, ${LEVEL_CODE('NEW.level')}, ${END_REASON_CODE('NEW.end_reason')}
      );
      INSERT INTO episode_span_keys (episode_id, span_no) VALUES (NEW.id, last_insert_rowid());
    END;
    CREATE TRIGGER episodes_span_moved AFTER UPDATE OF case_id, level, start_date, end_date, end_reason ON episodes BEGIN
      UPDATE episode_spans SET
        case_no = (SELECT case_no FROM case_numbers WHERE case_id = NEW.case_id),
        start_day = ${DAY('NEW.start_date')},
        end_day = ${DAY('NEW.end_date')},
        level = ${LEVEL_CODE('NEW.level')},
        reason = ${END_REASON_CODE('NEW.end_reason')}
      WHERE span_no = (SELECT span_no FROM episode_span_keys WHERE episode_id = NEW.id);
    END;
    CREATE TRIGGER episodes_span_removed AFTER DELETE ON episodes BEGIN
      DELETE FROM episode_spans WHERE span_no = (SELECT span_no FROM episode_span_keys WHERE episode_id = OLD.id);
      DELETE FROM episode_span_keys WHERE episode_id = OLD.id;
    END;
    CREATE TRIGGER episodes_renumbered BEFORE UPDATE OF id ON episodes BEGIN
      SELECT RAISE(ABORT, 'An episode id never changes');
    END;

    -- Concordance and variances count only the decisions in effect, by levels and reason: this partial index holds
    -- exactly those columns of exactly those decisions, in the order they are grouped by, and their cases for the
    -- report's filters.
    CREATE INDEX decisions_in_effect ON decisions (recommended_level, chosen_level, variance_reason, effective_date, case_id)
      WHERE status = 'approved' AND superseded_by_id IS NULL;
    -- The report lists the programs found in the records, and filters by one.
    CREATE INDEX cases_by_program ON cases (program, id);

  `,
};
