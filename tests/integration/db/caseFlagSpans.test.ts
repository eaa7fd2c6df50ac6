import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { authorizationSpans, iopHoursSpans } from '../../../electron/db/migrations/013_case_flag_spans';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import type { StepwiseSchema } from '../../../electron/db/schema';
import { toCaseSummary, withClinician } from '../../../electron/repositories/casesRepository';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { addDays, type IsoDate } from '../../../shared/domain/dates';

type Flag = 'authorization' | 'iop-hours';
const FLAGS: readonly Flag[] = ['authorization', 'iop-hours'];

let open: Database.Database[] = [];
afterEach(() => {
  for (const sqlite of open) sqlite.close();
  open = [];
});

function migrated(migrations = MIGRATIONS): { sqlite: Database.Database; db: Kysely<StepwiseSchema> } {
  const sqlite = new Database(':memory:');
  open.push(sqlite);
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, STEPWISE_APPLICATION_ID, migrations);
  return { sqlite, db: new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: sqlite }) }) };
}

type Flagged = Record<Flag, string[]>;

/** The flagged cases on a day by the per-row rule the caseload shows (dayFlags and toCaseSummary), sorted. */
async function flaggedByRows(db: Kysely<StepwiseSchema>, day: IsoDate, caseIds?: readonly string[]): Promise<Flagged> {
  let query = withClinician(db, day);
  if (caseIds) query = query.where('cases.id', 'in', caseIds);
  const summaries = (await query.execute()).map((row) => toCaseSummary(row, day));
  const ids = (flagged: (summary: (typeof summaries)[number]) => boolean): string[] =>
    summaries
      .filter(flagged)
      .map((summary) => summary.id)
      .sort();
  return { authorization: ids((summary) => summary.authorizationFlag !== null), 'iop-hours': ids((summary) => summary.iopBelowIntensity) };
}

/** The flagged cases on a day by the stored spans, as the caseload filter reads them, sorted. */
function flaggedBySpans(sqlite: Database.Database, day: IsoDate, caseIds?: readonly string[]): Flagged {
  const ids = (flag: Flag): string[] => {
    const found = sqlite
      .prepare('SELECT DISTINCT case_id FROM case_flag_spans WHERE flag = ? AND to_date >= ? AND from_date <= ? ORDER BY case_id')
      .pluck()
      .all(flag, day, day) as string[];
    return caseIds ? found.filter((id) => caseIds.includes(id)) : found;
  };
  return { authorization: ids('authorization'), 'iop-hours': ids('iop-hours') };
}

/** Every stored span, in one order, to compare the triggers' work with a computation from scratch. */
function storedSpans(sqlite: Database.Database): unknown[] {
  return sqlite.prepare('SELECT case_id, flag, from_date, to_date FROM case_flag_spans ORDER BY case_id, flag, from_date, to_date').all();
}

/** The person attendance and authorizations are recorded by. */
function addRecorder(sqlite: Database.Database): void {
  sqlite
    .prepare(
      `INSERT INTO users (id, username, display_name, password_hash, must_change_password, active, synthetic, failed_sign_ins, locked_until,
        created_at, updated_at) VALUES ('u1', 'u1', 'Recorder', NULL, 0, 1, 0, 0, NULL, '2026-01-01', '2026-01-01')`,
    )
    .run();
}

function daysFrom(first: IsoDate, last: IsoDate, step = 1): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = first; day <= last; day = addDays(day, step)) days.push(day);
  return days;
}

