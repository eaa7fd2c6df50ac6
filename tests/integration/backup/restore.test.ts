import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../../shared/contract/audit';
import type { AuthStatus } from '../../../shared/contract/auth';
import type { RestoreOutcome } from '../../../shared/contract/backups';
import type { CaseSummary } from '../../../shared/contract/cases';
import { verifyBackupFile } from '../../../electron/backup/backupContents';
import { replaceDatabase, RESTORING_SUFFIX } from '../../../electron/backup/replaceDatabase';
import { FLAG_SPANS_ANALYZED_KEY } from '../../../electron/db/plannerStatistics';
import { toIsoDate } from '../../../shared/domain/dates';
import { notePendingRestore } from '../../../electron/services/interruptedRestore';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { detailsOf, lastAuditRow, recordsSnapshot } from '../support/auditTrail';
import { asAdmin, backUp, backupFilesHolding, backupPath, inspect, listBackups } from '../support/backupFixture';
import { addClinicUsers, prepareCase } from '../support/caseFixture';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir('stepwise-backup-');
  core = await createTestCore(temp.dir);
  await addClinicUsers(core);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const restore = (name: string) => asAdmin<RestoreOutcome>(core, 'backups.restore', { name, confirmed: true });

describe('backing up and restoring through the registry', () => {
  it('round-trips: the records changed after a backup go back to exactly what the backup held, with a safety copy and an intact audit log', async () => {
    const first = await prepareCase(core, 'dana', { fullName: 'Avery Quintero', mrn: 'RT-1' });
    await prepareCase(core, 'lee', { fullName: 'Blake Ortiz', mrn: 'RT-2' });
    const made = await backUp(core);
    expect(made).toMatchObject({ kind: 'manual', restorable: true, problem: null, counts: { cases: 2, assessments: 2, episodes: 2, decisions: 0 } });
    const atBackup = recordsSnapshot(core);

    // Work after the backup: a new case and a renamed one.
    await core.signInAs('dana', ['clinician']);
    expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'RT-3', fullName: 'Casey Lindqvist' })));
    expectOk(
      await core.registry.invoke('cases.update', { caseId: first.caseId, mrn: 'RT-1', fullName: 'Avery Q. Renamed', dateOfBirth: first.dateOfBirth }),
    );
    expect(recordsSnapshot(core)).not.toEqual(atBackup);

    const details = await inspect(core, made.name);
    expect(details).toMatchObject({ name: made.name, appVersion: '0.0.0-test', counts: { cases: 2 }, restorable: true, madeBy: 'root' });
    const outcome = await restore(made.name);
    expect(outcome).toMatchObject({ restoredFrom: made.name, stillSignedIn: true });

    expect(recordsSnapshot(core)).toEqual(atBackup);
    expect(core.session.user?.username).toBe('root');
    expect(fs.existsSync(`${core.vault.databaseFile}${RESTORING_SUFFIX}`)).toBe(false);
    const verdict = expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}));
    expect(verdict).toMatchObject({ intact: true });
    const restored = core.database.sqlite.prepare("SELECT * FROM audit_events WHERE action = 'restore'").get() as Parameters<typeof detailsOf>[0];
    expect(restored).toMatchObject({ user_id: 'user-root', record_type: 'backup', record_id: made.name, outcome: 'ok' });
    expect(detailsOf(restored)).toMatchObject({ safetyCopy: outcome.safetyCopy });

    // The safety copy holds the records as they were just before the restore, and is verified like any backup.
    const list = await listBackups(core);
    expect(list.backups.map((backup) => [backup.name, backup.kind])).toEqual([
      [outcome.safetyCopy, 'before-restore'],
      [made.name, 'manual'],
    ]);
    expect((await inspect(core, outcome.safetyCopy)).counts).toMatchObject({ cases: 3 });
    expect(backupFilesHolding(temp.dir, 'Casey Lindqvist')).toEqual([]);
  });

  it('restores a backup made before the weekly statistics day was kept (an older version), and keeps the day once reopened', async () => {
    await prepareCase(core, 'dana', { fullName: 'Avery Quintero', mrn: 'RT-1' });
    const analyzedOn = (): unknown =>
      core.database.sqlite.prepare(`SELECT value ->> '$' FROM settings WHERE key = ?`).pluck().get(FLAG_SPANS_ANALYZED_KEY);
    core.database.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(FLAG_SPANS_ANALYZED_KEY);
    const made = await backUp(core);
    const before = toIsoDate(new Date());
    expect(await restore(made.name)).toMatchObject({ restoredFrom: made.name, stillSignedIn: true });
    expect([before, toIsoDate(new Date())]).toContain(analyzedOn());
    expect(core.database.sqlite.prepare('SELECT full_name FROM cases').pluck().all()).toEqual(['Avery Quintero']);
  });

  it('records each backup in the audit log, with its kind and no patient data', async () => {
    await prepareCase(core, 'dana');
    const made = await backUp(core);
    const row = lastAuditRow(core);
    expect(row).toMatchObject({ action: 'backup', user_id: 'user-root', record_type: 'backup', record_id: made.name, outcome: 'ok' });
    expect(detailsOf(row)).toEqual({ kind: 'manual', name: made.name, cases: 1, pruned: 0 });
  });

  it('keeps the session consistent: an administrator missing from the restored records is signed out', async () => {
    const made = await backUp(core);
    await core.addUser('newadmin', ['admin'], 'Nova Admin');
    await core.signInAs('newadmin', ['admin']);
    const outcome = expectOk<RestoreOutcome>(await core.registry.invoke('backups.restore', { name: made.name, confirmed: true }));
    expect(outcome.stillSignedIn).toBe(false);
    expect(core.session.user).toBeNull();
    expect(expectOk<AuthStatus>(await core.registry.invoke('auth.status', {})).user).toBeNull();
    // The restore itself and the sign-out are both in the restored database's log.
    expect(core.database.sqlite.prepare("SELECT action, user_id FROM audit_events WHERE user_id = 'user-newadmin'").all()).toEqual([
      { action: 'restore', user_id: 'user-newadmin' },
      { action: 'sign-out', user_id: 'user-newadmin' },
    ]);
  });

  it('asks for confirmation in the call itself, and names the backup it cannot find', async () => {
    const made = await backUp(core);
    await core.signInAs('root', ['admin']);
    expect(await core.registry.invoke('backups.restore', { name: made.name })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^Confirm that the current records should be replaced/) as unknown },
    });
    expect(await core.registry.invoke('backups.restore', { name: made.name, confirmed: false })).toMatchObject({ ok: false });
    const missing = 'stepwise-2020-01-01T000000Z-manual.db';
    expect(await core.registry.invoke('backups.inspect', { name: missing })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `The backup ${missing} is not in the backups folder any more.` },
    });
    for (const name of ['../stepwise.db', 'stepwise.db', '/etc/passwd', `${made.name}.partial`, 'stepwise-2026-11-29T100000Z-other.db']) {
      expect(await core.registry.invoke('backups.inspect', { name })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: [{ path: 'name', message: 'This is not the name of a Stepwise backup.' }] },
      });
    }
    expect((await listBackups(core)).backups).toHaveLength(1);
  });

  it('refuses backups and restores to everyone but administrators, and records the attempt', async () => {
    const made = await backUp(core);
    for (const [username, roles] of [
      ['dana', ['clinician']],
      ['sam', ['supervisor']],
    ] as const) {
      await core.signInAs(username, roles);
      for (const [channel, input] of [
        ['backups.list', {}],
        ['backups.create', {}],
        ['backups.inspect', { name: made.name }],
        ['backups.restore', { name: made.name, confirmed: true }],
      ] as const) {
        expect(await core.registry.invoke(channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(lastAuditRow(core)).toMatchObject({ action: 'access-denied', user_id: `user-${username}`, record_id: channel, outcome: 'denied' });
      }
    }
    expect((await listBackups(core)).backups.map((backup) => backup.name)).toEqual([made.name]);
  });

  it('writes backups owner-only in an owner-only folder, encrypted: no byte holds a patient name or MRN', async () => {
    const fixture = await prepareCase(core, 'dana', { fullName: 'Zebediah Quenneville', mrn: 'SECRET-77341' });
    const made = await backUp(core);
    await restore(made.name);
    if (process.platform !== 'win32') {
      expect(fs.statSync(`${temp.dir}/backups`).mode & 0o777).toBe(0o700);
      for (const backup of (await listBackups(core)).backups) expect(fs.statSync(`${temp.dir}/backups/${backup.name}`).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(`${temp.dir}/backups`)).toHaveLength(2);
    expect(backupFilesHolding(temp.dir, fixture.fullName)).toEqual([]);
    expect(backupFilesHolding(temp.dir, fixture.mrn)).toEqual([]);
    expect(backupFilesHolding(temp.dir, 'SQLite format 3')).toEqual([]);
  });
});

describe('a restore cut short between the swap and its audit event', () => {
  it('is linked in the audit log at the next sign-in, so the log verifies', async () => {
    await prepareCase(core, 'dana');
    const made = await backUp(core);
    await prepareCase(core, 'lee');
    // What restoreBackup does up to the crash: the note, then the swap; the restore event is never written.
    const file = backupPath(core, made.name);
    const contents = verifyBackupFile(file, core.vault.dataKey());
    notePendingRestore(temp.dir, {
      at: '2026-11-29T10:30:00.000Z',
      userId: 'user-root',
      username: 'root',
      backupName: made.name,
      safetyCopy: 'stepwise-2026-11-29T100000Z-before-restore.db',
      restoredLog: contents.auditHead,
    });
    replaceDatabase(core.vault, file, contents);
    core.close();

    core = await createTestCore(temp.dir);
    expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
    const restoreEvent = core.database.sqlite.prepare("SELECT * FROM audit_events WHERE action = 'restore'").get() as Parameters<typeof detailsOf>[0];
    expect(restoreEvent).toMatchObject({ user_id: 'user-root', record_id: made.name, at: '2026-11-29T10:30:00.000Z' });
    expect(restoreEvent.seq).toBe(contents.auditHead.count + 1);
    expect(expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}))).toMatchObject({ intact: true });
    expect(fs.readdirSync(`${temp.dir}/backups`)).not.toContain('restore-pending.json');
  });

  it('writes nothing when the swap never happened', async () => {
    const made = await backUp(core);
    const contents = verifyBackupFile(backupPath(core, made.name), core.vault.dataKey());
    notePendingRestore(temp.dir, {
      at: 'x',
      userId: 'user-root',
      username: 'root',
      backupName: made.name,
      safetyCopy: 'y',
      restoredLog: contents.auditHead,
    });
    core.close();
    core = await createTestCore(temp.dir);
    expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
    expect(core.database.sqlite.prepare("SELECT count(*) FROM audit_events WHERE action = 'restore'").pluck().get()).toBe(0);
    expect(fs.readdirSync(`${temp.dir}/backups`)).not.toContain('restore-pending.json');
  });
});

describe('restoring on another computer', () => {
  it('needs only a backup and a copy of the key file: put in an empty data folder, they open with a password from that key file', async () => {
    const fixture = await prepareCase(core, 'dana', { fullName: 'Morgan Elsewhere', mrn: 'NEW-1' });
    const made = await backUp(core);
    const other = makeTempDir('stepwise-other-computer-');
    try {
      fs.copyFileSync(core.vault.keyringFile, `${other.dir}/stepwise.keys.json`);
      fs.copyFileSync(backupPath(core, made.name), `${other.dir}/stepwise.db`);
      const elsewhere = await createTestCore(other.dir);
      try {
        expectOk(await elsewhere.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
        expect(elsewhere.database.sqlite.prepare('SELECT full_name FROM cases WHERE id = ?').pluck().get(fixture.caseId)).toBe('Morgan Elsewhere');
        expect(elsewhere.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        elsewhere.close();
      }
    } finally {
      other.cleanup();
    }
  });
});
