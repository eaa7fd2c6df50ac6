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
      source_installation_id TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES users (id)
    ) STRICT;

    -- Every review request exported, with the decisions it carried: a sign-off must answer one of these.
    CREATE TABLE packets_sent (
      packet_id TEXT NOT NULL,
      decision_id TEXT NOT NULL REFERENCES decisions (id),
      sent_at TEXT NOT NULL,
      sent_by TEXT NOT NULL REFERENCES users (id),
      PRIMARY KEY (packet_id, decision_id)
    ) STRICT, WITHOUT ROWID;
  `,
};
