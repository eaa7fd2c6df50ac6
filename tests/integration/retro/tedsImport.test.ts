import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RetroDataset, RetroReport } from '../../../shared/contract/retro';
import { IGNORE_COLUMN } from '../../../shared/import/mapping';
import { check, commit, commitResult, importFile, openError, openFile, recordsDigest, writeFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.resolve(ROOT, '../shared/data/teds/tedsd-2023-sample-labelled.csv');
const CODED = path.join(ROOT, 'tests/fixtures/teds/tedsd-coded-fixture.csv');
const CODED_HEADER = 'CASEID,DISYR,STFIPS,AGE,GENDER,SERVICES,SERVICES_D,REASON,LOS,LIVARAG,LIVARAG_D,PSOURCE,NOPRIOR,PSYPROB,SUB1';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir('stepwise-teds-');
  core = await createTestCore(temp.dir);
  await core.signInAs('sam', ['supervisor']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

async function datasets(): Promise<RetroDataset[]> {
  return expectOk<{ datasets: RetroDataset[] }>(await core.registry.invoke('retro.datasets', {})).datasets;
}

async function storedRecord(caseRef: string, year = 2022) {
  return core.database.db
    .selectFrom('retro_records')
    .selectAll()
    .where('case_ref', '=', caseRef)
    .where('discharge_year', '=', year)
    .executeTakeFirstOrThrow();
}

describe('the labelled sample (real TEDS-D 2023 rows)', () => {
  it('is recognised from its header: the review’s columns matched, the other columns ignored', async () => {
    const opened = await openFile(core, 'teds-d', SAMPLE);
    expect(opened.tedsFormat).toBe('labelled');
    expect(opened.mappingProblems).toEqual([]);
    const matched = Object.fromEntries(
      opened.headers
        .map((header, index): [string, string | undefined] => [header, opened.columns[index]])
        .filter(([, target]) => target !== IGNORE_COLUMN),
    );
    expect(matched).toEqual({
      patient_id: 'CASEID',
      discharge_year: 'DISYR',
      living_arrangement_admit: 'LIVARAG',
      service_type_admit: 'SERVICES',
      service_type_discharge: 'SERVICES_D',
      referral_source: 'PSOURCE',
      prior_treatments: 'NOPRIOR',
      has_cooccurring_mental_health: 'PSYPROB',
      discharge_reason: 'REASON',
      length_of_stay: 'LOS',
    });
    expect(opened.columns.filter((target) => target === IGNORE_COLUMN)).toHaveLength(opened.headers.length - 10);
  });

  it('imports completely: 1,000 records, no problems, one dataset', async () => {
    const opened = await openFile(core, 'teds-d', SAMPLE);
    const report = await check(core, opened);
    expect(report).toMatchObject({ rows: 1000, problemCount: 0, create: 1000, update: 0, unchanged: 0, existing: 0, blockers: [] });
    expect(await commit(core, opened)).toMatchObject({ rows: 1000, create: 1000 });
    expect(await datasets()).toEqual([
      {
        id: expect.any(String) as string,
        format: 'labelled',
        fileName: 'tedsd-2023-sample-labelled.csv',
        importedAt: '2026-11-29T10:00:00.000Z',
        importedBy: 'Sam',
        records: 1000,
        dischargeYears: [2023],
      },
    ]);
    const audit = await core.database.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);
  });

  it('imported again changes nothing', async () => {
    await importFile(core, 'teds-d', SAMPLE);
    const before = await recordsDigest(core);
    const opened = await openFile(core, 'teds-d', SAMPLE);
    const report = await check(core, opened);
    expect(report).toMatchObject({ create: 0, update: 0, unchanged: 1000, existing: 0 });
    expect(report.blockers).toEqual(['Everything in this file is already in Stepwise; importing it would change nothing.']);
    expect((await commitResult(core, opened)).ok).toBe(false);
    expect(await recordsDigest(core)).toBe(before);
    expect(await datasets()).toHaveLength(1);
  });
});

describe('the coded public-use format', () => {
  it('is recognised from its header and imports to the same structure', async () => {
    const opened = await openFile(core, 'teds-d', CODED);
    expect(opened.tedsFormat).toBe('coded');
    expect(opened.columns).toEqual([
      'CASEID',
      'DISYR',
      IGNORE_COLUMN,
      IGNORE_COLUMN,
      IGNORE_COLUMN,
      'SERVICES',
      'SERVICES_D',
      'REASON',
      'LOS',
      'LIVARAG',
      IGNORE_COLUMN,
      'PSOURCE',
      'NOPRIOR',
      'PSYPROB',
      IGNORE_COLUMN,
    ]);
    await check(core, opened);
    expect(await commit(core, opened)).toMatchObject({ rows: 20, create: 20 });
    expect(await datasets()).toMatchObject([{ format: 'coded', records: 20, dischargeYears: [2021, 2022] }]);

    const fields = [
      'admission_setting',
      'discharge_setting',
      'reason',
      'los_min',
      'los_max',
      'living_arrangement',
      'referral_source',
      'prior_treatment',
      'cooccurring_mental_health',
      'recommended_level',
      'ruleset_version',
    ] as const;
    const pick = async (caseRef: string, year?: number) => {
      const row = await storedRecord(caseRef, year);
      return Object.fromEntries(fields.map((field) => [field, row[field]]));
    };
    // An exact stay of 5 days, independent living: no rule input, so no recommendation.
    expect(await pick('10001')).toEqual({
      admission_setting: 7,
      discharge_setting: 7,
      reason: 1,
      los_min: 5,
      los_max: 5,
      living_arrangement: 3,
      referral_source: 1,
      prior_treatment: 0,
      cooccurring_mental_health: 2,
      recommended_level: null,
      ruleset_version: '2026.1',
    });
    // LOS 31 is 31–45 days, kept as that range.
    expect(await pick('10002')).toMatchObject({ admission_setting: 6, discharge_setting: 7, los_min: 31, los_max: 45 });
    // Homeless at admission: no safe, sober place to live, so the rules recommend inpatient care.
    expect(await pick('10003')).toMatchObject({ admission_setting: 2, living_arrangement: 1, recommended_level: 'inpatient' });
    // LOS 37 is more than a year: open-ended.
    expect(await pick('10005')).toMatchObject({ los_min: 366, los_max: null, cooccurring_mental_health: null });
    // Ambulatory detoxification.
    expect(await pick('10006')).toMatchObject({ admission_setting: 8, discharge_setting: 8, los_min: 2, los_max: 2 });
    // -9 everywhere it may be: not recorded.
    expect(await pick('10008')).toMatchObject({
      los_min: 61,
      los_max: 90,
      living_arrangement: null,
      referral_source: null,
      prior_treatment: null,
      cooccurring_mental_health: null,
      recommended_level: null,
    });
    expect(await pick('10009')).toMatchObject({ admission_setting: 7, discharge_setting: null, los_min: null, los_max: null });
    expect(await pick('10019', 2021)).toMatchObject({ los_min: 46, los_max: 60 });
  });

  it('stores the same codes as the labelled format for the same discharge', async () => {
    const coded = writeFile(temp.dir, 'coded.csv', `${CODED_HEADER}\n1,2023,6,7,1,4,7,3,,1,1,7,1,1,2\n`);
    const labelled = writeFile(
      temp.dir,
      'labelled.csv',
      'patient_id,discharge_year,service_type_admit,service_type_discharge,discharge_reason,length_of_stay,living_arrangement_admit,referral_source,prior_treatments,has_cooccurring_mental_health\n' +
        '2,2023,Rehab Short-term (≤30 days),Non-intensive Outpatient,Terminated by facility,,Homeless,Criminal justice/DUI/DWI,One prior,Yes\n',
    );
    await importFile(core, 'teds-d', coded);
    await importFile(core, 'teds-d', labelled);
    const { id: _a, dataset_id: _d1, case_ref: _c1, ...fromCoded } = await storedRecord('1', 2023);
    const { id: _b, dataset_id: _d2, case_ref: _c2, ...fromLabelled } = await storedRecord('2', 2023);
    expect(fromLabelled).toEqual(fromCoded);
  });
});

describe('invalid codes', () => {
  it('are reported per row with the column, the value and a sentence, and nothing is written', async () => {
    await importFile(core, 'teds-d', CODED);
    const before = await recordsDigest(core);
    const file = writeFile(
      temp.dir,
      'bad.csv',
      `${CODED_HEADER}\n20001,2022,6,7,1,9,7,1,5,3,3,1,0,2,2\n20002,2022,6,7,1,7,7,1,40,3,3,1,0,2,2\n20003,2022,6,7,1,7,7,8,5,3,3,1,0,2,2\n20004,2022,6,7,1,7,7,1,2.5,3,3,1,0,2,2\n20005,2022,6,7,1,7,7,1,5,3,3,1,0,2,2\n20005,2022,6,7,1,6,7,1,5,3,3,1,0,2,2\n`,
    );
    const opened = await openFile(core, 'teds-d', file);
    const report = await check(core, opened);
    expect(report).toMatchObject({ rows: 6, problemCount: 5, rowsWithProblems: 5 });
    expect(report.problems).toEqual([
      {
        row: 2,
        column: 'SERVICES',
        value: '9',
        message: 'The setting at admission (SERVICES) must be a code from 1 to 8, or -9 if it was not recorded.',
      },
      {
        row: 3,
        column: 'LOS',
        value: '40',
        message: 'The length of stay (LOS) must be a code from 1 to 37 (1–30 are days, 31–37 ranges of days), or -9 if it was not recorded.',
      },
      {
        row: 4,
        column: 'REASON',
        value: '8',
        message: 'The reason for discharge (REASON) must be a code from 1 to 7, or -9 if it was not recorded.',
      },
      {
        row: 5,
        column: 'LOS',
        value: '2.5',
        message: 'The length of stay (LOS) must be a code from 1 to 37 (1–30 are days, 31–37 ranges of days), or -9 if it was not recorded.',
      },
      { row: 7, column: 'CASEID', value: '20005', message: 'Row 6 holds the same case ID for 2022; TEDS-D has one record per discharge.' },
    ]);
    expect(report.blockers[0]).toMatch(/5 rows have problems/);
    const refused = await commitResult(core, opened);
    expect(refused.ok).toBe(false);
    expect(await recordsDigest(core)).toBe(before);
  });

  it('a file that is not TEDS-D is refused when opened', async () => {
    const error = await openError(core, 'teds-d', writeFile(temp.dir, 'cases.csv', 'mrn,name,date_of_birth\nA-1,Ann,1980-01-01\n'));
    expect(error.message).toMatch(/names neither SERVICES and CASEID .* nor service_type_admit/);
  });
});

describe('a file that overlaps a dataset already imported', () => {
  const changed = () =>
    writeFile(temp.dir, 'changed.csv', `${CODED_HEADER}\n10001,2022,6,7,1,6,7,1,5,1,3,1,0,2,2\n10002,2022,6,5,2,6,7,1,31,3,3,7,1,1,5\n`);

  it('becomes a dataset of its own, and never changes the records (or the report) of the first', async () => {
    await importFile(core, 'teds-d', CODED);
    const [first] = await datasets();
    const firstReport = expectOk<RetroReport>(await core.registry.invoke('retro.report', { datasetId: first?.id ?? '' }));
    expect(await importFile(core, 'teds-d', changed(), { existing: 'update' })).toMatchObject({ create: 2, update: 0, unchanged: 0 });
    const all = await datasets();
    expect(all).toHaveLength(2);
    expect(all.find((dataset) => dataset.id === first?.id)).toMatchObject({ records: 20 });
    expect(all.find((dataset) => dataset.id !== first?.id)).toMatchObject({ records: 2 });
    expect(expectOk<RetroReport>(await core.registry.invoke('retro.report', { datasetId: first?.id ?? '' }))).toEqual(firstReport);
  });

  it('the same file imported again is recognised as that dataset and changes nothing, whatever the choice for existing records', async () => {
    await importFile(core, 'teds-d', changed());
    const before = await recordsDigest(core);
    for (const existing of ['update', 'skip', 'stop'] as const) {
      const opened = await openFile(core, 'teds-d', changed());
      expect(await check(core, opened, { existing })).toMatchObject({
        unchanged: 2,
        create: 0,
        update: 0,
        blockers: [expect.stringMatching(/already in Stepwise/)],
      });
    }
    expect(await recordsDigest(core)).toBe(before);
  });
});

describe('who may import and read', () => {
  it('refuses a clinician', async () => {
    await core.signInAs('lee', ['clinician']);
    core.chooseImportFile(SAMPLE);
    const opened = await core.registry.invoke('imports.open', { kind: 'teds-d' });
    expect(opened.ok ? 'ok' : opened.error.code).toBe('forbidden');
    const listed = await core.registry.invoke('retro.datasets', {});
    expect(listed.ok ? 'ok' : listed.error.code).toBe('forbidden');
  });
});
