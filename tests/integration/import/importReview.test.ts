import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { ImportProgress } from '../../../shared/contract/imports';
import { writeBigCasesCsv } from '../../support/bigCsv';
import { check, commitResult, countRows, importFile, openFile, recordsDigest, writeFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { toIsoDate } from '../../../shared/domain/dates';
import type { Clock } from '../../../electron/services/context';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir('stepwise-import-review-');
  core = await createTestCore(temp.dir);
  await core.addUser('lee', ['clinician'], 'Lee Chan');
  await core.signInAs('sam', ['supervisor']);
  await importFile(
    core,
    'cases',
    writeFile(temp.dir, 'cases.csv', 'mrn,name,date_of_birth,clinician_username\nAB-1,Ann Bell,1980-03-01,lee\nAB-2,Bo Diaz,1975-01-01,lee\n'),
  );
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

async function caseByMrn(mrn: string): Promise<CaseDetail> {
  const row = await core.database.db.selectFrom('cases').select('id').where('mrn', '=', mrn).executeTakeFirstOrThrow();
  return expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId: row.id }));
}

describe('MRNs are the same whatever their letter case, as the database holds them', () => {
  it('a stored MRN in other letters is the same case, and two spellings in one file are a duplicate', async () => {
    const opened = await openFile(
      core,
      'cases',
      writeFile(temp.dir, 'lower.csv', 'mrn,name,date_of_birth\nab-1,Ann Bell,1980-03-01\ncd-1,Cy,1990-01-01\nCD-1,Cy,1990-01-01\n'),
    );
    const report = await check(core, opened, { existing: 'update' });
    expect(report).toMatchObject({ unchanged: 1, create: 1 });
    expect(report.problems).toEqual([
      {
        row: 4,
        column: 'mrn',
        value: 'CD-1',
        message: 'The MRN CD-1 is also on row 3 (MRNs are the same whatever the letter case); a case can appear only once in a file.',
      },
    ]);
    const assessments = await openFile(core, 'assessments', writeFile(temp.dir, 'a.csv', 'mrn,assessed_on,severity\nab-2,2026-11-01,mild\n'));
    expect(await check(core, assessments)).toMatchObject({ create: 1, problemCount: 0 });
  });
});

describe('updating from a file never erases what it does not hold', () => {
  it('an assessment amended from a file with fewer columns keeps the stored answers', async () => {
    await importFile(
      core,
      'assessments',
      writeFile(
        temp.dir,
        'full.csv',
        'mrn,assessed_on,severity,withdrawal,biomedical,psychiatric,readiness,relapse,environment,needs24HourSupervision\nAB-1,2026-11-01,moderate,3,2,2,3,4,3,yes\n',
      ),
    );
    const before = await caseByMrn('AB-1');
    expect(before.summary.recommendedLevel).toBe('inpatient');
    expect(
      await importFile(core, 'assessments', writeFile(temp.dir, 'partial.csv', 'mrn,assessed_on,severity\nAB-1,2026-11-01,severe\n'), {
        existing: 'update',
      }),
    ).toMatchObject({ update: 1 });
    const after = await caseByMrn('AB-1');
    const latest = after.assessments.find((record) => record.amendsId !== null);
    expect(latest?.assessment).toMatchObject({
      severity: 'severe',
      dimensions: { withdrawal: 3, relapse: 4 },
      criteria: { needs24HourSupervision: true },
    });
    expect(after.summary.recommendedLevel).toBe('inpatient');
  });

  it('an empty status keeps a discharged case discharged, and a status the file changes is refused with the way to do it', async () => {
    await core.database.db.updateTable('cases').set({ status: 'discharged' }).where('mrn', '=', 'AB-2').execute();
    const blank = await openFile(core, 'cases', writeFile(temp.dir, 'blank.csv', 'mrn,name,date_of_birth,status\nAB-2,Bo Diaz-Ruiz,1975-01-01,\n'));
    await check(core, blank, { existing: 'update' });
    expect((await commitResult(core, blank, { existing: 'update' })).ok).toBe(true);
    expect((await caseByMrn('AB-2')).summary).toMatchObject({ status: 'discharged', fullName: 'Bo Diaz-Ruiz' });
    const active = await openFile(
      core,
      'cases',
      writeFile(temp.dir, 'active.csv', 'mrn,name,date_of_birth,status\nAB-2,Bo Diaz-Ruiz,1975-01-01,active\n'),
    );
    const report = await check(core, active, { existing: 'update' });
    expect(report.problems[0]?.message).toBe(
      "The case AB-2 is discharged in Stepwise. Record a readmission on the case itself; an import does not change a stored case's status.",
    );
    const episodes = await openFile(
      core,
      'episodes',
      writeFile(temp.dir, 'open.csv', 'mrn,level,started_on,ended_on,end_reason\nAB-2,iop,2026-10-01,,\n'),
    );
    expect((await check(core, episodes)).problems[0]?.message).toMatch(/AB-2 is discharged, so it cannot have an open episode/);
  });
});

