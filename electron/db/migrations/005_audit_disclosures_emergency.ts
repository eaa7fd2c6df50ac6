import type { Migration } from './types';

export const migration005AuditDisclosuresEmergency: Migration = {
  version: 5,
  name: 'audit log, disclosures, emergency access',
  sql: `
    -- Who did what, when, to which record: ids only, never the record's contents. Append-only and hash-chained.
    CREATE TABLE audit_events (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id TEXT,
      username TEXT,
      action TEXT NOT NULL,
      record_type TEXT,
      record_id TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
      prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
      hash TEXT NOT NULL CHECK (length(hash) = 64)
    ) STRICT;
    CREATE INDEX audit_by_time ON audit_events (at, seq);
    CREATE INDEX audit_by_user ON audit_events (user_id, seq);
    CREATE INDEX audit_by_record ON audit_events (record_id, seq);
    CREATE INDEX audit_by_action ON audit_events (action, seq);
    CREATE INDEX audit_by_case ON audit_events (json_extract(details, '$.caseId'), seq);
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN
      SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be changed.');
    END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN
      SELECT RAISE(ABORT, 'The audit log is append-only: its rows cannot be deleted.');
    END;

    -- Why a clinician opened another clinician's case (the reason is kept here, in the encrypted records).
    CREATE TABLE emergency_access (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id),
      user_id TEXT NOT NULL REFERENCES users (id),
      -- The access holds for this sign-in session only: a random id the main process gives each session.
      session_id TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      granted_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX emergency_access_by_case ON emergency_access (case_id, granted_at);
    CREATE INDEX emergency_access_by_session ON emergency_access (user_id, session_id, case_id);

    -- 42 CFR Part 2 accounting of disclosures: what left the clinic, to whom, why, on what consent.
    CREATE TABLE disclosures (
      id TEXT PRIMARY KEY,
      case_id TEXT REFERENCES cases (id),
      recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
      purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
      consent_reference TEXT NOT NULL CHECK (length(consent_reference) BETWEEN 1 AND 120),
      content TEXT NOT NULL,
      disclosed_by TEXT NOT NULL REFERENCES users (id),
      disclosed_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX disclosures_by_case ON disclosures (case_id, disclosed_at);
    CREATE TRIGGER disclosures_are_kept BEFORE UPDATE ON disclosures
    BEGIN
      SELECT RAISE(ABORT, 'A recorded disclosure cannot be changed.');
    END;
    CREATE TRIGGER disclosures_not_deleted BEFORE DELETE ON disclosures
    BEGIN
      SELECT RAISE(ABORT, 'A recorded disclosure cannot be deleted.');
    END;

    INSERT INTO settings (key, value, updated_at) VALUES ('autoLockMinutes', '10', '2026-01-01T00:00:00.000Z');
  `,
};
