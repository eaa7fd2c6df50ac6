import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CasePage } from '../../../shared/contract/cases';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { check, commit, commitResult, countRows, importFile, openFile, recordsDigest, writeFile } from '../../support/importFlow';
import { blocksDisagreeingWithSpans, staleBlocks } from '../../support/metricsOracle';
import { expectOk } from '../../support/seed';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir('stepwise-import-kinds-');
  core = await createTestCore(temp.dir);
  await core.addUser('lee', ['clinician'], 'Lee Chan');
  await core.signInAs('sam', ['supervisor']);
  await importFile(
    core,
    'cases',
    writeFile(temp.dir, 'cases.csv', 'mrn,name,date_of_birth,clinician_username\nA-1,Jane Doe,1980-03-01,lee\nA-2,John Roe,1975-01-01,lee\n'),
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

describe('CSV dialects', () => {
  it('reads semicolons, CRLF, a byte-order mark and quoted fields holding delimiters and line breaks', async () => {
    const file = writeFile(
      temp.dir,
      'semi.csv',
      '\uFEFFMRN;Full Name;DOB;Payer\r\nS-1;"Smith; Anna";1970-05-05;"Line one\r\nline two"\r\nS-2;Bo;1971-06-06;\r\n',
    );
    const opened = await openFile(core, 'cases', file);
    expect(opened).toMatchObject({
      delimiter: 'semicolon',
      headers: ['MRN', 'Full Name', 'DOB', 'Payer'],
      columns: ['mrn', 'name', 'date_of_birth', 'payer'],
    });
    expect(await commit(core, opened, { dateFormat: 'iso' }).catch(() => null)).toBeNull();
    await check(core, opened);
    expect(await commit(core, opened)).toMatchObject({ create: 2 });
    const stored = await core.database.db.selectFrom('cases').select(['full_name', 'payer']).where('mrn', '=', 'S-1').executeTakeFirstOrThrow();
    expect(stored).toEqual({ full_name: 'Smith; Anna', payer: 'Line one\r\nline two' });
  });

  it('reads US and European dates when told which the file uses', async () => {
    const file = writeFile(temp.dir, 'us.csv', 'mrn,name,dob\nU-1,Ann,03/01/1980\nU-2,Bea,12/31/1981\n');
    const opened = await openFile(core, 'cases', file);
    expect(opened.dateFormat).toBe('mdy');
    await check(core, opened);
    await commit(core, opened);
    const rows = await core.database.db
      .selectFrom('cases')
      .select(['mrn', 'date_of_birth'])
      .where('mrn', 'in', ['U-1', 'U-2'])
      .orderBy('mrn')
      .execute();
    expect(rows.map((row) => row.date_of_birth)).toEqual(['1980-03-01', '1981-12-31']);
    const eu = await openFile(core, 'cases', writeFile(temp.dir, 'eu.csv', 'mrn,name,birth date\nE-1,Cy,31/12/1980\n'));
    expect(eu.dateFormat).toBe('dmy');
  });
});

describe('records that already exist', () => {
  const changed = 'mrn,name,date_of_birth,payer\nA-1,Jane Doe-Smith,1980-03-01,Medicare\nA-3,New Person,1990-01-01,\n';

  it('stop: the check names how many would change and the import is refused', async () => {
    const before = await recordsDigest(core);
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'changed.csv', changed));
    const report = await check(core, opened, { existing: 'stop' });
    expect(report).toMatchObject({ create: 1, existing: 1 });
    expect(report.blockers).toEqual(['1 row would change records that already exist, and you chose to stop in that case.']);
    expect((await commitResult(core, opened, { existing: 'stop' })).ok).toBe(false);
    expect(await recordsDigest(core)).toBe(before);
  });

  it('skip: new cases are added and existing ones left as they are', async () => {
    const result = await importFile(core, 'cases', writeFile(temp.dir, 'changed.csv', changed), { existing: 'skip' });
    expect(result).toMatchObject({ create: 1, update: 0, skipped: 1 });
    expect((await caseByMrn('A-1')).summary).toMatchObject({ fullName: 'Jane Doe', payer: null });
    expect(await countRows(core, 'cases')).toBe(3);
  });

  it('update: existing cases take the file’s values, and empty cells erase nothing', async () => {
    const result = await importFile(core, 'cases', writeFile(temp.dir, 'changed.csv', changed), { existing: 'update' });
    expect(result).toMatchObject({ create: 1, update: 1 });
    expect((await caseByMrn('A-1')).summary).toMatchObject({ fullName: 'Jane Doe-Smith', payer: 'Medicare', clinician: { id: 'user-lee' } });
    expect(await countRows(core, 'cases')).toBe(3);
    const again = await openFile(core, 'cases', writeFile(temp.dir, 'changed.csv', changed));
    expect(await check(core, again, { existing: 'update' })).toMatchObject({ unchanged: 2, create: 0, update: 0 });
  });

  it('a clinician the file names must be an active clinician', async () => {
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'who.csv', 'mrn,name,date_of_birth,clinician\nC-1,Di,1980-01-01,nobody\n'));
    const report = await check(core, opened);
    expect(report.problems).toEqual([{ row: 2, column: 'clinician', value: 'nobody', message: 'No active clinician has the username “nobody”.' }]);
  });
});

