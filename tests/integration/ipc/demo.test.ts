import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { makeCaseInput } from '../../factories/cases';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.signInAs('admin', ['admin', 'clinician', 'supervisor']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const count = (where = '1') => core.database.sqlite.prepare(`SELECT count(*) FROM cases WHERE ${where}`).pluck().get();

describe('demo caseload', () => {
  it('fills an empty database with labelled synthetic cases', async () => {
    expect(await core.registry.invoke('demo.status', {})).toEqual({ ok: true, value: { totalCases: 0, syntheticCases: 0 } });
    expect(await core.registry.invoke('demo.load', {})).toEqual({ ok: true, value: { created: DEMO_CASELOAD_SIZE } });
    expect(count()).toBe(DEMO_CASELOAD_SIZE);
    expect(count("synthetic = 1 AND mrn LIKE 'DEMO-%'")).toBe(DEMO_CASELOAD_SIZE);
    expect(await core.registry.invoke('demo.status', {})).toEqual({
      ok: true,
      value: { totalCases: DEMO_CASELOAD_SIZE, syntheticCases: DEMO_CASELOAD_SIZE },
    });
  });

  it('is the same caseload on every install', async () => {
    await core.registry.invoke('demo.load', {});
    const names = core.database.sqlite.prepare('SELECT mrn, full_name, date_of_birth, level FROM cases ORDER BY mrn').all();
    const other = makeTempDir();
    const second = await createTestCore(other.dir);
    await second.signInAs('admin', ['admin', 'clinician', 'supervisor']);
    try {
      await second.registry.invoke('demo.load', {});
      expect(second.database.sqlite.prepare('SELECT mrn, full_name, date_of_birth, level FROM cases ORDER BY mrn').all()).toEqual(names);
    } finally {
      second.close();
      other.cleanup();
    }
  });

  it('refuses to mix demo records into a database that holds cases', async () => {
    await core.registry.invoke('cases.create', makeCaseInput());
    const result = await core.registry.invoke('demo.load', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('conflict');
    expect(result.error.message).toMatch(/empty database.*1 case\b/);
    expect(count()).toBe(1);
  });

  it('is one transaction: a failure part-way leaves the database empty', async () => {
    core.close();
    let issued = 0;
    core = await createTestCore(temp.dir, {
      newId: () => {
        issued += 1;
        // Late enough that cases, episodes and assessments were already inserted in the transaction.
        if (issued === DEMO_CASELOAD_SIZE * 2 + 20) throw new Error('simulated crash mid-write');
        return `demo-${issued}`;
      },
    });
    await core.signInAs('admin', ['admin']);
    const result = await core.registry.invoke('demo.load', {});
    expect(result.ok).toBe(false);
    expect(count()).toBe(0);
    expect(core.database.sqlite.prepare('SELECT count(*) FROM users WHERE synthetic = 1').pluck().get()).toBe(0);
    expect(core.database.sqlite.prepare('SELECT count(*) FROM assessments').pluck().get()).toBe(0);
  });
});

describe('demo care histories', () => {
  it('keep every episode invariant and give the reports something to show', async () => {
    await core.registry.invoke('demo.load', {});
    const cases = core.database.sqlite.prepare('SELECT id FROM cases').pluck().all() as string[];
    const { listEpisodes, episodesOf } = await import('../../../electron/repositories/episodesRepository');
    const { episodeProblems } = await import('../../../shared/domain/episodes');
    for (const id of cases)
      expect({ id, problems: episodeProblems(episodesOf(await listEpisodes(core.database.db, id))) }).toEqual({ id, problems: [] });
    const count = (sql: string) => Number(core.database.sqlite.prepare(sql).pluck().get());
    expect(count("SELECT count(*) FROM episodes WHERE end_reason = 'stepped-down'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM cases WHERE status = 'discharged'")).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM attendance')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM authorizations')).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM decisions WHERE status = 'submitted'")).toBeGreaterThan(0);
  });
});
