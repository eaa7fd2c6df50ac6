import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS, type Migration } from '../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../electron/db/openDatabase';
import { writeReferenceCaseload } from '../../electron/repositories/referenceCaseloadWriter';
import type { Level } from '../../shared/domain/levels';

/**
 * An in-memory database holding the reference caseload written under the migrations before `version`, then
 * migrated the rest of the way: what a clinic's records go through when an upgrade adds a derived table.
 */
export function referenceDatabaseUpgradedTo(version: number, cases: number, today: string): Database.Database {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const before: readonly Migration[] = MIGRATIONS.filter((migration) => migration.version < version);
  migrate(sqlite, STEPWISE_APPLICATION_ID, before);
  writeReferenceCaseload(sqlite, { seed: 2026, cases, today });
  migrate(sqlite, STEPWISE_APPLICATION_ID);
  return sqlite;
}

export interface EpisodeRow {
  readonly id: string;
  readonly caseId: string;
  readonly level: Level;
  readonly startDate: string;
}

/** An open episode written straight into its table, so only the database's own triggers act on it, not a service. */
export function insertOpenEpisodeRow(sqlite: Database.Database, episode: EpisodeRow): void {
  const recorded = `${episode.startDate}T12:00:00.000Z`;
  sqlite
    .prepare(
      `INSERT INTO episodes (id, case_id, level, start_date, end_date, end_reason, opened_by_decision_id, follows_episode_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`,
    )
    .run(episode.id, episode.caseId, episode.level, episode.startDate, recorded, recorded);
}