describe('imports of assessments', () => {
  const ASSESSMENTS = [
    'mrn,assessed_on,severity,withdrawal,biomedical,psychiatric,readiness,relapse,environment,lifeThreateningUse,needs24HourSupervision,safe_sober_housing,supportive_network,weekly_treatment_hours',
    'A-1,2026-11-01,severe,3,2,2,3,4,3,no,yes,no,no,',
    'A-2,2026-11-02,mild,0,0,1,1,1,0,no,no,yes,yes,2',
  ].join('\n');

  it('records each assessment with the rules’ recommendation, and re-importing changes nothing', async () => {
    const result = await importFile(core, 'assessments', writeFile(temp.dir, 'assessments.csv', ASSESSMENTS));
    expect(result).toMatchObject({ create: 2 });
    const jane = await caseByMrn('A-1');
    expect(jane.assessments).toHaveLength(1);
    expect(jane.assessments[0]?.assessment).toMatchObject({
      assessedOn: '2026-11-01',
      severity: 'severe',
      currentLevel: 'none',
      criteria: { needs24HourSupervision: true },
    });
    expect(jane.assessments[0]?.recommendation.level).toBe('inpatient');
    expect(jane.summary.recommendedLevel).toBe('inpatient');
    const before = await recordsDigest(core);
    const again = await openFile(core, 'assessments', writeFile(temp.dir, 'assessments.csv', ASSESSMENTS));
    expect(await check(core, again, { existing: 'update' })).toMatchObject({ unchanged: 2, create: 0 });
    expect(await recordsDigest(core)).toBe(before);
  });

  it('refuses an unknown MRN, a rating out of range, a yes/no that is neither and two assessments of a case on one day', async () => {
    const opened = await openFile(
      core,
      'assessments',
      writeFile(
        temp.dir,
        'bad.csv',
        'mrn,assessed_on,withdrawal,selfMotivated\nZ-9,2026-11-01,1,yes\nA-1,2026-11-01,7,maybe\nA-2,2026-11-01,1,no\nA-2,2026-11-01,2,no\n',
      ),
    );
    const report = await check(core, opened);
    expect(report.problems.map((entry) => `${entry.row}:${entry.column}`)).toEqual(['2:mrn', '3:withdrawal', '3:selfMotivated', '5:assessed_on']);
    expect(report.problems[0]?.message).toBe('No case has the MRN Z-9. Import the cases first, or check the MRN.');
  });

  it('an assessment that differs from the one recorded that day amends it when asked to update', async () => {
    await importFile(core, 'assessments', writeFile(temp.dir, 'a.csv', ASSESSMENTS));
    const changedFile = writeFile(temp.dir, 'b.csv', ASSESSMENTS.replace('A-2,2026-11-02,mild,0', 'A-2,2026-11-02,mild,1'));
    expect(await importFile(core, 'assessments', changedFile, { existing: 'update' })).toMatchObject({ update: 1, unchanged: 1 });
    const john = await caseByMrn('A-2');
    expect(john.assessments).toHaveLength(2);
    expect(john.assessments.some((record) => record.amendsId !== null)).toBe(true);
  });
});

