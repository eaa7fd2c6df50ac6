import { describe, expect, it } from 'vitest';
import { backupNameSchema } from '../../../shared/contract/backups';
import { backupsBeyond, newBackupName, parseBackupName } from '../../../electron/backup/backupFolder';

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

describe('which backups fall beyond the newest N', () => {
  const backup = (iso: string, sequence = 1) => ({ createdAt: new Date(iso), sequence });
  const files = [backup('2026-11-27T10:00:00Z'), backup('2026-11-29T10:00:00Z', 2), backup('2026-11-29T10:00:00Z'), backup('2026-11-28T10:00:00Z')];

  it('are the oldest ones, whatever order they come in', () => {
    expect(backupsBeyond(files, 2)).toEqual([backup('2026-11-28T10:00:00Z'), backup('2026-11-27T10:00:00Z')]);
    expect(backupsBeyond(files, 10)).toEqual([]);
  });

  it('never include the newest, even when asked to keep none', () => {
    expect(backupsBeyond(files, 0)).toHaveLength(3);
    expect(backupsBeyond(files, 0)).not.toContainEqual(backup('2026-11-29T10:00:00Z', 2));
  });
});
