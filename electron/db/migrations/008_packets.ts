import type { Migration } from './types';

export const migration008Packets: Migration = {
  version: 8,
  name: 'review packets',
  sql: `
    -- A user who came in a review packet (docs/PACKETS.md): a decision author or assessor of another installation,
    -- kept under the same stable id so "nobody reviews their own decision" holds across installations. A remote
    -- user has no password and is never active, so they cannot sign in here.
    ALTER TABLE users ADD COLUMN remote_installation_id TEXT CHECK (
      remote_installation_id IS NULL OR (length(remote_installation_id) BETWEEN 1 AND 64 AND password_hash IS NULL AND active = 0)
    );

    -- Every packet imported, by its packet id: importing the same packet twice changes nothing (replay protection).
    CREATE TABLE packets_seen (
      packet_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('review-request', 'sign-off')),
      -- For a sign-off: the review request (sent from here) it answers.
      in_reply_to TEXT CHECK ((kind = 'sign-off') = (in_reply_to IS NOT NULL)),
      source_installation_id TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES users (id)
    ) STRICT;

    -- Every packet exported, one row per decision it carried: a sign-off must answer a review request sent from
    -- here, and name only its decisions; a supervisor's sign-offs answer requests received here (in_reply_to).
    CREATE TABLE packets_sent (
      packet_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('review-request', 'sign-off')),
      in_reply_to TEXT CHECK ((kind = 'sign-off') = (in_reply_to IS NOT NULL)),
      decision_id TEXT NOT NULL REFERENCES decisions (id),
      sent_at TEXT NOT NULL,
      sent_by TEXT NOT NULL REFERENCES users (id),
      PRIMARY KEY (packet_id, decision_id)
    ) STRICT, WITHOUT ROWID;

    -- The decisions a review request brought here, each with its fingerprint as it arrived: the sign-off quotes it.
    CREATE TABLE packets_received (
      packet_id TEXT NOT NULL REFERENCES packets_seen (packet_id),
      decision_id TEXT NOT NULL REFERENCES decisions (id),
      fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
      PRIMARY KEY (packet_id, decision_id)
    ) STRICT, WITHOUT ROWID;

    -- A sign-off outcome that could not be applied because the decision changed here after it was sent (withdrawn,
    -- reviewed here, edited and resubmitted, its assessment amended). Never applied silently: it waits here until
    -- someone resolves it explicitly, and who did and how is kept.
    CREATE TABLE packet_conflicts (
      id TEXT PRIMARY KEY,
      packet_id TEXT NOT NULL REFERENCES packets_seen (packet_id),
      decision_id TEXT NOT NULL REFERENCES decisions (id),
      outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'returned')),
      comment TEXT,
      reviewer_id TEXT NOT NULL REFERENCES users (id),
      reviewed_at TEXT NOT NULL,
      reason TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      resolution TEXT CHECK (resolution IN ('kept-local', 'returned')),
      resolved_at TEXT,
      resolved_by TEXT REFERENCES users (id),
      CHECK ((resolution IS NULL) = (resolved_at IS NULL) AND (resolution IS NULL) = (resolved_by IS NULL)),
      UNIQUE (packet_id, decision_id)
    ) STRICT;
    CREATE INDEX packet_conflicts_open ON packet_conflicts (resolved_at, detected_at);
  `,
};
