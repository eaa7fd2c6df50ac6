import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, appendAuditEvents, verifyAuditLog, type AuditEvent } from '../../../electron/audit/auditLog';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import type { StepwiseSchema } from '../../../electron/db/schema';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { fixedClock } from '../../../electron/services/context';
import { recordExport } from '../../../electron/services/disclosuresService';
import { sequentialIds } from '../../support/testCore';

const open: Kysely<StepwiseSchema>[] = [];

function migrated(): { sqlite: Database.Database; db: Kysely<StepwiseSchema> } {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, STEPWISE_APPLICATION_ID, MIGRATIONS);
  const db = new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  open.push(db);
  return { sqlite, db };
}

afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

const events = (count: number, from = 0): AuditEvent[] =>
  Array.from({ length: count }, (_unused, index) => ({
    at: `2026-11-29T12:00:${String((from + index) % 60).padStart(2, '0')}.000Z`,
    userId: 'user-1',
    username: 'sam',
    action: 'disclosure-recorded',
    recordType: 'disclosure',
    recordId: `disclosure-${from + index}`,
    details: { caseId: `case-${from + index}`, kind: 'cases' },
  }));

const rowsOf = (sqlite: Database.Database) => sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').all();

describe('appending many audit events at once', () => {
  it('leaves exactly the rows one-by-one appends leave, chained on from what was there, across statements', async () => {
    const oneByOne = migrated();
    const together = migrated();
    for (const event of events(3)) await appendAuditEvent(oneByOne.db, event);
    for (const event of events(3)) await appendAuditEvent(together.db, event);
    // 450 events: more than two statements' worth of rows.
    for (const event of events(450, 3)) await appendAuditEvent(oneByOne.db, event);
    await appendAuditEvents(together.db, events(450, 3));
    expect(rowsOf(together.sqlite)).toEqual(rowsOf(oneByOne.sqlite));
    expect(rowsOf(together.sqlite)).toHaveLength(453);
    expect(await verifyAuditLog(together.db, undefined)).toMatchObject({ intact: true, events: 453 });
  });

  it('starts the chain on an empty log, and writes nothing for no events', async () => {
    const { sqlite, db } = migrated();
    await appendAuditEvents(db, []);
    expect(rowsOf(sqlite)).toEqual([]);
    await appendAuditEvents(db, events(2));
    expect(await verifyAuditLog(db, undefined)).toMatchObject({ intact: true, events: 2 });
  });
});

describe('a file of a few thousand cases leaving the clinic', () => {
  it('records one disclosure and one audit event per case, in the cases’ order, and the log verifies', async () => {
    const { sqlite, db } = migrated();
    writeReferenceCaseload(sqlite, { seed: 2026, cases: 2500, today: '2026-11-29' });
    const caseIds = sqlite.prepare('SELECT id FROM cases ORDER BY mrn').pluck().all() as string[];
    const supervisor = sqlite
      .prepare("SELECT u.id, u.username FROM users AS u JOIN user_roles AS r ON r.user_id = u.id WHERE r.role = 'supervisor' LIMIT 1")
      .get() as {
      id: string;
      username: string;
    };
    const ctx = {
      db,
      clock: fixedClock(new Date('2026-11-29T12:00:00.000Z')),
      newId: sequentialIds('disclosure'),
      passwords: { hash: async () => '', verify: async () => false },
      actor: { id: supervisor.id, username: supervisor.username, displayName: 'Sup', roles: ['supervisor' as const], mustChangePassword: false },
    };
    const disclosure = { recipient: 'State agency', purpose: 'Annual reporting', consentReference: 'C-2026-1' };
    await recordExport(ctx, { kind: 'cases-csv', caseIds, disclosure }, 'csv', caseIds.length);
    const disclosed = sqlite.prepare('SELECT id, case_id FROM disclosures ORDER BY rowid').all() as { id: string; case_id: string }[];
    expect(disclosed.map((row) => row.case_id)).toEqual(caseIds);
    const audited = sqlite.prepare("SELECT record_id, details FROM audit_events WHERE action = 'disclosure-recorded' ORDER BY seq").all() as {
      record_id: string;
      details: string;
    }[];
    expect(audited.map((row) => row.record_id)).toEqual(disclosed.map((row) => row.id));
    expect(audited.map((row) => (JSON.parse(row.details) as { caseId: string }).caseId)).toEqual(caseIds);
    expect(await verifyAuditLog(db, undefined)).toMatchObject({ intact: true, events: caseIds.length + 1 });
  });
});
