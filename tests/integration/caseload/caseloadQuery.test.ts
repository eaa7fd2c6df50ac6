import { randomBytes } from 'node:crypto';
import { Kysely, SqliteDialect } from 'kysely';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import type { StepwiseSchema } from '../../../electron/db/schema';
import { listCases } from '../../../electron/repositories/caseloadQuery';
import { filtersNoCase } from '../../../electron/repositories/caseloadFilters';
import { insertUser, syntheticUserRow } from '../../../electron/repositories/usersRepository';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { CASE_SORT_KEYS, listCasesInputSchema, type ListCasesInput, type ListCasesQuery } from '../../../shared/contract/cases';
import { oracleCaseload } from '../../support/caseloadOracle';
import { makeTempDir } from '../../support/tempDir';

const TODAY = '2026-11-29';
let temp: ReturnType<typeof makeTempDir>;
let database: StepwiseDatabase;
let clinicianId: string;

beforeAll(() => {
  temp = makeTempDir('stepwise-caseload-query-');
  database = openDatabase({ file: path.join(temp.dir, 'stepwise.db'), key: randomBytes(32) });
  writeReferenceCaseload(database.sqlite, { seed: 2026, cases: 600, today: TODAY });
  clinicianId = String(
    database.sqlite
      .prepare('SELECT clinician_id FROM cases WHERE clinician_id IS NOT NULL GROUP BY clinician_id ORDER BY count(*) DESC')
      .pluck()
      .get(),
  );
});
afterAll(() => {
  database.close();
  temp.cleanup();
});

async function expectSameAsOracle(input: ListCasesInput, scope?: { clinicianId: string; alsoCaseIds: string[] }): Promise<number> {
  const query = listCasesInputSchema.parse(input);
  const actual = await listCases(database.db, query, clinicianId, TODAY, scope);
  const expected = await oracleCaseload(database.db, query, clinicianId, TODAY, scope);
  expect({ input, ids: actual.rows.map((row) => row.id), total: actual.total }).toEqual({ input, ids: expected.ids, total: expected.total });
  return actual.total;
}

