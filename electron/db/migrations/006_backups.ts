import type { Migration } from './types';

export const migration006Backups: Migration = {
  version: 6,
  name: 'backups',
  sql: `
    -- Empty in the database itself. A backup copy gets one row, written before it is verified: when and by which
    -- version it was made and how many rows each table held, so a backup describes itself from its own encrypted
    -- contents and a sidecar file is never needed to list, check or restore it.
    CREATE TABLE backup_info (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      created_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('manual', 'automatic', 'before-restore')),
      app_version TEXT NOT NULL CHECK (length(app_version) BETWEEN 1 AND 64),
      schema_version INTEGER NOT NULL,
      row_counts TEXT NOT NULL CHECK (json_valid(row_counts)),
      made_by TEXT
    ) STRICT;

    INSERT INTO settings (key, value, updated_at) VALUES ('backupsToKeep', '7', '2026-01-01T00:00:00.000Z');
  `,
};
