import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/testCore';
import { createTestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { check, importFile, openFile, writeFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import type { ImportKind } from '../../../shared/import/fields';

let temp: ReturnType<typeof makeTempDir>;
let source: TestCore;
let target: TestCore;

async function signedIn(dir: string): Promise<TestCore> {
  const core = await createTestCore(dir);
  await core.addUser('lee', ['clinician'], 'Lee Chan');
  await core.signInAs('sam', ['supervisor']);
  return core;
}

beforeEach(async () => {
  temp = makeTempDir('stepwise-roundtrip-');
  source = await signedIn(`${temp.dir}/source`);
  target = await signedIn(`${temp.dir}/target`);
});
afterEach(() => {
  source.close();
  target.close();
  temp.cleanup();
});

const CASES = [
  'mrn,name,date_of_birth,clinician_username,program,payer,status',
  'R-1,"=Smith, Ann ""Annie""",1980-03-01,lee,Downtown,"Medicaid, plan B",active',
  'R-2,Zoë Ñúñez,1975-12-24,,North,,discharged',
].join('\n');
const ASSESSMENTS = [
  'mrn,assessed_on,severity,withdrawal,biomedical,psychiatric,readiness,relapse,environment,needs24HourSupervision,safeSoberHousing,weekly_treatment_hours,note',
  'R-1,2026-10-01,severe,3,2,2,3,4,3,yes,no,,"First line\nsecond line"',
  'R-2,2026-09-15,mild,0,0,1,,1,0,no,yes,2.5,',
].join('\n');
const EPISODES = [
  'mrn,level,started_on,ended_on,end_reason',
  'R-1,inpatient,2026-10-02,2026-10-20,stepped-down',
  'R-1,iop,2026-10-20,,',
  'R-2,outpatient,2026-01-01,2026-06-01,completed',
].join('\n');

async function exported(core: TestCore, dataset: 'cases' | 'assessments' | 'episodes'): Promise<string> {
  expectOk(await core.registry.invoke('exports.save', { dataset, format: 'csv', scope: { kind: 'all' } }));
  // The real shell adds a byte-order mark for spreadsheets; the test shell does not, so it is added here.
  return `\uFEFF${source.savedFiles.at(-1)?.content ?? ''}`;
}

async function snapshot(core: TestCore) {
  const db = core.database.db;
  const cases = await db
    .selectFrom('cases')
    .select(['mrn', 'full_name', 'date_of_birth', 'clinician_id', 'program', 'payer', 'status', 'level'])
    .orderBy('mrn')
    .execute();
  const assessments = await db
    .selectFrom('assessments')
    .innerJoin('cases', 'cases.id', 'assessments.case_id')
    .select(['cases.mrn', 'assessments.assessed_on', 'assessments.payload', 'assessments.recommended_level', 'assessments.note'])
    .orderBy('cases.mrn')
    .execute();
  const episodes = await db
    .selectFrom('episodes')
    .innerJoin('cases', 'cases.id', 'episodes.case_id')
    .select(['cases.mrn', 'episodes.level', 'episodes.start_date', 'episodes.end_date', 'episodes.end_reason'])
    .orderBy('cases.mrn')
    .orderBy('episodes.start_date')
    .execute();
  const answers = assessments.map(({ payload, ...rest }) => {
    const { id: _id, ...assessment } = JSON.parse(payload) as Record<string, unknown>;
    return { ...rest, assessment };
  });
  return { cases, assessments: answers, episodes };
}

describe('a Stepwise export read back by the import', () => {
  // About eighteen jobs, each on a new worker thread that loads the TypeScript worker through jiti: 12 s on an idle
  // machine, 20.6 s in a CI run sharing its 2 cores with other work, over the default 20 s.
  it('cases, assessments and episodes exported as CSV import into another database unchanged, column for column', async () => {
    await importFile(source, 'cases', writeFile(temp.dir, 'c.csv', CASES));
    await importFile(source, 'episodes', writeFile(temp.dir, 'e.csv', EPISODES));
    await importFile(source, 'assessments', writeFile(temp.dir, 'a.csv', ASSESSMENTS));
    const files: [ImportKind, string][] = [
      ['cases', await exported(source, 'cases')],
      ['episodes', await exported(source, 'episodes')],
      ['assessments', await exported(source, 'assessments')],
    ];
    for (const [kind, content] of files) {
      const file = writeFile(temp.dir, `exported-${kind}.csv`, content);
      const opened = await openFile(target, kind, file);
      // The notice line is skipped, the derived columns are ignored, and every importable column is matched.
      expect(opened.mappingProblems).toEqual([]);
      expect(opened.preview[0]?.[0]).toMatch(/^R-/);
      await importFile(target, kind, file);
      // Read back into the database it came from, the export changes nothing there.
      const again = await openFile(source, kind, file);
      const report = await check(source, again, { existing: 'update' });
      expect(report).toMatchObject({ problemCount: 0, create: 0, update: 0 });
    }
    const before = await snapshot(source);
    expect(await snapshot(target)).toEqual(before);
    expect(before.cases[0]?.full_name).toBe('=Smith, Ann "Annie"');
  }, 60_000);

  it('an amended assessment exports every version and imports back as its latest version', async () => {
    await importFile(source, 'cases', writeFile(temp.dir, 'c.csv', CASES));
    await importFile(source, 'assessments', writeFile(temp.dir, 'a.csv', ASSESSMENTS));
    const first = await source.database.db
      .selectFrom('assessments')
      .innerJoin('cases', 'cases.id', 'assessments.case_id')
      .select(['assessments.id', 'cases.id as caseId'])
      .where('cases.mrn', '=', 'R-2')
      .executeTakeFirstOrThrow();
    expectOk(
      await source.registry.invoke('assessments.save', {
        caseId: first.caseId,
        amendsId: first.id,
        assessedOn: '2026-09-15',
        severity: 'moderate',
        dimensions: { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 2, environment: 1 },
      }),
    );
    await importFile(target, 'cases', writeFile(temp.dir, 'c2.csv', await exported(source, 'cases')));
    const file = writeFile(temp.dir, 'a2.csv', await exported(source, 'assessments'));
    const opened = await openFile(target, 'assessments', file);
    expect(opened.columns).toContain('amends_assessment_id');
    const report = await check(target, opened);
    expect(report).toMatchObject({ problemCount: 0, create: 2, unchanged: 1 });
    await importFile(target, 'assessments', file);
    const imported = await target.database.db
      .selectFrom('assessments')
      .innerJoin('cases', 'cases.id', 'assessments.case_id')
      .select(['assessments.payload'])
      .where('cases.mrn', '=', 'R-2')
      .execute();
    expect(imported).toHaveLength(1);
    expect(JSON.parse(imported[0]?.payload ?? '{}')).toMatchObject({ severity: 'moderate', dimensions: { relapse: 2 } });
  });
});
