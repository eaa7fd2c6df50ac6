import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testJobRunner } from '../../support/testJobs';
import { createAppCore, type AppCore } from '../../../electron/core/createAppCore';
import { createMemoryLogger } from '../../../electron/log/logger';
import type { CaseSummary } from '../../../shared/contract/cases';
import { EXPORT_KIND_LABELS, type CaseDisclosures, type ExportRecordInput } from '../../../shared/contract/disclosures';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, sequentialIds, type TestCore } from '../../support/testCore';
import { auditRows, detailsOf, MINUTE, movableClock, type MovableClock } from '../support/auditTrail';
import { addClinicUsers, prepareCase, type CaseFixture } from '../support/caseFixture';

const TO_PROBATION = { recipient: 'County Probation Office', purpose: 'Court-ordered treatment update', consentReference: 'Consent 2026-114' };
const CSV = `${REDISCLOSURE_NOTICE}\r\nfield,value\r\nlevel,IOP\r\n`;

/** Export records the contract refuses, with the field named and the message shown there. */
const BAD_RECORDS: readonly (readonly [string, Partial<ExportRecordInput>, string, RegExp])[] = [
  ['a blank recipient', { disclosure: { ...TO_PROBATION, recipient: '   ' } }, 'record.disclosure.recipient', /^Enter the recipient\.$/],
  [
    'no consent reference',
    { disclosure: { ...TO_PROBATION, consentReference: '' } },
    'record.disclosure.consentReference',
    /^Enter the consent reference\.$/,
  ],
  ['a case summary of no case', { caseIds: [] }, 'record.caseIds', /names exactly one case/],
  ['a case summary of two cases', { caseIds: ['a', 'b'] }, 'record.caseIds', /names exactly one case/],
  ['a report of counts naming a case', { kind: 'outcome-report' }, 'record.caseIds', /a report of counts names none/],
];

let temp: ReturnType<typeof makeTempDir>;

describe('files leaving the clinic', () => {
  let core: TestCore;
  let clock: MovableClock;
  let danas: CaseFixture;
  let lees: CaseFixture;

  beforeEach(async () => {
    temp = makeTempDir('stepwise-disclosures-');
    clock = movableClock();
    core = await createTestCore(temp.dir, { clock });
    await addClinicUsers(core);
    danas = await prepareCase(core, 'dana');
    lees = await prepareCase(core, 'lee');
    await core.signInAs('dana', ['clinician']);
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const saveText = (record: ExportRecordInput, content = CSV) =>
    core.registry.invoke('files.saveText', { suggestedName: 'summary.csv', content, record });
  const savePdf = (record: ExportRecordInput) => core.registry.invoke('files.savePdf', { suggestedName: 'summary.pdf', record });
  const history = async (caseId: string) => expectOk<CaseDisclosures>(await core.registry.invoke('disclosures.list', { caseId }));
  const disclosureRows = () => core.database.sqlite.prepare('SELECT * FROM disclosures').all();

  it("are entered in the case's disclosure history with recipient, purpose, consent, who and when", async () => {
    const logged = auditRows(core).length;
    expect(await saveText({ kind: 'case-summary', caseIds: [danas.caseId], disclosure: TO_PROBATION })).toEqual({
      ok: true,
      value: { saved: true, fileName: 'summary.csv' },
    });
    const at = clock.now().toISOString();
    const { disclosures } = await history(danas.caseId);
    expect(disclosures).toEqual([
      {
        id: expect.any(String) as unknown,
        caseId: danas.caseId,
        disclosedAt: at,
        ...TO_PROBATION,
        content: `${EXPORT_KIND_LABELS['case-summary']}, CSV`,
        disclosedBy: { id: 'user-dana', displayName: 'Dana Reyes' },
      },
    ]);
    const added = auditRows(core).slice(logged);
    expect(added.map((row) => [row.action, row.record_type, row.record_id])).toEqual([
      ['export', 'case', danas.caseId],
      ['disclosure-recorded', 'disclosure', disclosures[0]?.id],
      ['case-viewed', 'case', danas.caseId],
    ]);
    expect(added.map(detailsOf)).toEqual([
      { kind: 'case-summary', format: 'csv', cases: 1, outsideClinic: true },
      { caseId: danas.caseId, kind: 'case-summary' },
      { view: 'disclosure history' },
    ]);

    clock.advance(MINUTE);
    await core.signInAs('sam', ['supervisor']);
    expectOk(await savePdf({ kind: 'case-summary', caseIds: [danas.caseId], disclosure: { ...TO_PROBATION, recipient: 'Dr. Ames, primary care' } }));
    expect(
      (await history(danas.caseId)).disclosures.map((entry) => [entry.recipient, entry.content.endsWith('PDF'), entry.disclosedBy.displayName]),
    ).toEqual([
      [TO_PROBATION.recipient, false, 'Dana Reyes'],
      ['Dr. Ames, primary care', true, 'Sam Okafor'],
    ]);
    expect((await history(lees.caseId)).disclosures).toEqual([]);
  });

  it('record a report of counts as one disclosure that names no case', async () => {
    await core.signInAs('sam', ['supervisor']);
    expectOk(await savePdf({ kind: 'outcome-report', caseIds: [], disclosure: TO_PROBATION }));
    expect(disclosureRows()).toMatchObject([{ case_id: null, recipient: TO_PROBATION.recipient, disclosed_by: 'user-sam' }]);
    expect(auditRows(core).at(-2)).toMatchObject({ action: 'export', record_type: null, record_id: null });
    expect((await history(danas.caseId)).disclosures).toEqual([]);
  });

  it('used within the clinic are recorded as exports, not disclosures', async () => {
    expectOk(await saveText({ kind: 'case-summary', caseIds: [danas.caseId], disclosure: null }));
    const last = auditRows(core).at(-1);
    expect(last).toMatchObject({ action: 'export', record_id: danas.caseId });
    expect(last && detailsOf(last)).toMatchObject({ outsideClinic: false });
    expect(disclosureRows()).toEqual([]);
  });

  it.each(BAD_RECORDS)('are refused with %s, beside the field, and nothing is saved or recorded', async (_what, change, path, message) => {
    const record: ExportRecordInput = { kind: 'case-summary', caseIds: [danas.caseId], disclosure: TO_PROBATION, ...change };
    const logged = auditRows(core).length;
    for (const result of [await saveText(record), await savePdf(record)]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.fields).toContainEqual({ path, message: expect.stringMatching(message) as unknown });
    }
    expect(core.savedFiles).toEqual([]);
    expect(disclosureRows()).toEqual([]);
    expect(auditRows(core)).toHaveLength(logged);
  });

  it('are refused without the redisclosure notice', async () => {
    const result = await saveText({ kind: 'case-summary', caseIds: [danas.caseId], disclosure: TO_PROBATION }, 'level\r\nIOP\r\n');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'content' }] } });
    expect(core.savedFiles).toEqual([]);
    expect(disclosureRows()).toEqual([]);
  });

  it('cannot be made by a clinician for a case outside her caseload: no dialog, no file, the attempt recorded as refused', async () => {
    for (const result of [
      await saveText({ kind: 'case-summary', caseIds: [lees.caseId], disclosure: TO_PROBATION }),
      await savePdf({ kind: 'disclosure-history', caseIds: [lees.caseId], disclosure: null }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.savedFiles).toEqual([]);
    expect(disclosureRows()).toEqual([]);
    expect(auditRows(core).filter((row) => row.action === 'export' || row.action === 'disclosure-recorded')).toEqual([]);
    const refusals = auditRows(core).filter((row) => row.action === 'access-denied');
    expect(refusals.map((row) => [row.user_id, row.record_id, detailsOf(row).channel])).toEqual([
      ['user-dana', lees.caseId, 'files.saveText'],
      ['user-dana', lees.caseId, 'files.savePdf'],
    ]);
  });

  it('stay recorded: SQL can neither change nor delete them', async () => {
    expectOk(await saveText({ kind: 'case-summary', caseIds: [danas.caseId], disclosure: TO_PROBATION }));
    const sqlite = core.database.sqlite;
    expect(() => sqlite.prepare("UPDATE disclosures SET recipient = 'Nobody'").run()).toThrow('A recorded disclosure cannot be changed.');
    expect(() => sqlite.prepare('DELETE FROM disclosures').run()).toThrow('A recorded disclosure cannot be deleted.');
    expect(disclosureRows()).toMatchObject([{ recipient: TO_PROBATION.recipient }]);
  });
});

