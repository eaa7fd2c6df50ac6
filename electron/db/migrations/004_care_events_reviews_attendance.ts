import type { Migration } from './types';

export const migration004CareEventsReviewsAttendance: Migration = {
  version: 4,
  name: 'care events, settings, attendance, payer authorizations, continued-stay reviews',
  sql: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value)),
      updated_at TEXT NOT NULL,
      updated_by TEXT REFERENCES users (id)
    ) STRICT;
    INSERT INTO settings (key, value, updated_at) VALUES
      ('reviewIntervals', '{"inpatient":7,"iop":30,"outpatient":90}', '2026-01-01T00:00:00.000Z');

    -- Discharges and episode corrections, with who recorded them and why; nothing here is ever updated.
    CREATE TABLE care_events (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      kind TEXT NOT NULL CHECK (kind IN ('discharge', 'readmission', 'episode-correction')),
      event_date TEXT NOT NULL CHECK (date(event_date) IS event_date),
      episode_id TEXT REFERENCES episodes (id),
      end_reason TEXT,
      reason TEXT,
      details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX care_events_by_case ON care_events (case_id, recorded_at);
    CREATE TRIGGER care_events_are_kept BEFORE UPDATE ON care_events
    BEGIN
      SELECT RAISE(ABORT, 'Care events are a record of what happened and cannot be changed.');
    END;

    CREATE TABLE attendance (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      session_date TEXT NOT NULL CHECK (date(session_date) IS session_date),
      hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attendance_by_case ON attendance (case_id, session_date);

    CREATE TABLE authorizations (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      payer TEXT NOT NULL CHECK (length(payer) BETWEEN 1 AND 80),
      level TEXT NOT NULL CHECK (level IN ('inpatient', 'iop', 'outpatient')),
      from_date TEXT NOT NULL CHECK (date(from_date) IS from_date),
      to_date TEXT NOT NULL CHECK (date(to_date) IS to_date AND to_date >= from_date),
      units INTEGER CHECK (units IS NULL OR units >= 0),
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX authorizations_by_case ON authorizations (case_id, to_date);

    -- Approved decisions: the trigger from version 3 now also keeps what they correct and when they were submitted.
    DROP TRIGGER decisions_approved_are_immutable;
    CREATE TRIGGER decisions_approved_are_immutable BEFORE UPDATE ON decisions
    WHEN OLD.status = 'approved' AND (
      NEW.status IS NOT OLD.status OR NEW.chosen_level IS NOT OLD.chosen_level OR NEW.effective_date IS NOT OLD.effective_date
      OR NEW.assessment_id IS NOT OLD.assessment_id OR NEW.variance_reason IS NOT OLD.variance_reason
      OR NEW.variance_text IS NOT OLD.variance_text OR NEW.author_id IS NOT OLD.author_id
      OR NEW.reviewer_id IS NOT OLD.reviewer_id OR NEW.review_comment IS NOT OLD.review_comment
      OR NEW.recommended_level IS NOT OLD.recommended_level OR NEW.case_id IS NOT OLD.case_id
      OR NEW.supersedes_id IS NOT OLD.supersedes_id OR NEW.submitted_at IS NOT OLD.submitted_at
      OR NEW.reviewed_at IS NOT OLD.reviewed_at OR NEW.ruleset_version IS NOT OLD.ruleset_version
      OR NEW.created_at IS NOT OLD.created_at)
    BEGIN
      SELECT RAISE(ABORT, 'An approved decision cannot be changed; record a correcting decision instead.');
    END;

    -- The next continued-stay review: episode start or last review, plus the level's interval.
    ALTER TABLE cases ADD COLUMN last_review_on TEXT;
    ALTER TABLE cases ADD COLUMN next_review_due TEXT;
    CREATE INDEX cases_by_next_review ON cases (next_review_due, full_name COLLATE NOCASE, id);
  `,
};
