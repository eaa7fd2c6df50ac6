import type { Migration } from './types';

const LEVEL_CHECK = "IN ('inpatient', 'iop', 'outpatient')";
const DECISION_STATUSES = "('draft', 'submitted', 'approved', 'returned', 'withdrawn')";

export const migration003UsersEpisodesDecisions: Migration = {
  version: 3,
  name: 'users, episodes and placement decisions',
  sql: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
      display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
      password_hash TEXT,
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
      failed_sign_ins INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX users_username_unique ON users (username COLLATE NOCASE);

    CREATE TABLE user_roles (
      user_id TEXT NOT NULL REFERENCES users (id),
      role TEXT NOT NULL CHECK (role IN ('clinician', 'supervisor', 'admin')),
      PRIMARY KEY (user_id, role)
    ) STRICT, WITHOUT ROWID;

    -- Derived columns kept in step with episodes, assessments and decisions in the same transaction.
    ALTER TABLE cases ADD COLUMN clinician_id TEXT REFERENCES users (id);
    ALTER TABLE cases ADD COLUMN payer TEXT;
    ALTER TABLE cases ADD COLUMN level_since TEXT;
    ALTER TABLE cases ADD COLUMN recommended_level TEXT CHECK (recommended_level ${LEVEL_CHECK});
    ALTER TABLE cases ADD COLUMN latest_assessment_id TEXT;
    ALTER TABLE cases ADD COLUMN decision_status TEXT CHECK (decision_status IN ${DECISION_STATUSES});
    ALTER TABLE cases ADD COLUMN planned_level TEXT CHECK (planned_level ${LEVEL_CHECK});
    ALTER TABLE cases ADD COLUMN planned_on TEXT;
    ALTER TABLE cases ADD COLUMN mismatch INTEGER GENERATED ALWAYS AS (
      CASE WHEN level IS NOT NULL AND recommended_level IS NOT NULL AND level <> recommended_level THEN 1 ELSE 0 END
    ) VIRTUAL;
    CREATE INDEX cases_by_clinician_name ON cases (clinician_id, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_mismatch ON cases (mismatch, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_decision_status ON cases (decision_status, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_mrn ON cases (mrn COLLATE NOCASE);

    ALTER TABLE assessments ADD COLUMN assessor_id TEXT REFERENCES users (id);
    ALTER TABLE assessments ADD COLUMN note TEXT;
    ALTER TABLE assessments ADD COLUMN amends_id TEXT REFERENCES assessments (id);

    CREATE TABLE decisions (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      assessment_id TEXT NOT NULL REFERENCES assessments (id),
      recommended_level TEXT CHECK (recommended_level ${LEVEL_CHECK}),
      ruleset_version TEXT NOT NULL,
      chosen_level TEXT NOT NULL CHECK (chosen_level ${LEVEL_CHECK}),
      effective_date TEXT NOT NULL CHECK (date(effective_date) IS effective_date),
      status TEXT NOT NULL CHECK (status IN ${DECISION_STATUSES}),
      variance_reason TEXT CHECK (variance_reason IN ('patient-preference', 'payer-authorization', 'no-bed-or-slot',
        'clinical-judgement', 'legal-mandate', 'incomplete-assessment', 'other')),
      variance_text TEXT,
      author_id TEXT NOT NULL REFERENCES users (id),
      reviewer_id TEXT REFERENCES users (id),
      review_comment TEXT,
      supersedes_id TEXT REFERENCES decisions (id),
      superseded_by_id TEXT REFERENCES decisions (id),
      applied_at TEXT,
      apply_problem TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      submitted_at TEXT,
      reviewed_at TEXT,
      CHECK (reviewer_id IS NULL OR reviewer_id <> author_id)
    ) STRICT;
    CREATE INDEX decisions_queue ON decisions (status, submitted_at, id);
    CREATE INDEX decisions_by_case ON decisions (case_id, created_at, id);
    CREATE INDEX decisions_by_author ON decisions (author_id, status);

    -- An approved decision is a record of what happened: only its bookkeeping columns may change.
    CREATE TRIGGER decisions_approved_are_immutable BEFORE UPDATE ON decisions
    WHEN OLD.status = 'approved' AND (
      NEW.status IS NOT OLD.status OR NEW.chosen_level IS NOT OLD.chosen_level OR NEW.effective_date IS NOT OLD.effective_date
      OR NEW.assessment_id IS NOT OLD.assessment_id OR NEW.variance_reason IS NOT OLD.variance_reason
      OR NEW.variance_text IS NOT OLD.variance_text OR NEW.author_id IS NOT OLD.author_id
      OR NEW.reviewer_id IS NOT OLD.reviewer_id OR NEW.review_comment IS NOT OLD.review_comment
      OR NEW.recommended_level IS NOT OLD.recommended_level OR NEW.case_id IS NOT OLD.case_id)
    BEGIN
      SELECT RAISE(ABORT, 'An approved decision cannot be changed; record a correcting decision instead.');
    END;
    CREATE TRIGGER decisions_approved_are_kept BEFORE DELETE ON decisions WHEN OLD.status = 'approved'
    BEGIN
      SELECT RAISE(ABORT, 'An approved decision cannot be deleted.');
    END;

    CREATE TABLE decision_reviews (
      id TEXT PRIMARY KEY,
      decision_id TEXT NOT NULL REFERENCES decisions (id),
      reviewer_id TEXT NOT NULL REFERENCES users (id),
      outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'returned')),
      comment TEXT,
      reviewed_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX decision_reviews_by_decision ON decision_reviews (decision_id, reviewed_at);

    CREATE TABLE episodes (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      level TEXT NOT NULL CHECK (level ${LEVEL_CHECK}),
      start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
      end_date TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
      end_reason TEXT CHECK (end_reason IN ('stepped-up', 'stepped-down', 'completed', 'transferred', 'dropped-out',
        'administrative-discharge', 'incarcerated', 'died', 'other')),
      opened_by_decision_id TEXT REFERENCES decisions (id),
      -- The episode this one replaced in a transition, so a correction knows which boundary it moves.
      follows_episode_id TEXT REFERENCES episodes (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((end_date IS NULL) = (end_reason IS NULL))
    ) STRICT;
    -- At most one open episode per case, whatever the code above does.
    CREATE UNIQUE INDEX episodes_one_open_per_case ON episodes (case_id) WHERE end_date IS NULL;
    CREATE INDEX episodes_by_case ON episodes (case_id, start_date, id);

    -- Earlier versions kept only a current level on the case: it becomes an open episode.
    INSERT INTO episodes (id, case_id, level, start_date, created_at, updated_at)
      SELECT 'episode-' || id, id, level, substr(created_at, 1, 10), created_at, created_at FROM cases WHERE level IS NOT NULL;
    UPDATE cases SET level_since = substr(created_at, 1, 10) WHERE level IS NOT NULL;
    UPDATE cases SET
      latest_assessment_id = (SELECT a.id FROM assessments a WHERE a.case_id = cases.id ORDER BY a.assessed_on DESC, a.created_at DESC, a.id DESC LIMIT 1),
      recommended_level = (SELECT a.recommended_level FROM assessments a WHERE a.case_id = cases.id ORDER BY a.assessed_on DESC, a.created_at DESC, a.id DESC LIMIT 1);
  `,
};