describe('a save dialog the person cancels', () => {
  let core: AppCore;

  beforeEach(async () => {
    temp = makeTempDir('stepwise-cancelled-save-');
    // As testCore builds it, but with a shell whose save dialogs are always cancelled.
    core = await createAppCore({
      dataDir: temp.dir,
      appVersion: '0.0.0-test',
      logger: createMemoryLogger(),
      clock: movableClock(),
      newId: sequentialIds(),
      jobs: testJobRunner,
      shell: {
        openInSystemBrowser: async () => undefined,
        chooseFileToImport: async () => null,
        chooseFileToOpen: async () => null,
        saveBinaryFile: async () => ({ saved: false, fileName: null }),
        saveTextFile: async () => ({ saved: false, fileName: null }),
        saveWindowAsPdf: async () => ({ saved: false, fileName: null }),
      },
    });
    const admin = { username: 'root', displayName: 'Robin Admin', password: 'first admin password', alsoClinician: true, alsoSupervisor: false };
    expectOk(await core.registry.invoke('auth.setupAdmin', admin));
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('records nothing: no export, no disclosure, the audit head unmoved', async () => {
    const { id: caseId } = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput()));
    const sqlite = core.vault.database.sqlite;
    const headBefore = core.vault.keyring()?.audit;
    const eventsBefore = sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all();
    expect(eventsBefore).toEqual(['account-setup', 'case-created']);

    const record = { kind: 'case-summary', caseIds: [caseId], disclosure: TO_PROBATION } as const;
    const cancelled = { ok: true, value: { saved: false, fileName: null } };
    expect(await core.registry.invoke('files.savePdf', { suggestedName: 'summary.pdf', record })).toEqual(cancelled);
    expect(await core.registry.invoke('files.saveText', { suggestedName: 'summary.csv', content: CSV, record })).toEqual(cancelled);
    expect(await core.registry.invoke('audit.export', {})).toEqual(cancelled);

    expect(sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all()).toEqual(eventsBefore);
    expect(sqlite.prepare('SELECT count(*) FROM disclosures').pluck().get()).toBe(0);
    expect(core.vault.keyring()?.audit).toEqual(headBefore);
  });
});