describe('the spans of days each case is flagged on (migration 13)', () => {
  it('are computed for a database written before them, agreeing with the per-row rule on every day', async () => {
    const { sqlite, db } = migrated(MIGRATIONS.filter((migration) => migration.version < 13));
    writeReferenceCaseload(sqlite, { seed: 2026, cases: 300, today: '2026-11-29' });
    migrate(sqlite, STEPWISE_APPLICATION_ID);
    const range = sqlite.prepare('SELECT min(from_date) AS first, max(to_date) AS last FROM authorizations').get() as {
      first: IsoDate;
      last: IsoDate;
    };
    const daysFlagged: Record<Flag, number> = { authorization: 0, 'iop-hours': 0 };
    for (const day of daysFrom(addDays(range.first, -10), addDays(range.last, 10))) {
      const expected = await flaggedByRows(db, day);
      expect({ day, ...flaggedBySpans(sqlite, day) }).toEqual({ day, ...expected });
      for (const flag of FLAGS) if (expected[flag].length > 0) daysFlagged[flag] += 1;
    }
    // The comparison means something only if each flag is on for cases on many days.
    expect(daysFlagged.authorization).toBeGreaterThan(100);
    expect(daysFlagged['iop-hours']).toBeGreaterThan(100);
  });

  it('follow every change of authorizations, attendance, level and level_since, whatever writes it', async () => {
    const { sqlite, db } = migrated();
    addRecorder(sqlite);
    const base: IsoDate = '2026-11-02';
    // Narrow enough that sessions add up to weeks with enough hours and authorizations overlap and follow each other.
    const day = fc.integer({ min: -40, max: 40 }).map((offset) => addDays(base, offset));
    const sessionDay = fc.integer({ min: -14, max: 21 }).map((offset) => addDays(base, offset));
    const level = fc.constantFrom('iop', 'iop', 'inpatient', 'outpatient');
    const quarters = fc.integer({ min: 12, max: 40 });
    const caseIndex = fc.nat(1);
    const command = fc.oneof(
      fc.record({ kind: fc.constant('authorize' as const), caseIndex, level, from: day, days: fc.nat(40) }),
      fc.record({ kind: fc.constant('amend authorization' as const), pick: fc.nat(), caseIndex, level, from: day, days: fc.nat(40) }),
      fc.record({ kind: fc.constant('remove authorization' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('renew' as const), pick: fc.nat(), gap: fc.integer({ min: 0, max: 2 }), days: fc.nat(40) }),
      fc.record({ kind: fc.constant('attend' as const), caseIndex, date: sessionDay, quarters }),
      fc.record({ kind: fc.constant('attend' as const), caseIndex, date: sessionDay, quarters }),
      fc.record({ kind: fc.constant('amend attendance' as const), pick: fc.nat(), caseIndex, date: sessionDay, quarters }),
      fc.record({ kind: fc.constant('remove attendance' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('place' as const), caseIndex, level: fc.option(level), since: day }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.option(level), day, fc.array(command, { minLength: 1, maxLength: 12 }), async (firstLevel, firstSince, commands) => {
        run += 1;
        const caseIds = [0, 1].map((index) => `case-${run}-${index}`);
        const insertCase = sqlite.prepare(
          `INSERT INTO cases (id, mrn, full_name, date_of_birth, level, level_since, status, synthetic, created_at, updated_at)
           VALUES (?, ?, 'Test Case', '1980-01-01', ?, ?, 'active', 0, '2026-01-01', '2026-01-01')`,
        );
        // The first case is created already placed, as the reference writer and packets create them.
        for (const [index, id] of caseIds.entries())
          insertCase.run(id, `MRN-${run}-${index}`, index === 0 ? firstLevel : null, index === 0 && firstLevel !== null ? firstSince : null);
        let next = 0;
        const rowsOf = (table: 'authorizations' | 'attendance'): string[] =>
          sqlite
            .prepare(`SELECT id FROM ${table} WHERE case_id IN (?, ?) ORDER BY id`)
            .pluck()
            .all(...caseIds) as string[];
        const pickFrom = (table: 'authorizations' | 'attendance', pick: number): string | undefined => {
          const ids = rowsOf(table);
          return ids.length === 0 ? undefined : ids[pick % ids.length];
        };
        for (const step of commands) {
          next += 1;
          const id = `${run}-${next}`;
          if (step.kind === 'authorize') {
            sqlite
              .prepare(
                `INSERT INTO authorizations (id, case_id, payer, level, from_date, to_date, units, recorded_by, recorded_at, updated_at)
                 VALUES (?, ?, 'Payer', ?, ?, ?, NULL, 'u1', '2026-01-01', '2026-01-01')`,
              )
              .run(id, caseIds[step.caseIndex], step.level, step.from, addDays(step.from, step.days));
          } else if (step.kind === 'amend authorization') {
            const target = pickFrom('authorizations', step.pick);
            if (target !== undefined)
              sqlite
                .prepare('UPDATE authorizations SET case_id = ?, level = ?, from_date = ?, to_date = ? WHERE id = ?')
                .run(caseIds[step.caseIndex], step.level, step.from, addDays(step.from, step.days), target);
          } else if (step.kind === 'remove authorization') {
            const target = pickFrom('authorizations', step.pick);
            if (target !== undefined) sqlite.prepare('DELETE FROM authorizations WHERE id = ?').run(target);
          } else if (step.kind === 'renew') {
            // A renewal starting the day after the last authorized day (or with a gap, or the same day) at the same level.
            const target = pickFrom('authorizations', step.pick);
            if (target !== undefined)
              sqlite
                .prepare(
                  `INSERT INTO authorizations (id, case_id, payer, level, from_date, to_date, units, recorded_by, recorded_at, updated_at)
                   SELECT ?, case_id, payer, level, date(to_date, ?), date(to_date, ?), NULL, recorded_by, recorded_at, updated_at
                   FROM authorizations WHERE id = ?`,
                )
                .run(id, `+${step.gap} days`, `+${step.gap + step.days} days`, target);
          } else if (step.kind === 'attend') {
            sqlite
              .prepare(`INSERT INTO attendance (id, case_id, session_date, hours, recorded_by, recorded_at) VALUES (?, ?, ?, ?, 'u1', '2026-01-01')`)
              .run(id, caseIds[step.caseIndex], step.date, step.quarters / 4);
          } else if (step.kind === 'amend attendance') {
            const target = pickFrom('attendance', step.pick);
            if (target !== undefined)
              sqlite
                .prepare('UPDATE attendance SET case_id = ?, session_date = ?, hours = ? WHERE id = ?')
                .run(caseIds[step.caseIndex], step.date, step.quarters / 4, target);
          } else if (step.kind === 'remove attendance') {
            const target = pickFrom('attendance', step.pick);
            if (target !== undefined) sqlite.prepare('DELETE FROM attendance WHERE id = ?').run(target);
          } else {
            sqlite
              .prepare('UPDATE cases SET level = ?, level_since = ? WHERE id = ?')
              .run(step.level, step.level === null ? null : step.since, caseIds[step.caseIndex]);
          }
        }
        // Judged once the sequence has run (sequences of every length are generated), on every day from a week before
        // the first date the run's records name to a week after the last.
        const named = sqlite
          .prepare(
            `SELECT min(day) AS first, max(day) AS last FROM (
               SELECT from_date AS day FROM authorizations WHERE case_id IN (?, ?) UNION ALL SELECT to_date FROM authorizations WHERE case_id IN (?, ?)
               UNION ALL SELECT session_date FROM attendance WHERE case_id IN (?, ?) UNION ALL SELECT level_since FROM cases WHERE id IN (?, ?))`,
          )
          .get(...caseIds, ...caseIds, ...caseIds, ...caseIds) as { first: IsoDate | null; last: IsoDate | null };
        const judged = named.first === null || named.last === null ? [base] : daysFrom(addDays(named.first, -8), addDays(named.last, 8));
        for (const shown of judged)
          expect({ commands, shown, ...flaggedBySpans(sqlite, shown, caseIds) }).toEqual({
            commands,
            shown,
            ...(await flaggedByRows(db, shown, caseIds)),
          });
      }),
      { numRuns: 150 },
    );
    // What the triggers kept, case by case, is what the migration computes for every case at once.
    const kept = storedSpans(sqlite);
    expect(kept.length).toBeGreaterThan(30);
    sqlite.exec(`${authorizationSpans('1')}\n${iopHoursSpans('1')}`);
    expect(storedSpans(sqlite)).toEqual(kept);
  });

  it('accept dates up to the last day SQLite knows, 9999-12-31', async () => {
    const { sqlite, db } = migrated();
    addRecorder(sqlite);
    sqlite
      .prepare(
        `INSERT INTO cases (id, mrn, full_name, date_of_birth, level, level_since, status, synthetic, created_at, updated_at)
         VALUES ('late', 'MRN-LATE', 'Test Case', '1980-01-01', 'iop', '9999-12-28', 'active', 0, '2026-01-01', '2026-01-01')`,
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO authorizations (id, case_id, payer, level, from_date, to_date, units, recorded_by, recorded_at, updated_at)
         VALUES ('a1', 'late', 'Payer', 'iop', '9999-12-01', '9999-12-31', NULL, 'u1', '2026-01-01', '2026-01-01')`,
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO attendance (id, case_id, session_date, hours, recorded_by, recorded_at) VALUES ('s1', 'late', '9999-12-31', 10, 'u1', '2026-01-01')`,
      )
      .run();
    sqlite.prepare("UPDATE cases SET level_since = '9999-12-20' WHERE id = 'late'").run();
    // The app's own day arithmetic ends a week before SQLite's (a week past today is computed for each row).
    for (const day of daysFrom('9999-11-20', '9999-12-23'))
      expect({ day, ...flaggedBySpans(sqlite, day) }).toEqual({ day, ...(await flaggedByRows(db, day)) });
  });

  it('follow a session or an authorization moved to another case, on both cases', async () => {
    const { sqlite, db } = migrated();
    addRecorder(sqlite);
    const insertCase = sqlite.prepare(
      `INSERT INTO cases (id, mrn, full_name, date_of_birth, level, level_since, status, synthetic, created_at, updated_at)
       VALUES (?, ?, 'Test Case', '1980-01-01', 'iop', '2026-10-05', 'active', 0, '2026-01-01', '2026-01-01')`,
    );
    insertCase.run('first', 'MRN-1');
    insertCase.run('second', 'MRN-2');
    const attend = sqlite.prepare(
      `INSERT INTO attendance (id, case_id, session_date, hours, recorded_by, recorded_at) VALUES (?, ?, ?, ?, 'u1', '2026-01-01')`,
    );
    // The week of 2026-11-09: 9 hours for the first case, 5 for the second; judged from 2026-11-16 to 2026-11-22.
    attend.run('s1', 'first', '2026-11-10', 5);
    attend.run('s2', 'first', '2026-11-12', 4);
    attend.run('s3', 'second', '2026-11-11', 5);
    sqlite
      .prepare(
        `INSERT INTO authorizations (id, case_id, payer, level, from_date, to_date, units, recorded_by, recorded_at, updated_at)
         VALUES ('a1', 'first', 'Payer', 'iop', '2026-11-01', '2026-11-20', NULL, 'u1', '2026-01-01', '2026-01-01')`,
      )
      .run();
    const judge = async (): Promise<void> => {
      for (const day of daysFrom('2026-10-20', '2026-12-10'))
        expect({ day, ...flaggedBySpans(sqlite, day) }).toEqual({ day, ...(await flaggedByRows(db, day)) });
    };
    await judge();
    expect(flaggedBySpans(sqlite, '2026-11-18')).toEqual({ authorization: ['first'], 'iop-hours': ['second'] });
    sqlite.prepare("UPDATE attendance SET case_id = 'second' WHERE id = 's2'").run();
    sqlite.prepare("UPDATE authorizations SET case_id = 'second' WHERE id = 'a1'").run();
    await judge();
    expect(flaggedBySpans(sqlite, '2026-11-18')).toEqual({ authorization: ['second'], 'iop-hours': ['first'] });
  });

  it('leave with their case', () => {
    const { sqlite } = migrated();
    sqlite
      .prepare(
        `INSERT INTO cases (id, mrn, full_name, date_of_birth, level, level_since, status, synthetic, created_at, updated_at)
         VALUES ('gone', 'MRN-GONE', 'Test Case', '1980-01-01', 'iop', '2026-11-02', 'active', 0, '2026-01-01', '2026-01-01')`,
      )
      .run();
    expect(flaggedBySpans(sqlite, '2026-11-20')['iop-hours']).toEqual(['gone']);
    sqlite.prepare("DELETE FROM cases WHERE id = 'gone'").run();
    expect(sqlite.prepare('SELECT count(*) FROM case_flag_spans').pluck().get()).toBe(0);
  });
});
