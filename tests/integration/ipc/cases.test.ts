import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CasePage, CaseSummary } from '../../../shared/contract/cases';
import type { Result } from '../../../shared/contract/result';
import { makeCaseInput } from '../../factories/cases';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(() => {
  temp = makeTempDir();
  core = createTestCore(temp.dir);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function list(query: Record<string, unknown> = {}): Promise<CasePage> {
  return value<CasePage>(await core.registry.invoke('cases.list', query));
}

describe('cases.create', () => {
  it('stores a case and returns it as the caseload shows it', async () => {
    const created = value<CaseSummary>(
      await core.registry.invoke('cases.create', { mrn: ' A-17 ', fullName: '  Jane Doe ', dateOfBirth: '1980-03-01', level: 'iop', program: '' }),
    );
    expect(created).toEqual({
      id: 'id-000001',
      mrn: 'A-17',
      fullName: 'Jane Doe',
      dateOfBirth: '1980-03-01',
      level: 'iop',
      status: 'active',
      program: null,
      synthetic: false,
      createdAt: '2026-11-29T10:00:00.000Z',
      updatedAt: '2026-11-29T10:00:00.000Z',
    });
    expect((await list()).rows).toEqual([created]);
  });

  it('allows a case that has not been placed yet', async () => {
    const created = value<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput({ level: undefined })));
    expect(created.level).toBeNull();
  });

  it('refuses a duplicate MRN, names the existing case, and writes nothing', async () => {
    await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'A-17', fullName: 'Jane Doe' }));
    const result = await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'a-17', fullName: 'John Roe' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('conflict');
    expect(result.error.message).toMatch(/MRN A-17 already exists: Jane Doe/);
    expect(result.error.fields?.[0]?.path).toBe('mrn');
    expect((await list()).total).toBe(1);
  });

  it.each([
    ['in the future', '2026-11-30', /in the future/],
    ['before 1900', '1899-12-31', /before 1900/],
  ])('refuses a date of birth %s beside the field', async (_label, dateOfBirth, message) => {
    const result = await core.registry.invoke('cases.create', makeCaseInput({ dateOfBirth }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields).toEqual([{ path: 'dateOfBirth', message: expect.stringMatching(message) as unknown }]);
    expect((await list()).total).toBe(0);
  });

  it('accepts a date of birth of today (a newborn in a family programme)', async () => {
    expect((await core.registry.invoke('cases.create', makeCaseInput({ dateOfBirth: '2026-11-29' }))).ok).toBe(true);
  });
});

describe('cases.list', () => {
  beforeEach(async () => {
    const people = [
      ['B-2', 'bella Ortiz', '1970-01-01', 'inpatient'],
      ['A-1', 'Adam Price', '1990-05-05', 'outpatient'],
      ['C-3', 'Chloe Wu', '1985-09-09', 'iop'],
      ['D-4', 'Dev Patel', '2000-12-12', null],
      ['E-5', 'Ema Novak', '1965-07-07', 'iop'],
    ] as const;
    for (const [mrn, fullName, dateOfBirth, level] of people) {
      await core.registry.invoke('cases.create', { mrn, fullName, dateOfBirth, level });
    }
  });

  it('sorts by name without regard to letter case by default', async () => {
    expect((await list()).rows.map((row) => row.fullName)).toEqual(['Adam Price', 'bella Ortiz', 'Chloe Wu', 'Dev Patel', 'Ema Novak']);
  });

  it('sorts by level from most to least intensive, unplaced last either way', async () => {
    expect((await list({ sortBy: 'level' })).rows.map((row) => row.mrn)).toEqual(['B-2', 'C-3', 'E-5', 'A-1', 'D-4']);
    expect((await list({ sortBy: 'level', sortDir: 'desc' })).rows.map((row) => row.mrn)).toEqual(['A-1', 'E-5', 'C-3', 'B-2', 'D-4']);
  });

  it('sorts descending', async () => {
    expect((await list({ sortBy: 'dateOfBirth', sortDir: 'desc' })).rows.map((row) => row.mrn)).toEqual(['D-4', 'A-1', 'C-3', 'B-2', 'E-5']);
  });

  it.each([
    ['iop', ['C-3', 'E-5']],
    ['inpatient', ['B-2']],
    ['outpatient', ['A-1']],
    ['unplaced', ['D-4']],
  ] as const)('filters by level %s', async (level, mrns) => {
    const page = await list({ level });
    expect(page.rows.map((row) => row.mrn)).toEqual(mrns);
    expect(page.total).toBe(mrns.length);
  });

  it('pages with a stable order and the full total', async () => {
    const first = await list({ pageSize: 2, page: 1 });
    const second = await list({ pageSize: 2, page: 2 });
    const third = await list({ pageSize: 2, page: 3 });
    expect(first.total).toBe(5);
    expect([...first.rows, ...second.rows, ...third.rows].map((row) => row.mrn)).toEqual(['A-1', 'B-2', 'C-3', 'D-4', 'E-5']);
    expect((await list({ pageSize: 2, page: 9 })).rows).toEqual([]);
  });
});