describe('who may import, and what was confirmed', () => {
  it('an administrator without the supervisor role cannot import clinical records', async () => {
    await core.signInAs('ada', ['admin']);
    core.chooseImportFile(writeFile(temp.dir, 'x.csv', 'mrn,name,date_of_birth\nZ-1,Zed,1980-01-01\n'));
    const result = await core.registry.invoke('imports.open', { kind: 'cases' });
    expect(result.ok ? 'opened' : result.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/needs the supervisor role/) as unknown,
    });
  });

  it('a case created between the check and the import makes the import refuse, instead of updating what was confirmed as new', async () => {
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'new.csv', 'mrn,name,date_of_birth\nN-1,New Person,1980-01-01\n'));
    expect(await check(core, opened, { existing: 'update' })).toMatchObject({ create: 1 });
    expectOk(await core.registry.invoke('cases.create', { mrn: 'N-1', fullName: 'Someone Else', dateOfBirth: '1970-01-01', clinicianId: null }));
    const before = await recordsDigest(core);
    const result = await commitResult(core, opened, { existing: 'update' });
    expect(result.ok ? 'imported' : result.error.message).toMatch(/records changed since the check/);
    expect(await recordsDigest(core)).toBe(before);
  });

  it('the import reuses the rows the check read only on the day of the check or later: dates were judged against that day', async () => {
    let instant = new Date('2026-11-29T10:00:00.000Z');
    const clock: Clock = { now: () => new Date(instant.getTime()), today: () => toIsoDate(instant) };
    const other = makeTempDir('stepwise-import-day-');
    const moved = await createTestCore(other.dir, { clock });
    try {
      await moved.signInAs('sam', ['supervisor']);
      const opened = await openFile(moved, 'cases', writeFile(other.dir, 'born.csv', 'mrn,name,date_of_birth\nT-1,Born Today,2026-11-29\n'));
      expect(await check(moved, opened)).toMatchObject({ create: 1, blockers: [] });
      // The computer's clock set back a day: that birth date is now in the future.
      instant = new Date('2026-11-28T10:00:00.000Z');
      const result = await commitResult(moved, opened);
      expect(result.ok ? 'imported' : result.error.message).toMatch(/date is earlier than when the file was checked/);
      expect(await countRows(moved, 'cases')).toBe(0);
      expect(await check(moved, opened)).toMatchObject({ create: 0, problemCount: 1 });
    } finally {
      moved.close();
      other.cleanup();
    }
  });
});

describe('large and bad files stay within bounds', () => {
  it('counts every problem but keeps a bounded list, and the saved report says how many it leaves out', { timeout: 60_000 }, async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `X${index},,1980-02-30,,,,bogus`).join('\n');
    const opened = await openFile(
      core,
      'cases',
      writeFile(temp.dir, 'bad.csv', `mrn,name,date_of_birth,clinician_username,program,payer,status\n${rows}\n`),
    );
    const report = await check(core, opened);
    expect(report.problemCount).toBe(60_000);
    expect(report.rowsWithProblems).toBe(20_000);
    expect(report.problems).toHaveLength(500);
    expectOk(await core.registry.invoke('imports.saveReport', { importId: opened.importId }));
    expect(core.savedFiles.at(-1)?.content).toContain('…and 10,000 more problems not listed');
  });

  it('a long history of episodes for one case is checked without comparing every pair', async () => {
    const lines = ['mrn,level,started_on,ended_on,end_reason'];
    let day = new Date('2001-01-01T00:00:00Z');
    for (let index = 0; index < 3000; index += 1) {
      const start = day.toISOString().slice(0, 10);
      day = new Date(day.getTime() + 2 * 86_400_000);
      lines.push(
        `AB-1,${index % 2 === 0 ? 'iop' : 'outpatient'},${start},${day.toISOString().slice(0, 10)},${index % 2 === 0 ? 'stepped-down' : 'stepped-up'}`,
      );
    }
    lines.push('AB-1,iop,2001-01-02,2001-01-04,completed');
    const report = await check(core, await openFile(core, 'episodes', writeFile(temp.dir, 'long.csv', lines.join('\n'))));
    expect(report.problems.map((entry) => entry.row)).toEqual(expect.arrayContaining([3002]));
  });
});

describe('locking Stepwise during an import', () => {
  it('cancels the import, rolls it back and lets the lock through', { timeout: 120_000 }, async () => {
    const file = path.join(temp.dir, 'big.csv');
    writeBigCasesCsv(file, 40_000);
    const opened = await openFile(core, 'cases', file);
    await check(core, opened);
    const before = await recordsDigest(core);
    const importing = commitResult(core, opened);
    for (;;) {
      const progress = expectOk<ImportProgress>(await core.registry.invoke('imports.progress', { importId: opened.importId }));
      if (progress.phase === 'writing' && progress.written > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await core.endSession('screen-locked');
    const result = await importing;
    expect(result.ok ? 'imported' : result.error.code).toBe('cancelled');
    expect(core.session.user).toBeNull();
    expect(await countRows(core, 'cases')).toBe(2);
    expect(await recordsDigest(core)).toBe(before);
  });
});
