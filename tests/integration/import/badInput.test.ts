import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { check, commitResult, openError, openFile, recordsDigest, writeFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import type { ImportReport } from '../../../shared/contract/imports';
import { IGNORE_COLUMN } from '../../../shared/import/mapping';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let before: string;

beforeEach(async () => {
  temp = makeTempDir('stepwise-import-bad-');
  core = await createTestCore(temp.dir);
  await core.signInAs('sam', ['supervisor']);
  before = await recordsDigest(core);
});
afterEach(async () => {
  // Every bad file in this corpus gets its message and writes nothing at all.
  expect(await recordsDigest(core)).toBe(before);
  core.close();
  temp.cleanup();
});

const HEADER = 'mrn,name,date_of_birth';

async function reportFor(name: string, content: string | Buffer, kind: 'cases' | 'episodes' = 'cases'): Promise<ImportReport> {
  const opened = await openFile(core, kind, writeFile(temp.dir, name, content));
  const report = await check(core, opened, { dateFormat: 'iso' });
  expect(report.blockers.length).toBeGreaterThan(0);
  expect((await commitResult(core, opened, { dateFormat: 'iso' })).ok).toBe(false);
  return report;
}

describe('the bad-input corpus: each file gets a clear message and writes nothing', () => {
  it('a wrong delimiter (pipes) leaves one column and no header Stepwise knows', async () => {
    const error = await openError(core, 'cases', writeFile(temp.dir, 'pipes.csv', 'mrn|name|date_of_birth\nA-1|Jane|1980-01-01\n'));
    expect(error.message).toMatch(/no header row/);
    expect(error.message).toMatch(/Only one column was found/);
  });

  it('a missing header row is named as such', async () => {
    const error = await openError(core, 'cases', writeFile(temp.dir, 'noheader.csv', 'A-1,Jane Doe,1980-01-01\nA-2,John Doe,1981-01-01\n'));
    expect(error.message).toMatch(/The first row does not name any column Stepwise knows for cases \(such as mrn, name, date_of_birth\)/);
  });

  it('an unknown column must be mapped or ignored before anything is checked', async () => {
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'extra.csv', `${HEADER},favourite_colour\nA-1,Jane,1980-01-01,blue\n`));
    expect(opened.mappingProblems).toEqual([
      { column: 4, message: 'The column 4 “favourite_colour” matches no Stepwise field. Choose the field it holds, or “Ignore this column”.' },
    ]);
    const report = await check(core, opened);
    expect(report.blockers).toContain('Every column needs a field or “Ignore this column”.');
    expect((await commitResult(core, opened)).ok).toBe(false);
    const ignored = await check(core, opened, { columns: ['mrn', 'name', 'date_of_birth', IGNORE_COLUMN] });
    expect(ignored.blockers).toEqual([]);
  });

  it('bad dates are reported by row, column and value', async () => {
    const report = await reportFor('dates.csv', `${HEADER}\nA-1,Jane,01/02/1980\nA-2,John,1980-13-01\nA-3,Ann,\n`);
    expect(report.problems.map((entry) => [entry.row, entry.column, entry.value])).toEqual([
      [2, 'date_of_birth', '01/02/1980'],
      [3, 'date_of_birth', '1980-13-01'],
      [4, 'date_of_birth', ''],
    ]);
    expect(report.problems[0]?.message).toBe('The date of birth is not a real date written as YYYY-MM-DD.');
  });

  it('invalid levels of care are reported', async () => {
    await openFile(core, 'cases', writeFile(temp.dir, 'c.csv', `${HEADER}\nA-1,Jane,1980-01-01\n`)).then(async (opened) => {
      await check(core, opened);
      expect((await commitResult(core, opened)).ok).toBe(true);
    });
    before = await recordsDigest(core);
    const report = await reportFor('levels.csv', 'mrn,level,started_on\nA-1,detox,2026-01-01\nA-1,,2026-02-01\n', 'episodes');
    expect(report.problems.map((entry) => entry.message)).toEqual([
      'The level of care must be one of: outpatient, iop, inpatient (residential counts as inpatient).',
      'Enter the level of care; it is required.',
    ]);
  });

  it('duplicate MRNs within the file are reported on the later row, naming the earlier one', async () => {
    const report = await reportFor('dupes.csv', `${HEADER}\nA-1,Jane,1980-01-01\nA-2,John,1981-01-01\nA-1,Janet,1980-01-01\n`);
    expect(report.problems).toEqual([
      {
        row: 4,
        column: 'mrn',
        value: 'A-1',
        message: 'The MRN A-1 is also on row 2 (MRNs are the same whatever the letter case); a case can appear only once in a file.',
      },
    ]);
  });

  it('a 10 MB single line is refused before it is read into memory', async () => {
    const error = await openError(core, 'cases', writeFile(temp.dir, 'line.csv', 'x'.repeat(10 * 1024 * 1024)));
    expect(error.message).toMatch(/first line of the file is longer than 64 KB/);
    const later = await openError(core, 'cases', writeFile(temp.dir, 'row.csv', `${HEADER}\nA-1,Jane,1980-01-01\n${'y'.repeat(10 * 1024 * 1024)}\n`));
    expect(later.message).toBe('Row 3 is longer than 1 MB: the file may not be a CSV file, or it uses a delimiter Stepwise does not read.');
    // Past the preview, the same line is found by the check.
    const rows = Array.from({ length: 20 }, (_, index) => `A-${index},Person,1980-01-01`).join('\n');
    const deep = await openFile(core, 'cases', writeFile(temp.dir, 'deep.csv', `${HEADER}\n${rows}\n${'y'.repeat(10 * 1024 * 1024)}\n`));
    const result = await core.registry.invoke('imports.check', {
      importId: deep.importId,
      columns: deep.columns,
      dateFormat: 'iso',
      existing: 'stop',
    });
    expect(result.ok ? '' : result.error.message).toMatch(/Row 22 is longer than 1 MB/);
  });

  it('a binary file is not read as text', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 7919) % 256;
    expect((await openError(core, 'cases', writeFile(temp.dir, 'photo.csv', bytes))).message).toMatch(/not a text file/);
  });

  it('Latin-1 text is named, at the start of the file or deep inside it', async () => {
    const latin1 = Buffer.from(`${HEADER}\nA-1,Zoë Ruíz,1980-01-01\n`, 'latin1');
    expect((await openError(core, 'cases', writeFile(temp.dir, 'latin1.csv', latin1))).message).toMatch(/not UTF-8 text.*Latin-1.*CSV UTF-8/);
    const rows = Array.from({ length: 20_000 }, (_, index) => `A-${index},Person ${index},1980-01-01`).join('\n');
    const late = Buffer.concat([Buffer.from(`${HEADER}\n${rows}\n`), Buffer.from('B-1,Zoë,1980-01-01\n', 'latin1')]);
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'late.csv', late));
    const result = await core.registry.invoke('imports.check', {
      importId: opened.importId,
      columns: opened.columns,
      dateFormat: 'iso',
      existing: 'stop',
    });
    expect(result.ok ? '' : result.error.message).toMatch(/not UTF-8 text/);
  });

  it('an empty file, or one with only a header, says so', async () => {
    expect((await openError(core, 'cases', writeFile(temp.dir, 'empty.csv', ''))).message).toMatch(/The file is empty/);
    expect((await openError(core, 'cases', writeFile(temp.dir, 'header.csv', `${HEADER}\r\n`))).message).toMatch(/header row but no rows of data/);
  });

  it('a file that vanishes before or during the read is reported and nothing is imported', async () => {
    const file = writeFile(temp.dir, 'gone.csv', `${HEADER}\nA-1,Jane,1980-01-01\n`);
    const opened = await openFile(core, 'cases', file);
    fs.unlinkSync(file);
    const result = await core.registry.invoke('imports.check', {
      importId: opened.importId,
      columns: opened.columns,
      dateFormat: 'iso',
      existing: 'stop',
    });
    expect(result.ok ? '' : result.error.message).toMatch(/could no longer be read: it was moved, deleted, changed/);

    const rows = Array.from({ length: 60_000 }, (_, index) => `M-${index},Person Number ${index},1980-01-01`).join('\n');
    const big = writeFile(temp.dir, 'vanishing.csv', `${HEADER}\n${rows}\n`);
    const openedBig = await openFile(core, 'cases', big);
    const checking = core.registry.invoke('imports.check', {
      importId: openedBig.importId,
      columns: openedBig.columns,
      dateFormat: 'iso',
      existing: 'stop',
    });
    for (;;) {
      const progress = expectOk<{ bytesRead: number }>(await core.registry.invoke('imports.progress', { importId: openedBig.importId }));
      if (progress.bytesRead > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    fs.unlinkSync(big);
    const vanished = await checking;
    expect(vanished.ok ? '' : vanished.error.message).toMatch(/could no longer be read/);
  });

  it('a file changed between the check and the import is refused', async () => {
    const file = writeFile(temp.dir, 'changing.csv', `${HEADER}\nA-1,Jane,1980-01-01\n`);
    const opened = await openFile(core, 'cases', file);
    expect((await check(core, opened)).blockers).toEqual([]);
    fs.writeFileSync(file, `${HEADER}\nA-1,Jane,1980-01-01\nA-2,Eve,1980-01-01\n`);
    const result = await commitResult(core, opened);
    expect(result.ok ? '' : result.error.message).toMatch(/changed since it was checked/);
  });

  it('an unclosed quote names its row', async () => {
    const error = await openError(core, 'cases', writeFile(temp.dir, 'quote.csv', `${HEADER}\nA-1,"Jane,1980-01-01\nA-2,John,1980-01-01\n`));
    expect(error.message).toBe('Row 2 opens a quoted field that is never closed; check the quotation marks.');
  });
});
