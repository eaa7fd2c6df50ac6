import { describe, expect, it } from 'vitest';
import { backupNameSchema, type BackupKind } from '../../../shared/contract/backups';
import { backupsToPrune, newBackupName, parseBackupName, SAFETY_COPIES_TO_KEEP } from '../../../electron/backup/backupFolder';

const AT = new Date('2026-11-29T04:15:00.123Z');

describe('backup file names', () => {
  it('say when (UTC, to the second) and why a backup was made, and sort by time', () => {
    expect(newBackupName(AT, 'manual', () => false)).toBe('stepwise-2026-11-29T041500Z-manual.db');
    expect(newBackupName(AT, 'before-restore', () => false)).toBe('stepwise-2026-11-29T041500Z-before-restore.db');
    expect(parseBackupName('stepwise-2026-11-29T041500Z-automatic.db')).toEqual({
      createdAt: new Date('2026-11-29T04:15:00Z'),
      kind: 'automatic',
      sequence: 1,
    });
  });

  it('number a second backup in the same second, also past a half-written one', () => {
    const taken = new Set(['stepwise-2026-11-29T041500Z-manual.db', 'stepwise-2026-11-29T041500Z-manual-2.db.partial']);
    expect(newBackupName(AT, 'manual', (name) => taken.has(name))).toBe('stepwise-2026-11-29T041500Z-manual-3.db');
    expect(parseBackupName('stepwise-2026-11-29T041500Z-manual-3.db')).toMatchObject({ sequence: 3 });
  });

  it.each([
    'stepwise.db',
    'stepwise-2026-11-29T041500Z-manual.db.partial',
    'stepwise-2026-11-29T041500Z-manual.db-journal',
    'stepwise-2026-11-29T041500Z-other.db',
    '../stepwise-2026-11-29T041500Z-manual.db',
    'stepwise-2026-13-45T999999Z-manual.db',
    'automatic-backup-pending',
  ])('refuse "%s": never listed, opened or restored', (name) => {
    expect(parseBackupName(name)).toBeNull();
  });

  it('are what the contract accepts, and nothing else', () => {
    expect(backupNameSchema.safeParse('stepwise-2026-11-29T041500Z-manual-12.db').success).toBe(true);
    expect(backupNameSchema.safeParse('stepwise-2026-11-29T041500Z-manual.db/../../x').success).toBe(false);
  });
});

describe('which backups are removed once a new one is in place', () => {
  const backup = (iso: string, kind: BackupKind = 'manual', sequence = 1) => {
    const createdAt = new Date(iso);
    const name = newBackupName(createdAt, kind, () => false).replace(/\.db$/, sequence === 1 ? '.db' : `-${sequence}.db`);
    return { name, kind, createdAt, sequence };
  };
  const justWritten = backup('2026-11-29T10:00:00Z', 'manual', 2);
  const files = [
    backup('2026-11-27T10:00:00Z', 'automatic'),
    justWritten,
    backup('2026-11-29T10:00:00Z'),
    backup('2026-11-28T10:00:00Z'),
    backup('2026-11-28T12:00:00Z', 'before-restore'),
  ];
  const names = (list: readonly { name: string }[]) => list.map((file) => file.name);

  it('are the oldest manual and automatic ones beyond N, whatever order they come in', () => {
    expect(names(backupsToPrune(files, justWritten.name, 2))).toEqual(
      names([backup('2026-11-28T10:00:00Z'), backup('2026-11-27T10:00:00Z', 'automatic')]),
    );
    expect(backupsToPrune(files, justWritten.name, 10)).toEqual([]);
  });

  it('never include the one just written, even when asked to keep none', () => {
    expect(backupsToPrune(files, justWritten.name, 0)).toHaveLength(3);
    expect(names(backupsToPrune(files, justWritten.name, 0))).not.toContain(justWritten.name);
  });

  it("never include a restore's safety copy for a regular backup, nor a regular backup for a safety copy", () => {
    expect(names(backupsToPrune(files, justWritten.name, 1))).not.toContain(backup('2026-11-28T12:00:00Z', 'before-restore').name);
    const safety = [1, 2, 3, 4].map((day) => backup(`2026-12-0${day}T10:00:00Z`, 'before-restore'));
    const newest = safety[3]!;
    expect(names(backupsToPrune([...files, ...safety], newest.name, SAFETY_COPIES_TO_KEEP))).toEqual(
      names([safety[0]!, backup('2026-11-28T12:00:00Z', 'before-restore')]),
    );
  });

  it('count the one just written as the newest, even when another is dated after it', () => {
    const ahead = backup('2027-06-01T10:00:00Z');
    expect(names(backupsToPrune([ahead, justWritten], justWritten.name, 1))).toEqual([ahead.name]);
    expect(backupsToPrune([ahead, justWritten], justWritten.name, 2)).toEqual([]);
  });

  it('are none when the new one is not among the files', () => {
    expect(backupsToPrune(files, 'stepwise-2026-12-01T100000Z-manual.db', 1)).toEqual([]);
  });
});
