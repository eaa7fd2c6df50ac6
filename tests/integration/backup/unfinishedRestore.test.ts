import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeUnfinishedRestore, REPLACED_SUFFIX, RESTORING_SUFFIX } from '../../../electron/backup/replaceDatabase';
import { DATABASE_FILE_NAME } from '../../../electron/db/openDatabase';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let database: string;

beforeEach(() => {
  temp = makeTempDir('stepwise-unfinished-restore-');
  database = path.join(temp.dir, DATABASE_FILE_NAME);
});
afterEach(() => temp.cleanup());

const place = (file: string, text: string) => fs.writeFileSync(file, text);

describe('what an interrupted restore leaves, at the next start', () => {
  it('removes a prepared copy never put in place, with its side files, and says so; the database is untouched', () => {
    place(database, 'current');
    for (const suffix of ['', '-wal', '-shm']) place(`${database}${RESTORING_SUFFIX}${suffix}`, 'restored');
    expect(removeUnfinishedRestore(database)).toEqual(['Removed the copy left by an interrupted restore; the database in use was not changed.']);
    expect(fs.readdirSync(temp.dir)).toEqual([DATABASE_FILE_NAME]);
    expect(fs.readFileSync(database, 'utf8')).toBe('current');
  });

  it('removes the replaced database’s second name left by a crash after the rename, without a note', () => {
    place(database, 'restored');
    place(`${database}${REPLACED_SUFFIX}`, 'before the restore');
    expect(removeUnfinishedRestore(database)).toEqual([]);
    expect(fs.readdirSync(temp.dir)).toEqual([DATABASE_FILE_NAME]);
  });

  it('keeps both when the database itself is missing, and names which is which', () => {
    place(`${database}${RESTORING_SUFFIX}`, 'restored');
    place(`${database}${REPLACED_SUFFIX}`, 'before the restore');
    const [note, ...more] = removeUnfinishedRestore(database);
    expect(more).toEqual([]);
    expect(note).toBe(
      'stepwise.db is missing, but an interrupted restore left stepwise.db.restoring (the backup’s records, checked) or ' +
        'stepwise.db.replaced (the records before the restore) beside it. Stepwise removed neither. Rename stepwise.db.restoring ' +
        'to stepwise.db to use the restored records, or stepwise.db.replaced to go back to the records before it.',
    );
    expect(fs.readdirSync(temp.dir).sort()).toEqual([`${DATABASE_FILE_NAME}${REPLACED_SUFFIX}`, `${DATABASE_FILE_NAME}${RESTORING_SUFFIX}`]);
  });
});
