import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { check, commit, commitResult, countRows, importFile, openFile, recordsDigest, writeFile } from '../../support/importFlow';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir('stepwise-import-');
  core = await createTestCore(temp.dir);
  await core.addUser('lee', ['clinician'], 'Lee Chan');
  await core.signInAs('sam', ['supervisor']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const CASES = [
  'mrn,name,date_of_birth,clinician_username,program,payer,status',
  'A-1,Jane Doe,1980-03-01,lee,Downtown,Medicaid,active',
  'A-2,"Doe, John",1975-12-24,,North,,',
  'A-3,"Ana ""Nan"" Ruiz",1990-01-02,LEE,,"Blue, Cross",discharged',
].join('\r\n');

describe('imports of cases', () => {
  it('matches the headers, previews the first rows, checks every row and imports them in one go', async () => {
    const file = writeFile(temp.dir, 'cases.csv', `\uFEFF${CASES}\r\n`);
    const opened = await openFile(core, 'cases', file);
    expect(opened.columns).toEqual(['mrn', 'name', 'date_of_birth', 'clinician_username', 'program', 'payer', 'status']);
    expect(opened.preview[1]).toEqual(['A-2', 'Doe, John', '1975-12-24', '', 'North', '', '']);
    expect(opened.mappingProblems).toEqual([]);
    const report = await check(core, opened);
    expect(report).toMatchObject({ rows: 3, problemCount: 0, create: 3, blockers: [] });
    expect(await countRows(core, 'cases')).toBe(0);
    const result = await commit(core, opened);
    expect(result).toMatchObject({ rows: 3, create: 3, update: 0, unchanged: 0 });
    const rows = await core.database.db.selectFrom('cases').select(['mrn', 'full_name', 'clinician_id', 'payer', 'status']).orderBy('mrn').execute();
    expect(rows).toEqual([
      { mrn: 'A-1', full_name: 'Jane Doe', clinician_id: 'user-lee', payer: 'Medicaid', status: 'active' },
      { mrn: 'A-2', full_name: 'Doe, John', clinician_id: null, payer: null, status: 'active' },
      { mrn: 'A-3', full_name: 'Ana "Nan" Ruiz', clinician_id: 'user-lee', payer: 'Blue, Cross', status: 'discharged' },
    ]);
    // A small import's commit checkpoints as any other; only large ones leave it to a worker (bigImport.test.ts).
    expect(core.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(core.logger.entries.filter((entry) => entry.message.includes('checkpoint'))).toEqual([]);
  });

  it('re-importing the same file changes nothing', async () => {
    const file = writeFile(temp.dir, 'cases.csv', CASES);
    await importFile(core, 'cases', file);
    const before = await recordsDigest(core);
    const opened = await openFile(core, 'cases', file);
    expect(opened.mappingSource).toBe('saved');
    const report = await check(core, opened, { existing: 'update' });
    expect(report).toMatchObject({ unchanged: 3, create: 0, update: 0 });
    expect(report.blockers.join(' ')).toMatch(/already in Stepwise/);
    expect((await commitResult(core, opened, { existing: 'update' })).ok).toBe(false);
    expect(await recordsDigest(core)).toBe(before);
  });

  it('reports rows with problems by row, column and value, refuses to import any of them, and saves the report with the notice', async () => {
    const file = writeFile(
      temp.dir,
      'bad.csv',
      ['mrn,name,date_of_birth', 'B-1,Ok Person,1980-01-01', 'B-2,,1980-02-30', 'B-1,Twin,2999-01-01'].join('\n'),
    );
    const opened = await openFile(core, 'cases', file);
    const report = await check(core, opened);
    expect(report.problems).toEqual([
      { row: 3, column: 'name', value: '', message: 'Enter the name.' },
      { row: 3, column: 'date_of_birth', value: '1980-02-30', message: 'The date of birth is not a real date written as YYYY-MM-DD.' },
      { row: 4, column: 'date_of_birth', value: '2999-01-01', message: 'The date of birth is in the future.' },
    ]);
    expect(report.blockers[0]).toMatch(/2 rows have problems/);
    const refused = await commitResult(core, opened);
    expect(refused.ok).toBe(false);
    expect(await countRows(core, 'cases')).toBe(0);
    const saved = await core.registry.invoke('imports.saveReport', { importId: opened.importId });
    expect(saved.ok).toBe(true);
    const content = core.savedFiles.at(-1)?.content ?? '';
    expect(content.split('\r\n')[0]).toBe('row,column,value,problem');
    expect(content).toContain(REDISCLOSURE_NOTICE);
  });
});
