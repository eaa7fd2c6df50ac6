import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRecordsInput } from '../../../shared/contract/exports';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { ASSESSMENT_CSV_COLUMNS, CASE_CSV_COLUMNS, DECISION_CSV_COLUMNS, EPISODE_CSV_COLUMNS } from '../../../shared/domain/csvColumns';
import { parseCsv, csvRecords } from '../../support/csv';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, type TestCore } from '../../support/testCore';
import { addClinicUsers } from '../support/caseFixture';
import { AWKWARD, caseDetail, exportAs, lastSavedFile, seedExportCaseload, type ExportCaseload } from '../support/exportFixture';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let seeded: ExportCaseload;

beforeEach(async () => {
  temp = makeTempDir('stepwise-exports-');
  core = await createTestCore(temp.dir);
  await addClinicUsers(core);
  seeded = await seedExportCaseload(core);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const ALL = { kind: 'all' } as const;
const csvExport = async (dataset: ExportRecordsInput['dataset'], scope: ExportRecordsInput['scope'] = ALL) => {
  expectOk(await exportAs(core, { dataset, format: 'csv', scope }));
  return lastSavedFile(core);
};

describe('a CSV export', () => {
  it('starts with the notice on its own line, then the header row, with CRLF line ends and every field quoted', async () => {
    await core.signInAs('dana', ['clinician']);
    const { name, content } = await csvExport('cases');
    expect(name).toBe('stepwise-cases-2026-11-29.csv');
    expect(content.startsWith(`"${REDISCLOSURE_NOTICE}"\r\n"mrn","name","date_of_birth",`)).toBe(true);
    expect(content.endsWith('\r\n')).toBe(true);
    expect(content.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(content);
    expect(rows[0]).toEqual([REDISCLOSURE_NOTICE]);
    expect(rows[1]).toEqual([...CASE_CSV_COLUMNS]);
  });

  it("holds a clinician's cases, round-tripping commas, quotes and letters beyond ASCII, with formulas neutralized", async () => {
    await core.signInAs('dana', ['clinician']);
    const records = csvRecords((await csvExport('cases')).content);
    expect(records.map((record) => record.mrn)).toEqual(['D-1001', 'D-1002']);
    expect(records[0]).toMatchObject({
      name: AWKWARD.fullName,
      date_of_birth: '1980-02-29',
      clinician_username: 'dana',
      clinician_name: 'Dana Reyes',
      status: 'active',
      current_level: 'outpatient',
      level_since: '2026-11-25',
    });
    expect(records[1]).toMatchObject({ name: `'${AWKWARD.formulaName}`, program: `'${AWKWARD.formulaProgram}`, payer: '', current_level: 'iop' });
  });

  it('holds every assessment version with its ratings, criteria, recommendation and the id JSON uses', async () => {
    await core.signInAs('dana', ['clinician']);
    const { content } = await csvExport('assessments');
    expect(parseCsv(content)[1]).toEqual([...ASSESSMENT_CSV_COLUMNS]);
    const records = csvRecords(content);
    expect(records.map((record) => [record.mrn, record.assessment_id, record.amends_assessment_id])).toEqual([
      ['D-1001', 'D-1001#2026-11-20', ''],
      ['D-1001', 'D-1001#2026-11-20#2', 'D-1001#2026-11-20'],
      ['D-1002', 'D-1002#2026-11-20', ''],
    ]);
    expect(records[1]).toMatchObject({
      assessed_on: '2026-11-20',
      current_level: 'iop',
      severity: 'moderate',
      withdrawal: '1',
      relapse: '2',
      safeSoberHousing: 'yes',
      lifeThreateningUse: 'no',
      weekly_treatment_hours: '',
      note: AWKWARD.note,
      recommended_level: 'iop',
      transition: 'continue',
      assessed_by: 'Dana Reyes',
    });
    expect(records[1]?.rule_ids).toMatch(/^[A-Z0-9-]+(; [A-Z0-9-]+)*$/);
    expect((records[1]?.reasons ?? '').length).toBeGreaterThan(10);
  });

  it('holds decisions with the variance, the review history and neutralized comments', async () => {
    await core.signInAs('dana', ['clinician']);
    const { content } = await csvExport('decisions');
    expect(parseCsv(content)[1]).toEqual([...DECISION_CSV_COLUMNS]);
    const records = csvRecords(content);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      mrn: 'D-1001',
      assessment_id: 'D-1001#2026-11-20#2',
      recommended_level: 'iop',
      chosen_level: 'outpatient',
      variance: 'yes',
      variance_reason: 'payer-authorization',
      variance_text: AWKWARD.varianceText,
      effective_date: '2026-11-25',
      status: 'approved',
      decided_by: 'Dana Reyes',
      review_outcome: 'approved',
      reviewed_by: 'Sam Okafor',
      review_comment: `'${AWKWARD.approveComment}`,
      superseded: 'no',
    });
    expect((records[0]?.review_history ?? '').split('\n')).toEqual([
      expect.stringMatching(/^2026-11-29T10:00:00\.000Z returned by Sam Okafor: Say which payer, please\.$/) as unknown,
      `2026-11-29T10:00:00.000Z approved by Sam Okafor: ${AWKWARD.approveComment}`,
    ]);
  });

  it('holds episodes with levels as words, dates, end reasons and days', async () => {
    await core.signInAs('dana', ['clinician']);
    const { content } = await csvExport('episodes');
    expect(parseCsv(content)[1]).toEqual([...EPISODE_CSV_COLUMNS]);
    expect(csvRecords(content)).toEqual([
      { mrn: 'D-1001', level: 'iop', started_on: '2026-11-02', ended_on: '2026-11-25', end_reason: 'stepped-down', days: '23' },
      { mrn: 'D-1001', level: 'outpatient', started_on: '2026-11-25', ended_on: '', end_reason: '', days: '' },
      { mrn: 'D-1002', level: 'iop', started_on: '2026-11-02', ended_on: '', end_reason: '', days: '' },
    ]);
  });
});

describe('the cases an export covers', () => {
  it("are a clinician's own caseload only, whatever filter she sends", async () => {
    await core.signInAs('dana', ['clinician']);
    const filters = [{ clinician: 'all' }, { clinician: 'user-lee' }, { clinician: 'unassigned' }, { search: 'L-2001' }, { search: 'Marisol' }];
    for (const dataset of ['cases', 'assessments', 'decisions', 'episodes'] as const) {
      const { content } = await csvExport(dataset);
      for (const trace of ['L-2001', 'Marisol Penhallow', 'Lee Chan']) expect(content).not.toContain(trace);
    }
    for (const filter of filters) {
      const result = await exportAs(core, { dataset: 'cases', format: 'csv', scope: { kind: 'filtered', filter } });
      if (result.ok) expect(lastSavedFile(core).content).not.toContain('L-2001');
      else expect(result.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^No cases match this selection/) as unknown });
    }
  });

  it('are every case for a supervisor, or those the caseload filters show', async () => {
    await core.signInAs('sam', ['supervisor']);
    expect(csvRecords((await csvExport('cases')).content).map((record) => record.mrn)).toEqual(['D-1001', 'D-1002', 'L-2001']);
    const iop = await csvExport('cases', { kind: 'filtered', filter: { level: 'iop' } });
    expect(csvRecords(iop.content).map((record) => record.mrn)).toEqual(['D-1002', 'L-2001']);
    const lees = await csvExport('episodes', { kind: 'filtered', filter: { clinician: 'user-lee' } });
    expect(csvRecords(lees.content).map((record) => record.mrn)).toEqual(['L-2001']);
    const found = await csvExport('decisions', { kind: 'filtered', filter: { search: 'Marisol' } });
    expect(csvRecords(found.content).map((record) => [record.mrn, record.status])).toEqual([['L-2001', 'draft']]);
  });

  it('leave out a case opened through emergency access', async () => {
    const signedIn = await core.registry.invoke('auth.signIn', { username: 'dana', password: 'correct horse battery' });
    expectOk(signedIn);
    expectOk(
      await core.registry.invoke('cases.emergencyAccess', { caseId: seeded.lees.caseId, reason: 'Covering for Lee; the patient called in crisis.' }),
    );
    expect((await caseDetail(core, seeded.lees.caseId)).access).toBe('emergency');
    const { content } = await csvExport('cases');
    expect(csvRecords(content).map((record) => record.mrn)).toEqual(['D-1001', 'D-1002']);
  });

  it('must hold something: an empty selection is refused in a sentence and nothing is saved', async () => {
    await core.signInAs('dana', ['clinician']);
    const none = await exportAs(core, { dataset: 'cases', format: 'csv', scope: { kind: 'filtered', filter: { level: 'inpatient' } } });
    expect(none).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No cases match this selection, so there is nothing to export. Nothing was saved.', fields: [] },
    });
    const noDecisions = await exportAs(core, { dataset: 'decisions', format: 'csv', scope: { kind: 'filtered', filter: { search: 'D-1002' } } });
    expect(noDecisions).toMatchObject({
      ok: false,
      error: { message: 'There are no placement decisions for the case in this selection, so there is nothing to export. Nothing was saved.' },
    });
    expect(core.savedFiles).toEqual([]);
  });
});

