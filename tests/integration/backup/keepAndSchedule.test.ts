import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestoreOutcome } from '../../../shared/contract/backups';
import type { Settings } from '../../../shared/contract/care';
import { AUTOMATIC_BACKUP_PENDING, backupsFolder, listBackupFiles, SAFETY_COPIES_TO_KEEP } from '../../../electron/backup/backupFolder';
import { writeBackup } from '../../../electron/backup/writeBackup';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { auditRows, detailsOf, lastAuditRow, movableClock, type MovableClock } from '../support/auditTrail';
import { asAdmin, backUp, inspect, listBackups } from '../support/backupFixture';
import { prepareCase } from '../support/caseFixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
const filesInFolder = () => fs.readdirSync(backupsFolder(temp.dir)).sort();
const restore = (name: string) => asAdmin<RestoreOutcome>(core, 'backups.restore', { name, confirmed: true });
const keepBackups = (keep: number) => asAdmin<Settings>(core, 'settings.update', { backupsToKeep: keep });
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

describe("a restore's safety copies", () => {
  it('are not removed to keep N: with N = 1, the next backup keeps the safety copy a restore just made', async () => {
    await keepBackups(1);
    const made = await backUp(core);
    clock.advance(HOUR);
    const { safetyCopy } = await restore(made.name);
    clock.advance(HOUR);
    const next = await backUp(core);
    expect(next.pruned).toEqual([made.name]);
    expect(detailsOf(lastAuditRow(core))).toMatchObject({ name: next.name, pruned: 1 });
    expect(filesInFolder()).toEqual([next.name, safetyCopy].sort());
    clock.advance(HOUR);
    const another = await backUp(core);
    expect(another.pruned).toEqual([next.name]);
    expect(filesInFolder()).toEqual([another.name, safetyCopy].sort());
  });

  it('do not count toward N: N regular backups are kept beside them', async () => {
    await keepBackups(2);
    const first = await backUp(core);
    clock.advance(HOUR);
    const { safetyCopy } = await restore(first.name);
    clock.advance(HOUR);
    const second = await backUp(core);
    expect(second.pruned).toEqual([]);
    clock.advance(HOUR);
    const third = await backUp(core);
    expect(third.pruned).toEqual([first.name]);
    expect(filesInFolder()).toEqual([second.name, third.name, safetyCopy].sort());
  });

  it(`are kept apart, the newest ${SAFETY_COPIES_TO_KEEP}: an older one goes when a restore has made its new one, and the restore event says so`, async () => {
    await keepBackups(1);
    const made = await backUp(core);
    const safetyCopies: string[] = [];
    for (let index = 0; index < SAFETY_COPIES_TO_KEEP; index += 1) {
      clock.advance(HOUR);
      safetyCopies.push((await restore(made.name)).safetyCopy);
    }
    expect(filesInFolder()).toEqual([made.name, ...safetyCopies].sort());
    const restoreEvent = () =>
      detailsOf(
        auditRows(core)
          .filter((row) => row.action === 'restore')
          .at(-1)!,
      );
    expect(restoreEvent()).not.toHaveProperty('prunedSafetyCopies');
    clock.advance(HOUR);
    const newest = (await restore(made.name)).safetyCopy;
    expect(filesInFolder()).toEqual([made.name, ...safetyCopies.slice(1), newest].sort());
    expect(restoreEvent()).toMatchObject({ safetyCopy: newest, prunedSafetyCopies: 1 });
  });
});

describe('a backup dated ahead of the clock (made while the clock was wrong)', () => {
  it('never gets the new backup removed: the one just written counts as the newest and is never in `pruned`', async () => {
    await keepBackups(1);
    clock.advance(365 * DAY);
    const fromTheFuture = await backUp(core);
    clock.advance(-365 * DAY);
    const made = await backUp(core);
    expect(made.pruned).toEqual([fromTheFuture.name]);
    expect(made.pruned).not.toContain(made.name);
    expect(filesInFolder()).toEqual([made.name]);
    expect((await inspect(core, made.name)).restorable).toBe(true);
  });

  it('with N above 1 are kept by their date, but never in place of the new one; each new backup is kept', async () => {
    await keepBackups(2);
    clock.advance(30 * DAY);
    await backUp(core);
    clock.advance(HOUR);
    // Two dated ahead: by date alone both outrank every new backup, and N = 2 would leave no room for it.
    const fromTheFuture = await backUp(core);
    clock.advance(-30 * DAY - HOUR);
    const made: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      clock.advance(HOUR);
      const backup = await backUp(core);
      expect(backup.pruned).not.toContain(backup.name);
      made.push(backup.name);
      expect(filesInFolder()).toEqual([backup.name, fromTheFuture.name].sort());
    }
    // Once the clock has passed its date, it is ordered like any other and goes in its turn.
    clock.advance(31 * DAY);
    const later = await backUp(core);
    expect(later.pruned).toEqual([made[2]]);
    clock.advance(HOUR);
    const last = await backUp(core);
    expect(last.pruned).toEqual([fromTheFuture.name]);
    expect((await listBackups(core)).backups.map((backup) => backup.name)).toEqual([last.name, later.name]);
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
