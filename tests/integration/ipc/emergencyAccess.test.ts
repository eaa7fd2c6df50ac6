import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTSIDE_CASELOAD_MESSAGE } from '../../../electron/services/caseAccess';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CasePage } from '../../../shared/contract/cases';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { auditRows, detailsOf, lastAuditRow, MINUTE, movableClock, type MovableClock } from '../support/auditTrail';
import { addClinicUsers, prepareCase, type CaseFixture } from '../support/caseFixture';

const LEES_PATIENT = { fullName: 'Marisol Penhallow', mrn: 'LEE-0001', dateOfBirth: '1990-02-14' };
const REASON = 'Covering for Lee today; the patient called in crisis.';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let clock: MovableClock;
let danas: CaseFixture;
let lees: CaseFixture;

beforeEach(async () => {
  temp = makeTempDir('stepwise-emergency-');
  clock = movableClock();
  core = await createTestCore(temp.dir, { clock });
  await addClinicUsers(core);
  danas = await prepareCase(core, 'dana');
  lees = await prepareCase(core, 'lee', LEES_PATIENT);
  await core.registry.invoke('auth.signOut', {});
  clock.advance(MINUTE);
  expectOk(await signIn('dana'));
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const signIn = (username: string) => core.registry.invoke('auth.signIn', { username, password: TEST_PASSWORD });
const openLees = () => core.registry.invoke('cases.get', { caseId: lees.caseId });
const emergency = (reason: unknown) => core.registry.invoke('cases.emergencyAccess', { caseId: lees.caseId, reason });
const list = async (query: Record<string, unknown> = {}) => expectOk<CasePage>(await core.registry.invoke('cases.list', query));
const grants = () => core.database.sqlite.prepare('SELECT case_id, user_id, reason, granted_at FROM emergency_access').all();
const listedIds = async () => (await list()).rows.map((row) => row.id);

describe('emergency access', () => {
  it.each([
    ['a short reason', 'crisis', 'Give the reason for opening this case in at least 10 characters.'],
    ['spaces only', '             ', 'Give the reason for opening this case in at least 10 characters.'],
    ['no reason', undefined, 'Give the reason for opening this case.'],
  ])('asks for a reason (%s), beside the field, and records nothing', async (_what, reason, message) => {
    const logged = auditRows(core).length;
    const result = await emergency(reason);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'reason', message }] } });
    expect(grants()).toEqual([]);
    expect(auditRows(core)).toHaveLength(logged);
    expect(await openLees()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('records the reason in the case record and the audit log, then opens the case for this session', async () => {
    const opened = expectOk<CaseDetail>(await emergency(REASON));
    expect(opened.access).toBe('emergency');
    expect(opened.summary).toMatchObject({ id: lees.caseId, fullName: LEES_PATIENT.fullName });
    expect(grants()).toEqual([{ case_id: lees.caseId, user_id: 'user-dana', reason: REASON, granted_at: clock.now().toISOString() }]);
    const recorded = lastAuditRow(core);
    expect(recorded).toMatchObject({ action: 'emergency-access', user_id: 'user-dana', record_type: 'case', record_id: lees.caseId, outcome: 'ok' });
    expect(detailsOf(recorded)).toEqual({ reason: REASON });

    expect(expectOk<CaseDetail>(await openLees()).access).toBe('emergency');
    expect(detailsOf(lastAuditRow(core))).toEqual({ access: 'emergency' });
    expect((await listedIds()).sort()).toEqual([danas.caseId, lees.caseId].sort());
    expect(await core.registry.invoke('care.recordAttendance', { caseId: lees.caseId, sessionDate: '2026-11-18', hours: 1 })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['sign-out', () => core.registry.invoke('auth.signOut', {})],
    ['a manual lock', () => core.registry.invoke('auth.lock', { reason: 'manual' })],
    ['the inactivity lock', async () => (clock.advance(12 * MINUTE), core.lockIfIdle())],
  ])('ends at %s: the next session is refused again', async (_how, end) => {
    expectOk(await emergency(REASON));
    await end();
    expect(await openLees()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    clock.advance(MINUTE);
    expectOk(await signIn('dana'));
    expect(await openLees()).toEqual({ ok: false, error: { code: 'forbidden', message: OUTSIDE_CASELOAD_MESSAGE } });
    expect(await listedIds()).toEqual([danas.caseId]);
    expect(grants()).toHaveLength(1);
  });

  it('belongs to the session, not to a time: a sign-in in the same instant as the grant does not inherit it', async () => {
    expectOk(await emergency(REASON));
    expectOk(await core.registry.invoke('auth.signOut', {}));
    expectOk(await signIn('dana'));
    expect(await openLees()).toEqual({ ok: false, error: { code: 'forbidden', message: OUTSIDE_CASELOAD_MESSAGE } });
  });

  it('is not needed, and not recorded, for her own case', async () => {
    const result = await core.registry.invoke('cases.emergencyAccess', { caseId: danas.caseId, reason: REASON });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(grants()).toEqual([]);
    expect(auditRows(core).filter((row) => row.action === 'emergency-access')).toEqual([]);
  });

  it('says when the case does not exist', async () => {
    const result = await core.registry.invoke('cases.emergencyAccess', { caseId: 'no-such-case', reason: REASON });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(grants()).toEqual([]);
  });
});

describe('a case outside the caseload found by MRN', () => {
  const expectNoPatientDetails = (value: unknown) => {
    const text = JSON.stringify(value);
    for (const identifier of ['Marisol', 'Penhallow', LEES_PATIENT.dateOfBirth]) expect(text).not.toContain(identifier);
  };

  it('is reported on an exact MRN search with its clinician, and without the patient', async () => {
    for (const search of [LEES_PATIENT.mrn, LEES_PATIENT.mrn.toLowerCase()]) {
      const page = await list({ search });
      expect(page.rows).toEqual([]);
      expect(page.outsideCaseload).toEqual({ caseId: lees.caseId, mrn: LEES_PATIENT.mrn, clinician: { id: 'user-lee', displayName: 'Lee Chan' } });
      expectNoPatientDetails(page);
    }
  });

  it('is not reported for a partial MRN or a name', async () => {
    for (const search of ['LEE-000', 'Marisol', 'Penhallow']) {
      expect(await list({ search })).toMatchObject({ rows: [], outsideCaseload: null, total: 0 });
    }
    expect((await list({ search: danas.mrn })).outsideCaseload).toBeNull();
  });

  it('is not named when a new case or an edit clashes with its MRN', async () => {
    const created = await core.registry.invoke('cases.create', makeCaseInput({ mrn: LEES_PATIENT.mrn }));
    expect(created).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: [{ path: 'mrn', message: `MRN ${LEES_PATIENT.mrn} is already used by a case outside your caseload.` }] },
    });
    expectNoPatientDetails(created);
    const updated = await core.registry.invoke('cases.update', {
      caseId: danas.caseId,
      mrn: LEES_PATIENT.mrn,
      fullName: danas.fullName,
      dateOfBirth: danas.dateOfBirth,
    });
    expect(updated).toMatchObject({ ok: false, error: { code: 'conflict', fields: [{ path: 'mrn' }] } });
    expectNoPatientDetails(updated);
  });

  it('is named to a supervisor, who sees every case', async () => {
    await core.signInAs('sam', ['supervisor']);
    const created = await core.registry.invoke('cases.create', makeCaseInput({ mrn: LEES_PATIENT.mrn }));
    expect(created).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(LEES_PATIENT.fullName) as unknown } });
  });
});
