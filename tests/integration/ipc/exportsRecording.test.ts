import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testJobRunner } from '../../support/testJobs';
import { createAppCore, type AppCore } from '../../../electron/core/createAppCore';
import { createMemoryLogger } from '../../../electron/log/logger';
import type { CaseSummary } from '../../../shared/contract/cases';
import { EXPORT_KIND_LABELS, type CaseDisclosures } from '../../../shared/contract/disclosures';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, sequentialIds, type TestCore } from '../../support/testCore';
import { auditRows, detailsOf, expectKeyFileHeadToFollowLog, movableClock } from '../support/auditTrail';
import { addClinicUsers } from '../support/caseFixture';
import { AWKWARD, exportAs, seedExportCaseload, type ExportCaseload } from '../support/exportFixture';

const TO_PRIMARY_CARE = { recipient: 'Dr. Ames, primary care', purpose: 'Continuity of care after step-down', consentReference: 'Consent 2026-201' };
const ALL = { kind: 'all' } as const;

let temp: ReturnType<typeof makeTempDir>;

describe('a bulk export', () => {
  let core: TestCore;
  let seeded: ExportCaseload;

  beforeEach(async () => {
    temp = makeTempDir('stepwise-export-records-');
    core = await createTestCore(temp.dir);
    await addClinicUsers(core);
    seeded = await seedExportCaseload(core);
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const disclosureRows = () => core.database.sqlite.prepare('SELECT * FROM disclosures ORDER BY case_id').all() as Record<string, unknown>[];

  it('used within the clinic is recorded as one export event with ids and counts only, and no disclosure', async () => {
    await core.signInAs('dana', ['clinician']);
    const logged = auditRows(core).length;
    const result = expectOk(await exportAs(core, { dataset: 'cases', format: 'csv', scope: ALL }));
    expect(result).toEqual({ saved: true, fileName: 'stepwise-cases-2026-11-29.csv', cases: 2, rows: 2 });
    const added = auditRows(core).slice(logged);
    expect(added.map((row) => [row.action, row.record_type, row.record_id, row.user_id])).toEqual([['export', null, null, 'user-dana']]);
    expect(added.map(detailsOf)).toEqual([{ kind: 'cases-csv', format: 'csv', cases: 2, rows: 2, outsideClinic: false }]);
    expect(disclosureRows()).toEqual([]);
    expectKeyFileHeadToFollowLog(core);
  });

  it('leaving the clinic enters one disclosure per case in the file, with the export, in one transaction', async () => {
    await core.signInAs('dana', ['clinician']);
    const logged = auditRows(core).length;
    const result = expectOk(await exportAs(core, { dataset: 'assessments', format: 'json', scope: ALL, disclosure: TO_PRIMARY_CARE }));
    expect(result).toMatchObject({ saved: true, cases: 2, rows: 3 });
    const disclosures = disclosureRows();
    expect(disclosures.map((row) => row.case_id)).toEqual([seeded.zoe.caseId, seeded.formula.caseId].sort());
    for (const row of disclosures) {
      expect(row).toMatchObject({
        recipient: TO_PRIMARY_CARE.recipient,
        purpose: TO_PRIMARY_CARE.purpose,
        consent_reference: TO_PRIMARY_CARE.consentReference,
        content: `${EXPORT_KIND_LABELS['assessments-json']}, JSON`,
        disclosed_by: 'user-dana',
        disclosed_at: '2026-11-29T10:00:00.000Z',
      });
    }
    const added = auditRows(core).slice(logged);
    expect(added.map((row) => row.action)).toEqual(['export', 'disclosure-recorded', 'disclosure-recorded']);
    expect(detailsOf(added[0]!)).toEqual({ kind: 'assessments-json', format: 'json', cases: 2, rows: 3, outsideClinic: true });
    expect(
      added
        .slice(1)
        .map((row) => detailsOf(row).caseId)
        .sort(),
    ).toEqual([seeded.zoe.caseId, seeded.formula.caseId].sort());
    expect(new Set(added.map((row) => row.at)).size).toBe(1);
    expectKeyFileHeadToFollowLog(core);

    const history = expectOk<CaseDisclosures>(await core.registry.invoke('disclosures.list', { caseId: seeded.zoe.caseId }));
    expect(history.disclosures.map((entry) => [entry.recipient, entry.content])).toEqual([
      [TO_PRIMARY_CARE.recipient, `${EXPORT_KIND_LABELS['assessments-json']}, JSON`],
    ]);
  });

  it('names only the cases whose records are in the file: no decision, no disclosure', async () => {
    await core.signInAs('dana', ['clinician']);
    expectOk(await exportAs(core, { dataset: 'decisions', format: 'csv', scope: ALL, disclosure: TO_PRIMARY_CARE }));
    expect(disclosureRows().map((row) => row.case_id)).toEqual([seeded.zoe.caseId]);
    expect(detailsOf(auditRows(core).at(-2)!)).toMatchObject({ kind: 'decisions-csv', cases: 1, rows: 1 });
  });

  it('writes no patient identifier into the audit log', async () => {
    await core.signInAs('sam', ['supervisor']);
    for (const dataset of ['cases', 'assessments', 'decisions', 'episodes'] as const) {
      expectOk(await exportAs(core, { dataset, format: 'csv', scope: ALL, disclosure: TO_PRIMARY_CARE }));
    }
    const exported = auditRows(core).filter((row) => row.action === 'export' || row.action === 'disclosure-recorded');
    expect(exported).toHaveLength(4 + 4 + 3 + 4);
    const text = JSON.stringify(exported);
    for (const identifier of ['D-1001', 'D-1002', 'L-2001', 'Zoë', 'Marisol', 'HYPERLINK', '1980-02-29', TO_PRIMARY_CARE.recipient]) {
      expect(text).not.toContain(identifier);
    }
  });

  it('is refused to an administrator without a clinical role, and the attempt is recorded', async () => {
    await core.signInAs('root', ['admin']);
    const result = await exportAs(core, { dataset: 'cases', format: 'csv', scope: ALL });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'Your role does not allow this action. Nothing was changed.' } });
    expect(core.savedFiles).toEqual([]);
    expect(auditRows(core).at(-1)).toMatchObject({ action: 'access-denied', record_type: 'channel', record_id: 'exports.save', outcome: 'denied' });
  });

  it('is refused while Stepwise is locked', async () => {
    core.session.end();
    expect(await exportAs(core, { dataset: 'cases', format: 'csv', scope: ALL })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(core.savedFiles).toEqual([]);
  });

  it('holds the same bytes for the same records: no clock or random order in the content', async () => {
    await core.signInAs('sam', ['supervisor']);
    expectOk(await exportAs(core, { dataset: 'decisions', format: 'csv', scope: ALL }));
    expectOk(await exportAs(core, { dataset: 'decisions', format: 'csv', scope: ALL }));
    const [first, second] = core.savedFiles;
    expect(first?.content).toBe(second?.content);
    expect(first?.content).toContain(AWKWARD.varianceText.replaceAll('"', '""'));
  });
});

describe('a bulk export whose save dialog is cancelled', () => {
  let core: AppCore;

  beforeEach(async () => {
    temp = makeTempDir('stepwise-export-cancelled-');
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

  it('records nothing: no export, no disclosure, the audit head unmoved; the counts still say what the file would hold', async () => {
    expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput()));
    const sqlite = core.vault.database.sqlite;
    const headBefore = core.vault.keyring()?.audit;
    const eventsBefore = sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all();
    const result = await core.registry.invoke('exports.save', { dataset: 'cases', format: 'csv', scope: ALL, disclosure: TO_PRIMARY_CARE });
    expect(result).toEqual({ ok: true, value: { saved: false, fileName: null, cases: 1, rows: 1 } });
    expect(sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').pluck().all()).toEqual(eventsBefore);
    expect(sqlite.prepare('SELECT count(*) FROM disclosures').pluck().get()).toBe(0);
    expect(core.vault.keyring()?.audit).toEqual(headBefore);
  });
});
