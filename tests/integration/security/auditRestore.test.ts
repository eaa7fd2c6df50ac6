import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../../shared/contract/audit';
import { recordRestore } from '../../../electron/audit/auditLog';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir('stepwise-restore-');
  core = await createTestCore(temp.dir);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

async function verify(): Promise<AuditVerdict> {
  return expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}));
}

describe('restoring a backup links the two audit chains', () => {
  it('the restored, shorter log is first reported as cut short, and after the restore event it verifies again', async () => {
    await core.signInAs('morgan', ['admin', 'clinician']);
    expectOk(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'R-1' })));
    const file = core.database.file;
    core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const backup = `${file}.backup-test`;
    fs.copyFileSync(file, backup);
    const backupRows = Number(core.database.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get());

    // Work after the backup lengthens the log, and the key file records its head.
    expectOk(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'R-2' })));
    expectOk(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'R-3' })));
    const before = core.vault.keyring()?.audit;
    expect(before?.count).toBeGreaterThan(backupRows);

    // The backup's file replaces the database (as a restore does), and the same session continues on it.
    core.vault.close();
    fs.copyFileSync(backup, file);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    expect(core.database.sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(backupRows);
    const cut = await verify();
    expect(cut).toMatchObject({ intact: false, firstBrokenRow: backupRows + 1 });

    await recordRestore(core.vault, {
      at: '2026-11-29T11:00:00.000Z',
      userId: 'user-morgan',
      username: 'morgan',
      backupName: 'stepwise-backup-test',
    });
    const restore = core.database.sqlite.prepare("SELECT seq, details FROM audit_events WHERE action = 'restore'").get() as {
      seq: number;
      details: string;
    };
    expect(JSON.parse(restore.details)).toEqual({
      replacedLogRows: before?.count,
      replacedLogHead: before?.head,
      restoredLogRows: restore.seq - 1,
      restoredLogHead: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(await verify()).toMatchObject({ intact: true });
    expect(core.vault.keyring()?.audit?.count).toBeGreaterThan(restore.seq);
  });
});
