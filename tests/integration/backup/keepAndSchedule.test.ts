import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/contract/care';
import { AUTOMATIC_BACKUP_PENDING, backupsFolder, listBackupFiles } from '../../../electron/backup/backupFolder';
import { writeBackup } from '../../../electron/backup/writeBackup';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { detailsOf, lastAuditRow, movableClock, type MovableClock } from '../support/auditTrail';
import { asAdmin, backUp, listBackups } from '../support/backupFixture';
import { prepareCase } from '../support/caseFixture';

const HOUR = 3_600_000;

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let clock: MovableClock;

beforeEach(async () => {
  temp = makeTempDir('stepwise-backup-keep-');
  clock = movableClock(new Date(2026, 10, 29, 9, 0, 0));
  core = await createTestCore(temp.dir, { clock });
  await core.addUser('root', ['admin'], 'Robin Admin');
  await prepareCase(core, 'dana');
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const automaticBackups = () => listBackupFiles(temp.dir).filter((backup) => backup.kind === 'automatic');
const marker = () => path.join(backupsFolder(temp.dir), AUTOMATIC_BACKUP_PENDING);

describe('keeping the last N backups (N in Settings)', () => {
  it('removes the oldest beyond N after a new backup is verified, and only then', async () => {
    expect(expectOk<Settings>(await core.registry.invoke('settings.get', {})).backupsToKeep).toBe(7);
    await asAdmin<Settings>(core, 'settings.update', { backupsToKeep: 3 });
    expect(detailsOf(lastAuditRow(core))).toEqual({ backupsToKeep: 3 });
    const names: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      names.push((await backUp(core)).name);
      clock.advance(HOUR);
    }
    // Lowering N removes nothing by itself: the next successful backup does.
    await asAdmin<Settings>(core, 'settings.update', { backupsToKeep: 2 });
    expect((await listBackups(core)).backups).toHaveLength(3);
    const fourth = await backUp(core);
    expect(fourth.pruned).toEqual([names[0], names[1]]);
    expect(detailsOf(lastAuditRow(core))).toMatchObject({ kind: 'manual', pruned: 2 });
    expect((await listBackups(core)).backups.map((backup) => backup.name)).toEqual([fourth.name, names[2]]);
    expect(fs.readdirSync(backupsFolder(temp.dir)).sort()).toEqual([fourth.name, names[2]].sort());
  });

  it('keeps backups made in the same second apart, newest first', async () => {
    const made = [await backUp(core), await backUp(core), await backUp(core)].map((backup) => backup.name);
    expect(made[1]).toMatch(/-manual-2\.db$/);
    expect((await listBackups(core)).backups.map((backup) => backup.name)).toEqual([...made].reverse());
  });

  it('refuses a number of backups outside 1–100 with a sentence, and keeps the old one', async () => {
    await core.signInAs('root', ['admin']);
    for (const [keep, message] of [
      [0, 'Keep at least 1 backup.'],
      [101, 'Stepwise keeps at most 100 backups.'],
      [2.5, 'The number of backups to keep must be a whole number.'],
    ] as const) {
      expect(await core.registry.invoke('settings.update', { backupsToKeep: keep })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: [{ path: 'backupsToKeep', message }] },
      });
    }
    expect(expectOk<Settings>(await core.registry.invoke('settings.get', {})).backupsToKeep).toBe(7);
  });

  it('removes nothing and leaves no temporary file when the new backup fails', async () => {
    await backUp(core);
    await backUp(core);
    const before = fs.readdirSync(backupsFolder(temp.dir)).sort();
    const key = core.vault.dataKey();
    expect(() =>
      writeBackup({
        sqlite: core.database.sqlite,
        key,
        dataDir: temp.dir,
        kind: 'manual',
        appVersion: '0.0.0-test',
        madeBy: 'root',
        now: clock.now(),
        keep: 1,
        onStep: (step) => {
          if (step === 'verifying') throw new Error('verification failed on purpose');
        },
      }),
    ).toThrow('verification failed on purpose');
    expect(fs.readdirSync(backupsFolder(temp.dir)).sort()).toEqual(before);
  });
});

describe('the automatic backup when Stepwise closes', () => {
  it('is made at most once per calendar day, while someone is signed in, and recorded as automatic', async () => {
    await core.signInAs('root', ['admin']);
    await core.backUpOnExit();
    expect(automaticBackups()).toHaveLength(1);
    expect(lastAuditRow(core)).toMatchObject({ action: 'backup', user_id: 'user-root', outcome: 'ok' });
    expect(detailsOf(lastAuditRow(core))).toMatchObject({ kind: 'automatic' });
    clock.advance(10 * HOUR);
    await core.backUpOnExit();
    expect(automaticBackups()).toHaveLength(1);
    clock.advance(6 * HOUR);
    await core.backUpOnExit();
    expect(automaticBackups()).toHaveLength(2);
    expect(core.logger.entries.filter((entry) => entry.message === 'Automatic backup made')).toHaveLength(2);
  });

  it('closed while locked, it is postponed (no key in memory) and made at the next sign-in, once', async () => {
    await core.signInAs('root', ['admin']);
    await core.endSession('screen-locked');
    expect(core.vault.isOpen).toBe(false);
    await core.backUpOnExit();
    expect(automaticBackups()).toHaveLength(0);
    expect(fs.existsSync(marker())).toBe(true);
    expect(core.logger.entries.at(-1)?.message).toBe('Automatic backup postponed to the next sign-in: Stepwise was locked');

    expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
    expect(automaticBackups()).toHaveLength(1);
    expect(fs.existsSync(marker())).toBe(false);
    expect(lastAuditRow(core)).toMatchObject({ action: 'backup', user_id: 'user-root' });
    expectOk(await core.registry.invoke('auth.signOut', {}));
    expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
    expect(automaticBackups()).toHaveLength(1);
  });

  it('never stands in the way of closing: a failure is logged and audited, and the sign-out still happens', async () => {
    await core.signInAs('root', ['admin']);
    fs.writeFileSync(backupsFolder(temp.dir), 'not a folder');
    await core.backUpOnExit();
    expect(core.logger.entries.at(-1)).toMatchObject({
      level: 'error',
      message: 'Automatic backup failed',
      detail: {
        problem: `${backupsFolder(temp.dir)} is a file, not a folder, so Stepwise cannot keep backups there. Move that file away. Nothing was changed.`,
      },
    });
    expect(lastAuditRow(core)).toMatchObject({ action: 'backup', outcome: 'failed' });
    await core.endSession('app-closed');
    expect(core.session.user).toBeNull();
  });
});