describe('export requests', () => {
  it.each([
    ['JSON of cases', { dataset: 'cases', format: 'json', scope: ALL }, 'format', /^Cases and placement decisions are exported as CSV only/],
    ['JSON of decisions', { dataset: 'decisions', format: 'json', scope: ALL }, 'format', /as CSV only/],
    ['an unknown dataset', { dataset: 'users', format: 'csv', scope: ALL }, 'dataset', /^Choose what to export/],
    ['an unknown format', { dataset: 'cases', format: 'xlsx', scope: ALL }, 'format', /^Choose the file format/],
    ['no scope', { dataset: 'cases', format: 'csv' }, 'scope', /^Choose which cases to export/],
    [
      'an unknown filter',
      { dataset: 'cases', format: 'csv', scope: { kind: 'filtered', filter: { level: 'detox' } } },
      'scope.filter.level',
      /level/,
    ],
    [
      'a disclosure without its recipient',
      { dataset: 'cases', format: 'csv', scope: ALL, disclosure: { recipient: '', purpose: 'Care', consentReference: 'C-1' } },
      'disclosure.recipient',
      /^Enter the recipient\.$/,
    ],
  ])('are refused with %s, the field named, and nothing is saved', async (_what, input, path, message) => {
    await core.signInAs('dana', ['clinician']);
    const result = await core.registry.invoke('exports.save', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.fields).toContainEqual({ path, message: expect.stringMatching(message) as unknown });
    expect(core.savedFiles).toEqual([]);
  });

  it('cannot pass window content off as a bulk export through files.saveText', async () => {
    await core.signInAs('dana', ['clinician']);
    const record = { kind: 'cases-csv', caseIds: [seeded.zoe.caseId], disclosure: null };
    const result = await core.registry.invoke('files.saveText', { suggestedName: 'cases.csv', content: `${REDISCLOSURE_NOTICE}\r\nmrn\r\n`, record });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'record.kind' }] } });
    expect(core.savedFiles).toEqual([]);
  });
});
