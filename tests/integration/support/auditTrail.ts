import { expect } from 'vitest';
import type { AuditRow } from '../../../electron/audit/auditChain';
import type { Clock } from '../../../electron/services/context';
import { toIsoDate } from '../../../shared/domain/dates';
import { TEST_NOW, type TestCore } from '../../support/testCore';

/** A clock the test moves forward, shared by the core's services, its session and the registry. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(start: Date = TEST_NOW): MovableClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    today: () => toIsoDate(new Date(now)),
    advance: (ms) => {
      now += ms;
    },
  };
}

export const MINUTE = 60_000;

/** The raw audit table, oldest first, read through the test's own connection. */
export function auditRows(core: TestCore): AuditRow[] {
  return core.database.sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').all() as AuditRow[];
}

export function lastAuditRow(core: TestCore): AuditRow {
  const row = auditRows(core).at(-1);
  if (!row) throw new Error('the audit log is empty');
  return row;
}

export function detailsOf(row: AuditRow): Record<string, unknown> {
  return JSON.parse(row.details) as Record<string, unknown>;
}

/** What someone with the database key and a SQLite shell can do: remove the append-only triggers. */
export function dropAuditTriggers(core: TestCore): void {
  core.database.sqlite.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
}

/** Every record table except the audit log, to show that a refused call changed nothing. */
export function recordsSnapshot(core: TestCore): Record<string, unknown[]> {
  const sqlite = core.database.sqlite;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_events' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all()]));
}

/** The key file's copy of the log's length and last hash equals the log itself. */
export function expectKeyFileHeadToFollowLog(core: TestCore): void {
  const last = auditRows(core).at(-1);
  expect(core.vault.keyring()?.audit).toEqual({ count: last?.seq ?? 0, head: last?.hash });
}
