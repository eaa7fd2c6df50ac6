import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetroDataset, RetroReport } from '../../../shared/contract/retro';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { importFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.resolve(ROOT, '../shared/data/teds/tedsd-2023-sample-labelled.csv');

/** The sample's labels as the TEDS-D codebook codes them, written out here so the test does not reuse the app's tables. */
const SETTING_CODES: Readonly<Record<string, number>> = {
  'Detox 24hr Hospital': 1,
  'Detox 24hr Residential': 2,
  'Rehab Hospital': 3,
  'Rehab Short-term (≤30 days)': 4,
  'Rehab Long-term (>30 days)': 5,
  'Intensive Outpatient': 6,
  'Non-intensive Outpatient': 7,
  'Outpatient Detox': 8,
};
const REASON_LABELS: Readonly<Record<string, string>> = {
  'Treatment completed': 'Treatment completed',
  'Dropped out': 'Dropped out',
  'Terminated by facility': 'Terminated by facility',
  Transferred: 'Transferred',
  Incarcerated: 'Incarcerated',
  Death: 'Death',
  Other: 'Other',
};
const STAY_BINS: Readonly<Record<string, readonly [number | null, number | null]>> = {
  '': [null, null],
  '1-7 days': [1, 7],
  '8-30 days': [8, 30],
  '31-90 days': [31, 90],
  '91-180 days': [91, 180],
  '181-365 days': [181, 365],
  'More than 1 year': [366, null],
};
const INPATIENT_SETTINGS = new Set([1, 2, 3, 4, 5]);

type SampleRow = Readonly<Record<string, string>>;
const rows = parse<SampleRow>(fs.readFileSync(SAMPLE), { columns: true, bom: true });

function tally<K>(keyOf: (row: SampleRow) => K): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(keyOf(row));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
const setting = (label: string | undefined): number => {
  const code = SETTING_CODES[label ?? ''];
  if (code === undefined) throw new Error(`unexpected setting label ${label ?? ''}`);
  return code;
};

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let report: RetroReport;

beforeAll(async () => {
  temp = makeTempDir('stepwise-retro-report-');
  core = await createTestCore(temp.dir);
  await core.signInAs('sam', ['supervisor']);
  await importFile(core, 'teds-d', SAMPLE);
  const [dataset] = expectOk<{ datasets: RetroDataset[] }>(await core.registry.invoke('retro.datasets', {})).datasets;
  report = expectOk<RetroReport>(await core.registry.invoke('retro.report', { datasetId: dataset?.id }));
});
afterAll(() => {
  core.close();
  temp.cleanup();
});

describe('the report of the labelled sample equals counts taken straight from the file', () => {
  it('reads 1,000 rows from the file', () => {
    expect(rows).toHaveLength(1000);
    expect(report.dataset.records).toBe(1000);
  });

  it('discharge reasons: completed 424, dropped out 238, transferred 225, terminated 55, other 47, incarcerated 9, death 2', () => {
    const byReason = new Map<string, number>();
    for (const outcome of report.outcomes) byReason.set(outcome.label, (byReason.get(outcome.label) ?? 0) + outcome.count);
    expect(Object.fromEntries(byReason)).toEqual({
      'Treatment completed': 424,
      'Dropped out': 238,
      Transferred: 225,
      'Terminated by facility': 55,
      Other: 47,
      Incarcerated: 9,
      Death: 2,
    });
    const fromFile = tally((row) => REASON_LABELS[row.discharge_reason ?? ''] ?? 'Not recorded');
    expect(Object.fromEntries(byReason)).toEqual(Object.fromEntries([...fromFile].map(([key, count]) => [JSON.parse(key) as string, count])));
  });

  it('admissions and discharges by setting', () => {
    const admissions = tally((row) => setting(row.service_type_admit));
    const discharges = tally((row) => setting(row.service_type_discharge));
    for (const entry of report.settings) {
      expect({ setting: entry.setting, admissions: entry.admissions, discharges: entry.discharges }).toEqual({
        setting: entry.setting,
        admissions: admissions.get(String(entry.setting)) ?? 0,
        discharges: discharges.get(String(entry.setting)) ?? 0,
      });
    }
    expect(report.missingSetting).toEqual({ admission: 0, discharge: 0 });
    expect(report.settings.find((entry) => entry.setting === 7)).toMatchObject({ admissions: 544, discharges: 553, level: 'outpatient' });
  });

  it('transitions from the admission to the discharge setting of each record', () => {
    const fromFile = tally((row) => [setting(row.service_type_admit), setting(row.service_type_discharge)]);
    expect(report.transitions.map((entry) => [JSON.stringify([entry.from, entry.to]), entry.count]).sort()).toEqual([...fromFile].sort());
    expect(report.transitions.find((entry) => entry.from === 7 && entry.to === 7)?.count).toBe(541);
  });

  it('outcomes by discharge setting', () => {
    const fromFile = tally((row) => [setting(row.service_type_discharge), row.discharge_reason]);
    expect(report.outcomes.map((entry) => [JSON.stringify([entry.setting, entry.label]), entry.count]).sort()).toEqual([...fromFile].sort());
  });

  it('length of stay by discharge setting in the file’s own bins, 661 not recorded', () => {
    const fromFile = tally((row) => [setting(row.service_type_discharge), ...(STAY_BINS[row.length_of_stay ?? ''] ?? ['?', '?'])]);
    expect(report.lengthOfStay.map((entry) => [JSON.stringify([entry.setting, entry.bin.min, entry.bin.max]), entry.count]).sort()).toEqual(
      [...fromFile].sort(),
    );
    const notRecorded = report.lengthOfStay.filter((entry) => entry.bin.min === null).reduce((sum, entry) => sum + entry.count, 0);
    expect(notRecorded).toBe(661);
    expect(new Set(report.lengthOfStay.map((entry) => entry.bin.label))).toEqual(
      new Set(['Not recorded', '1–7 days', '8–30 days', '31–90 days', '91–180 days', '181–365 days', 'More than a year']),
    );
  });

  it('concordance: only homelessness at admission gives a recommendation (inpatient); every other record is insufficient data', () => {
    const homeless = rows.filter((row) => row.living_arrangement_admit === 'Homeless');
    const matching = homeless.filter((row) => INPATIENT_SETTINGS.has(setting(row.service_type_admit))).length;
    expect(homeless).toHaveLength(165);
    expect(report.concordance).toMatchObject({ records: 1000, withRecommendation: 165, matching, insufficientData: 835 });
    const inpatient = report.concordance.byLevel.find((entry) => entry.level === 'inpatient');
    expect(inpatient).toMatchObject({ withRecommendation: matching, matching });
  });

  it('invents no date, no day count and no link between records', () => {
    const keys: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) for (const item of value) walk(item, where);
      else if (value !== null && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) {
          keys.push(`${where}.${key}`);
          walk(inner, `${where}.${key}`);
        }
    };
    walk(report, 'report');
    expect(keys.filter((key) => /date|day|mean|median|average|person|patient|case/i.test(key) || /(_on|On|At)$/.test(key))).toEqual([
      'report.dataset.importedAt',
    ]);
    expect(JSON.stringify(report)).not.toMatch(/\d{4}-\d{2}-\d{2}(?!T10:00:00\.000Z")/);
  });

  it('the stored records have no date column and no person link', () => {
    const columns = core.database.sqlite.prepare("SELECT name FROM pragma_table_info('retro_records')").pluck().all() as string[];
    expect(columns.filter((name) => /date|_on$|_at$|person|patient|case_id/.test(name))).toEqual([]);
  });
});

describe('retro.report', () => {
  it('says when a dataset does not exist', async () => {
    const result = await core.registry.invoke('retro.report', { datasetId: 'nope' });
    expect(result.ok ? 'ok' : result.error.code).toBe('not_found');
  });

  it('refuses an empty dataset id with a sentence', async () => {
    const result = await core.registry.invoke('retro.report', { datasetId: '' });
    expect(result.ok ? null : result.error.fields).toEqual([{ path: 'datasetId', message: 'Choose a dataset.' }]);
  });

  it('refuses a clinician', async () => {
    await core.signInAs('lee', ['clinician']);
    const result = await core.registry.invoke('retro.report', { datasetId: report.dataset.id });
    expect(result.ok ? 'ok' : result.error.code).toBe('forbidden');
    await core.signInAs('sam', ['supervisor']);
  });

  it('is exported as a report of counts that names no case, and the export is recorded', async () => {
    const saved = await core.registry.invoke('files.saveText', {
      suggestedName: 'retrospective.csv',
      content: `setting,admissions\n7,544\n${REDISCLOSURE_NOTICE}\n`,
      record: { kind: 'retro-report', caseIds: [], disclosure: null },
    });
    expect(saved.ok).toBe(true);
    const named = await core.registry.invoke('files.saveText', {
      suggestedName: 'retrospective.csv',
      content: REDISCLOSURE_NOTICE,
      record: { kind: 'retro-report', caseIds: ['case-1'], disclosure: null },
    });
    expect(named.ok ? 'ok' : named.error.code).toBe('invalid_input');
    const exports = await core.database.db.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'export').execute();
    expect(exports.map((event) => event.details)).toEqual([expect.stringContaining('retro-report')]);
  });
});