describe('the caseload page at scale gives the same ids, order and total as the plain query', () => {
  it.each(CASE_SORT_KEYS.flatMap((sortBy) => (['asc', 'desc'] as const).map((sortDir) => [sortBy, sortDir] as const)))(
    'sorted by %s %s, on every page, with and without discharged cases',
    async (sortBy, sortDir) => {
      for (const includeDischarged of [false, true]) {
        // Pages of 37 cross every boundary: between set and unset values, and between clinicians.
        const total = await expectSameAsOracle({ sortBy, sortDir, includeDischarged, pageSize: 37 });
        expect(total).toBeGreaterThan(100);
        for (let page = 2; page <= Math.ceil(total / 37) + 1; page += 1)
          await expectSameAsOracle({ sortBy, sortDir, includeDischarged, pageSize: 37, page });
      }
    },
  );

  it.each<ListCasesInput>([
    { level: 'inpatient' },
    { level: 'iop', sortBy: 'levelSince' },
    { level: 'outpatient', sortDir: 'desc' },
    { level: 'unplaced' },
    // Unset derived columns are counted as the cases without the filter less those where the column is set.
    { level: 'unplaced', decisionStatus: 'none', includeDischarged: true },
    { level: 'unplaced', decisionStatus: 'none', clinician: 'unassigned', sortBy: 'levelSince', sortDir: 'desc' },
    { decisionStatus: 'none', includeDischarged: true, sortBy: 'decisionStatus', sortDir: 'desc' },
    { clinician: 'mine' },
    { clinician: 'unassigned', includeDischarged: true },
    { mismatchOnly: true, sortBy: 'recommendedLevel' },
    { flag: 'review-overdue', sortBy: 'nextReviewDue' },
    { flag: 'iop-hours' },
    { flag: 'iop-hours', level: 'iop', sortBy: 'nextReviewDue', sortDir: 'desc' },
    { flag: 'authorization' },
    { flag: 'authorization', includeDischarged: true, sortBy: 'clinician' },
    ...(['none', 'draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const).map((decisionStatus) => ({ decisionStatus })),
    { search: 'Ma' },
    { search: 'ma', includeDischarged: true, sortBy: 'clinician', sortDir: 'desc' },
    { search: 'Marcus' },
    { search: 'rodr' },
    { search: 'DEMO-0001' },
    { search: 'demo-000042' },
    { search: 'Zzyzx' },
    { search: '%' },
    { search: '-' },
  ])('filtered with %j', async (input) => {
    await expectSameAsOracle({ ...input, pageSize: 50 });
    await expectSameAsOracle({ ...input, pageSize: 50, page: 2 });
  });

  // These filters take their page and total from one reading (the candidates gathered once, counted, and sorted with unset values last): the
  // total on every page, and past the last one, where no row carries it.
  it.each(
    CASE_SORT_KEYS.filter((sortBy) => sortBy !== 'clinician').flatMap((sortBy) =>
      [{ flag: 'authorization' as const }, { flag: 'iop-hours' as const }, { search: 'ma' }, { search: 'DEMO-00' }].map(
        (filter) => [sortBy, filter] as const,
      ),
    ),
  )('sorted by %s and filtered with %j, on every page and past the last', async (sortBy, filter) => {
    for (const sortDir of ['asc', 'desc'] as const) {
      const total = await expectSameAsOracle({ ...filter, sortBy, sortDir, pageSize: 7 });
      expect(total).toBeGreaterThan(7);
      for (let page = 2; page <= Math.ceil(total / 7) + 2; page += 1)
        expect(await expectSameAsOracle({ ...filter, sortBy, sortDir, pageSize: 7, page })).toBe(total);
    }
  });

  it('finds the words of names typed with two words, and both halves of a search', async () => {
    const [first, last] = String(database.sqlite.prepare("SELECT full_name FROM cases WHERE full_name LIKE '% %' LIMIT 1").pluck().get()).split(' ');
    expect(await expectSameAsOracle({ search: `${first} ${last?.slice(0, 2)}`, includeDischarged: true })).toBeGreaterThan(0);
    expect(await expectSameAsOracle({ search: `${first?.slice(0, 2)} ${last}`, includeDischarged: true })).toBe(0);
  });

  it('holds for a clinician’s own caseload with cases opened in an emergency', async () => {
    const other = database.sqlite.prepare('SELECT id FROM cases WHERE clinician_id IS NOT ? LIMIT 3').pluck().all(clinicianId) as string[];
    for (const sortBy of CASE_SORT_KEYS) await expectSameAsOracle({ sortBy, pageSize: 20 }, { clinicianId, alsoCaseIds: other });
  });
});

describe('the name search index', () => {
  it('follows a renamed case, a new case, and letters beyond ASCII', async () => {
    const search = async (text: string): Promise<string[]> =>
      (await listCases(database.db, listCasesInputSchema.parse({ search: text, includeDischarged: true }), clinicianId, TODAY)).rows.map(
        (row) => row.mrn,
      );
    const renamed = database.sqlite.prepare('SELECT id, mrn FROM cases LIMIT 1').get() as { id: string; mrn: string };
    database.sqlite.prepare("UPDATE cases SET full_name = 'Quillon Åsa-Brönte' WHERE id = ?").run(renamed.id);
    expect(await search('quill')).toEqual([renamed.mrn]);
    expect(await search('brön')).toEqual([renamed.mrn]);
    // A hyphen or an accent does not hide a word: each part of a double name is a word, and "a" finds "Å".
    expect(await search('bron')).toEqual([renamed.mrn]);
    expect(await search('asa')).toEqual([renamed.mrn]);
    // Punctuation typed in a search separates words as it does in names; an MRN is matched as typed.
    expect(await search('brönte-quil')).toEqual([]);
    expect(await search('åsa-brö')).toEqual([renamed.mrn]);
    expect(await search(renamed.mrn.toLowerCase())).toEqual([renamed.mrn]);
    database.sqlite
      .prepare(
        "INSERT INTO cases (id, mrn, full_name, date_of_birth, status, synthetic, created_at, updated_at) VALUES ('late-case', 'LATE-1', 'Zebedee Quillon', '1980-01-01', 'active', 1, 'x', 'x')",
      )
      .run();
    expect(await search('Quillon')).toEqual([renamed.mrn, 'LATE-1']);
    expect(database.sqlite.prepare("SELECT count(*) FROM case_names WHERE case_names MATCH 'zebedee'").pluck().get()).toBe(1);
  });
});

describe('the case numbers’ mark of the cases in care (migration 16)', () => {
  const mismatched = (): number =>
    Number(
      database.sqlite
        .prepare("SELECT count(*) FROM case_numbers AS n JOIN cases AS c ON c.id = n.case_id WHERE n.active IS NOT (c.status = 'active')")
        .pluck()
        .get(),
    );

  it('agrees with every case’s status after a load, an insert either way, a discharge and a return to care', async () => {
    expect(database.sqlite.prepare('SELECT count(*) FROM case_numbers WHERE active = 0').pluck().get()).toBeGreaterThan(0);
    expect(mismatched()).toBe(0);
    const insert = database.sqlite.prepare(
      "INSERT INTO cases (id, mrn, full_name, date_of_birth, status, synthetic, created_at, updated_at) VALUES (?, ?, 'Odalys Marchetti', '1975-05-05', ?, 1, 'x', 'x')",
    );
    insert.run('mark-discharged', 'MARK-1', 'discharged');
    insert.run('mark-active', 'MARK-2', 'active');
    expect(mismatched()).toBe(0);
    const activeOnly = async (): Promise<string[]> =>
      (await listCases(database.db, listCasesInputSchema.parse({ search: 'odalys' }), clinicianId, TODAY)).rows.map((row) => row.id);
    expect(await activeOnly()).toEqual(['mark-active']);
    database.sqlite.prepare("UPDATE cases SET status = 'discharged' WHERE id = 'mark-active'").run();
    database.sqlite.prepare("UPDATE cases SET status = 'active' WHERE id = 'mark-discharged'").run();
    expect(mismatched()).toBe(0);
    expect(await activeOnly()).toEqual(['mark-discharged']);
    database.sqlite.prepare("DELETE FROM cases WHERE id IN ('mark-active', 'mark-discharged')").run();
    expect(database.sqlite.prepare("SELECT count(*) FROM case_numbers WHERE case_id LIKE 'mark-%'").pluck().get()).toBe(0);
  });
});

describe('the count of every case, all years and everyone’s', () => {
  it('is taken with no filter only when nothing filters, and equals the number of cases', async () => {
    const everyone = listCasesInputSchema.parse({ includeDischarged: true });
    expect(filtersNoCase(everyone, clinicianId, TODAY, undefined)).toBe(true);
    const stored = Number(database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get());
    expect(await expectSameAsOracle({ includeDischarged: true })).toBe(stored);
    const narrowed: ListCasesInput[] = [
      {},
      { includeDischarged: true, level: 'iop' },
      { includeDischarged: true, level: 'unplaced' },
      { includeDischarged: true, clinician: 'mine' },
      { includeDischarged: true, clinician: 'unassigned' },
      { includeDischarged: true, mismatchOnly: true },
      { includeDischarged: true, decisionStatus: 'none' },
      { includeDischarged: true, flag: 'review-overdue' },
      { includeDischarged: true, flag: 'authorization' },
      { includeDischarged: true, search: 'ma' },
    ];
    for (const input of narrowed)
      expect(filtersNoCase(listCasesInputSchema.parse(input), clinicianId, TODAY, undefined), JSON.stringify(input)).toBe(false);
    expect(filtersNoCase(everyone, clinicianId, TODAY, { clinicianId, alsoCaseIds: [] })).toBe(false);
  });
});

describe('the caseload by clinician, with clinicians named alike but for letter case', () => {
  it('interleaves their cases by name as one group, skips a clinician with none, on every page both ways', async () => {
    const now = new Date().toISOString();
    for (const [id, displayName] of [
      ['alike-1', 'Ann Lee'],
      ['alike-2', 'ann lee'],
      ['alike-none', 'ANN LEE'],
    ] as const) {
      await insertUser(database.db, syntheticUserRow({ id, username: id, displayName, active: true }, now), ['clinician']);
    }
    database.sqlite.prepare("UPDATE cases SET clinician_id = CASE WHEN rowid % 2 = 0 THEN 'alike-1' ELSE 'alike-2' END WHERE rowid % 9 = 0").run();
    for (const sortDir of ['asc', 'desc'] as const) {
      for (const input of [{ includeDischarged: true }, {}, { level: 'iop' as const }]) {
        const total = await expectSameAsOracle({ ...input, sortBy: 'clinician', sortDir, pageSize: 37 });
        for (let page = 2; page <= Math.ceil(total / 37) + 1; page += 1)
          await expectSameAsOracle({ ...input, sortBy: 'clinician', sortDir, pageSize: 37, page });
      }
    }
  });
});

describe('the supervisor’s worklist (mismatched, no decision) sorted by any column', () => {
  let worklistTemp: ReturnType<typeof makeTempDir>;
  let worklist: StepwiseDatabase;

  beforeAll(() => {
    worklistTemp = makeTempDir('stepwise-caseload-worklist-');
    worklist = openDatabase({ file: path.join(worklistTemp.dir, 'stepwise.db'), key: randomBytes(32) });
    writeReferenceCaseload(worklist.sqlite, { seed: 2026, cases: 600, today: TODAY });
    // Every mismatched case left undecided, some discharged, some with no time at level or review due, and names alike
    // but for letter case: ties and unset values on every sort.
    worklist.sqlite.exec(`
      UPDATE cases SET decision_status = NULL WHERE mismatch = 1;
      UPDATE cases SET status = 'discharged' WHERE mismatch = 1 AND rowid % 5 = 0;
      UPDATE cases SET level_since = NULL, next_review_due = NULL WHERE mismatch = 1 AND rowid % 3 = 0;
      UPDATE cases SET full_name = CASE rowid % 2 WHEN 0 THEN 'Casey Alike' ELSE 'casey alike' END WHERE mismatch = 1 AND rowid % 4 = 1;
      ANALYZE;`);
  });
  afterAll(() => {
    worklist.close();
    worklistTemp.cleanup();
  });

  const query = (input: ListCasesInput): ListCasesQuery => listCasesInputSchema.parse({ mismatchOnly: true, decisionStatus: 'none', ...input });

  it('gives the same ids, order and total as the plain query on every page, with and without discharged cases', async () => {
    for (const sortBy of CASE_SORT_KEYS)
      for (const sortDir of ['asc', 'desc'] as const)
        for (const includeDischarged of [false, true]) {
          const first = query({ sortBy, sortDir, includeDischarged, pageSize: 3 });
          const total = (await oracleCaseload(worklist.db, first, clinicianId, TODAY)).total;
          expect(total).toBeGreaterThan(9);
          for (let page = 1; page <= Math.ceil(total / 3) + 1; page += 1) {
            const paged = { ...first, page };
            const actual = await listCases(worklist.db, paged, clinicianId, TODAY);
            const expected = await oracleCaseload(worklist.db, paged, clinicianId, TODAY);
            expect({ paged, ids: actual.rows.map((row) => row.id), total: actual.total }).toEqual({
              paged,
              ids: expected.ids,
              total: expected.total,
            });
          }
        }
  });

  it('reads the page from the worklist’s own index when sorted by another column than the name', async () => {
    const statements: { sql: string; parameters: readonly unknown[] }[] = [];
    const logged = new Kysely<StepwiseSchema>({
      dialect: new SqliteDialect({ database: worklist.sqlite }),
      log: (event) => {
        statements.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    for (const sortBy of ['levelSince', 'nextReviewDue', 'updatedAt'] as const) {
      statements.length = 0;
      await listCases(logged, query({ sortBy, sortDir: 'desc' }), clinicianId, TODAY);
      const page = statements.find((statement) => statement.sql.includes('rowid IN'));
      if (!page) throw new Error(`No page statement was led by the worklist when sorted by ${sortBy}`);
      const plan = worklist.sqlite.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.parameters) as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' | '), sortBy).toContain('cases_by_mismatch_undecided');
    }
  });
});