describe('imports of episodes', () => {
  it('adds a case’s history, links each stay to the one before it, and sets the current level', async () => {
    const file = writeFile(
      temp.dir,
      'episodes.csv',
      'mrn,level,started_on,ended_on,end_reason\nA-1,inpatient,2026-09-01,2026-09-20,stepped-down\nA-1,IOP,2026-09-20,,\nA-2,outpatient,2026-01-01,2026-03-01,completed\n',
    );
    expect(await importFile(core, 'episodes', file)).toMatchObject({ create: 3 });
    const jane = await caseByMrn('A-1');
    expect(jane.episodes.map((episode) => [episode.level, episode.startDate, episode.endDate])).toEqual([
      ['inpatient', '2026-09-01', '2026-09-20'],
      ['iop', '2026-09-20', null],
    ]);
    expect(jane.episodes[1]?.followsId).toBe(jane.episodes[0]?.id);
    expect(jane.summary).toMatchObject({ level: 'iop', levelSince: '2026-09-20', iopBelowIntensity: true });
    // The import's own transaction packed the spans it added for the metrics report.
    expect(Number(core.database.sqlite.prepare('SELECT count(*) FROM episode_spans').pluck().get())).toBeGreaterThanOrEqual(3);
    expect(staleBlocks(core.database.sqlite)).toEqual([]);
    expect(blocksDisagreeingWithSpans(core.database.sqlite)).toEqual([]);
    // The import set the level through the triggers' path (an update of the case), so the IOP-hours filter finds it.
    const flagged = expectOk<CasePage>(await core.registry.invoke('cases.list', { clinician: 'all', flag: 'iop-hours' }));
    expect(flagged.rows.map((row) => row.id)).toEqual([jane.summary.id]);
    const before = await recordsDigest(core);
    const again = await openFile(core, 'episodes', file);
    expect(await check(core, again)).toMatchObject({ unchanged: 3, create: 0 });
    expect(await recordsDigest(core)).toBe(before);
  });

  it('refuses overlapping episodes and a second open one, naming the episode they conflict with', async () => {
    await importFile(core, 'episodes', writeFile(temp.dir, 'first.csv', 'mrn,level,started_on,ended_on,end_reason\nA-1,iop,2026-10-01,,\n'));
    const opened = await openFile(
      core,
      'episodes',
      writeFile(
        temp.dir,
        'second.csv',
        'mrn,level,started_on,ended_on,end_reason\nA-1,outpatient,2026-11-01,,\nA-2,inpatient,2026-01-01,2026-02-01,completed\nA-2,iop,2026-01-15,2026-03-01,completed\n',
      ),
    );
    const report = await check(core, opened);
    expect(report.problems.map((entry) => entry.row)).toEqual([2, 3, 4]);
    expect(report.problems[0]?.message).toMatch(/conflicts with the IOP episode from 2026-10-01 \(open\) \(already recorded\)/);
    expect(report.problems[1]?.message).toMatch(/also in this file/);
  });

  it('needs an end reason with an end date', async () => {
    const opened = await openFile(
      core,
      'episodes',
      writeFile(temp.dir, 'reason.csv', 'mrn,level,started_on,ended_on,end_reason\nA-1,iop,2026-10-01,2026-10-20,\n'),
    );
    expect((await check(core, opened)).problems[0]?.message).toBe('An episode with an end date needs an end reason.');
  });
});
