import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CasePage, CaseSummary } from '../../../shared/contract/cases';
import { makeCaseInput } from '../../factories/cases';
import { expectOk, placeCase } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.addUser('lee', ['clinician'], 'Lee Chan');
  await core.signInAs('dana', ['clinician']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

async function list(query: Record<string, unknown> = {}): Promise<CasePage> {
  return expectOk<CasePage>(await core.registry.invoke('cases.list', { clinician: 'all', ...query }));
}

describe('cases.create', () => {
  it('stores a case assigned to the clinician who creates it, unplaced until a decision is approved', async () => {
    const created = expectOk<CaseSummary>(
      await core.registry.invoke('cases.create', {
        mrn: ' A-17 ',
        fullName: '  Jane Doe ',
        dateOfBirth: '1980-03-01',
        program: '',
        payer: 'Medicaid',
      }),
    );
    expect(created).toEqual({
      id: 'id-000001',
      mrn: 'A-17',
      fullName: 'Jane Doe',
      dateOfBirth: '1980-03-01',
      clinician: { id: 'user-dana', displayName: 'Dana' },
      program: null,
      payer: 'Medicaid',
      status: 'active',
      level: null,
      levelSince: null,
      recommendedLevel: null,
      mismatch: false,
      decisionStatus: null,
      plannedLevel: null,
      plannedOn: null,
      nextReviewDue: null,
      reviewOverdue: false,
      iopHoursLastWeek: null,
      iopBelowIntensity: false,
      authorizationFlag: null,
      authorizationEndsOn: null,
      synthetic: false,
      createdAt: '2026-11-29T10:00:00.000Z',
      updatedAt: '2026-11-29T10:00:00.000Z',
    });
    expect((await list()).rows).toEqual([created]);
  });

  it('can be assigned to another active clinician, but not to someone who is not one', async () => {
    const created = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput({ clinicianId: 'user-lee' })));
    expect(created.clinician?.displayName).toBe('Lee Chan');
    await core.addUser('sam', ['supervisor']);
    const refused = await core.registry.invoke('cases.create', makeCaseInput({ clinicianId: 'user-sam' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'clinicianId' }] } });
  });

  it('refuses a duplicate MRN, names the existing case, and writes nothing', async () => {
    await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'A-17', fullName: 'Jane Doe' }));
    const result = await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'a-17', fullName: 'John Roe' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', fields: [{ path: 'mrn' }] } });
    if (!result.ok) expect(result.error.message).toMatch(/MRN A-17 already exists: Jane Doe/);
    expect((await list()).total).toBe(1);
  });

  it.each([
    ['in the future', '2026-11-30', /in the future/],
    ['before 1900', '1899-12-31', /before 1900/],
  ])('refuses a date of birth %s beside the field', async (_label, dateOfBirth, message) => {
    const result = await core.registry.invoke('cases.create', makeCaseInput({ dateOfBirth }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields).toEqual([{ path: 'dateOfBirth', message: expect.stringMatching(message) as unknown }]);
    expect((await list()).total).toBe(0);
  });

  it('refuses a level: the level comes only from approved decisions', async () => {
    expect(await core.registry.invoke('cases.create', { ...makeCaseInput(), level: 'iop' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('cases.update and cases.get', () => {
  it('updates the record and keeps the MRN unique', async () => {
    const first = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'A-1' })));
    await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'B-2', fullName: 'Bo Berg' }));
    const updated = expectOk<CaseSummary>(
      await core.registry.invoke('cases.update', {
        caseId: first.id,
        mrn: 'A-1',
        fullName: 'Ann Example',
        dateOfBirth: '1970-01-01',
        program: 'North',
        payer: null,
      }),
    );
    expect(updated).toMatchObject({ fullName: 'Ann Example', program: 'North', payer: null, clinician: { id: 'user-dana' } });
    const clash = await core.registry.invoke('cases.update', { caseId: first.id, mrn: 'b-2', fullName: 'Ann Example', dateOfBirth: '1970-01-01' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!clash.ok) expect(clash.error.message).toMatch(/Bo Berg/);
  });

  it('returns the detail with episodes, assessments and decisions, and refuses an unknown case', async () => {
    const created = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput()));
    await placeCase(core, created.id, 'iop', '2026-10-01');
    const detail = expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId: created.id }));
    expect(detail.summary).toMatchObject({ level: 'iop', levelSince: '2026-10-01' });
    expect(detail.episodes).toMatchObject([{ level: 'iop', startDate: '2026-10-01', endDate: null }]);
    expect(detail.assessments).toEqual([]);
    expect(await core.registry.invoke('cases.get', { caseId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('cases.list', () => {
  beforeEach(async () => {
    const people = [
      ['B-2', 'bella Ortiz', '1970-01-01', 'inpatient', 'user-dana'],
      ['A-1', 'Adam Price', '1990-05-05', 'outpatient', 'user-lee'],
      ['C-3', 'Chloe Wu', '1985-09-09', 'iop', 'user-dana'],
      ['D-4', 'Dev Patel', '2000-12-12', null, null],
      ['E-5', 'Ema Novak', '1965-07-07', 'iop', 'user-lee'],
    ] as const;
    for (const [mrn, fullName, dateOfBirth, level, clinicianId] of people) {
      const created = expectOk<CaseSummary>(await core.registry.invoke('cases.create', { mrn, fullName, dateOfBirth, clinicianId }));
      if (level) await placeCase(core, created.id, level, '2026-11-01');
    }
    // The whole caseload is open to a supervisor; a clinician's own view is tested in caseAccess.test.ts.
    core.database.sqlite.prepare("INSERT INTO user_roles (user_id, role) VALUES ('user-dana', 'supervisor')").run();
  });

  it('sorts by name without regard to letter case by default', async () => {
    expect((await list()).rows.map((row) => row.fullName)).toEqual(['Adam Price', 'bella Ortiz', 'Chloe Wu', 'Dev Patel', 'Ema Novak']);
  });

  it('sorts by level from most to least intensive, unplaced last either way', async () => {
    expect((await list({ sortBy: 'level' })).rows.map((row) => row.mrn)).toEqual(['B-2', 'C-3', 'E-5', 'A-1', 'D-4']);
    expect((await list({ sortBy: 'level', sortDir: 'desc' })).rows.map((row) => row.mrn)).toEqual(['A-1', 'E-5', 'C-3', 'B-2', 'D-4']);
  });

  it.each([
    [{ level: 'iop' }, ['C-3', 'E-5']],
    [{ level: 'unplaced' }, ['D-4']],
    [{ clinician: 'mine' }, ['B-2', 'C-3']],
    [{ clinician: 'user-lee' }, ['A-1', 'E-5']],
    [{ clinician: 'unassigned' }, ['D-4']],
    [{ search: 'ch' }, ['C-3']],
    [{ search: 'nov' }, ['E-5']],
    [{ search: 'd-4' }, ['D-4']],
    [{ search: '%' }, []],
    [{ decisionStatus: 'none' }, ['A-1', 'B-2', 'C-3', 'D-4', 'E-5']],
    [{ decisionStatus: 'submitted' }, []],
    [{ mismatchOnly: true }, []],
  ])('filters with %j', async (query, mrns) => {
    const page = await list({ ...query, sortBy: 'mrn' });
    expect(page.rows.map((row) => row.mrn)).toEqual(mrns);
    expect(page.total).toBe(mrns.length);
  });

  it('pages with a stable order and the full total', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => list({ pageSize: 2, page, sortBy: 'mrn' })));
    expect(pages[0]?.total).toBe(5);
    expect(pages.flatMap((page) => page.rows.map((row) => row.mrn))).toEqual(['A-1', 'B-2', 'C-3', 'D-4', 'E-5']);
    expect((await list({ pageSize: 2, page: 9 })).rows).toEqual([]);
  });
});
