import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestFile, readCsvRecords, UNREADABLE_MESSAGE } from '../../../electron/import/csvFile';
import { DomainError } from '../../../electron/services/errors';
import { makeTempDir } from '../../support/tempDir';
import { writeFile } from '../../support/importFlow';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('stepwise-digest-');
});
afterEach(() => temp.cleanup());

/** A file of many read pieces, with accented names, so pieces end inside a character. */
function largeFile(): { file: string; bytes: Buffer } {
  const lines = ['mrn,name,date_of_birth'];
  for (let row = 1; row <= 40_000; row += 1) lines.push(`A-${row},Zoë Núñez ${row},1980-01-01`);
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  return { file: writeFile(temp.dir, 'large.csv', bytes), bytes };
}

describe('the digest that proves an import reads the file its check read', () => {
  it('is the SHA-256 of every byte, the same the check computed while it parsed the rows', async () => {
    const { file, bytes } = largeFile();
    expect(bytes.length).toBeGreaterThan(4 * 256 * 1024);
    const reported: number[] = [];
    const digest = await digestFile(file, { onBytes: (read) => reported.push(read) });
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    const checked = await readCsvRecords(file, { delimiter: ',' }, () => undefined);
    expect(checked.sha256).toBe(digest);
    // Progress for the bar: growing, ending at the file's size.
    expect(reported.length).toBeGreaterThan(1);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(reported.at(-1)).toBe(bytes.length);
  });

  it('differs when one byte of the file differs', async () => {
    const { file, bytes } = largeFile();
    const before = await digestFile(file, {});
    const changed = Buffer.from(bytes);
    changed[changed.length - 5] = 0x39;
    fs.writeFileSync(file, changed);
    expect(await digestFile(file, {})).not.toBe(before);
  });

  it('stops with the import’s cancelled message when Cancel is pressed while it reads', async () => {
    const { file } = largeFile();
    const controller = new AbortController();
    let piecesRead = 0;
    const onBytes = () => {
      piecesRead += 1;
      controller.abort();
    };
    const refused = await digestFile(file, { signal: controller.signal, onBytes }).catch((error: unknown) => error);
    // Heard before the next piece was read, not at the end of the file.
    expect(piecesRead).toBe(1);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('cancelled');
    expect((refused as DomainError).message).toBe('The import was cancelled. Nothing was imported.');
  });

  it('refuses a file that changes while it is read', async () => {
    const { file } = largeFile();
    const onBytes = (read: number) => {
      if (read === 256 * 1024) fs.appendFileSync(file, 'A-99999,Added Meanwhile,1980-01-01\n');
    };
    const refused = await digestFile(file, { onBytes }).catch((error: unknown) => error);
    expect((refused as DomainError).message).toBe(UNREADABLE_MESSAGE);
  });

  it('refuses a file that is gone, or a folder, with words a person can act on', async () => {
    const missing = await digestFile(path.join(temp.dir, 'gone.csv'), {}).catch((error: unknown) => error);
    expect((missing as DomainError).message).toBe(UNREADABLE_MESSAGE);
    const folder = await digestFile(temp.dir, {}).catch((error: unknown) => error);
    expect((folder as DomainError).message).toBe('That is a folder, not a file. Choose a CSV file.');
  });
});
