import type { Migration } from './types';

// Everything below is written out here, never derived from the app's code, so this migration's text never changes;
// the two span statements are exported for the test that recomputes every case's spans from scratch.
// Each statement takes the cases it recomputes as a condition on cases.id: one case in a trigger, all of them once.

/** The minimum weekly IOP hours (shared/domain/attendance.ts), as it stood when this migration was written. */
const IOP_MINIMUM_WEEKLY_HOURS = 9;
/** The last day of an open span: the flag holds from its first day on, until the data changes. */
const OPEN_END = `'9999-12-31'`;

/**
 * The days each case's authorization flag is on, as the caseload computes it for one day (dayFlags in
 * electron/repositories/casesRepository.ts): an authorization at the case's level covers the day and it ends (after
 * one renewal starting by the next day) within 7 days; or none at its level covers the day while one at another
 * level does. The flag can change only on an authorization's first day, the day after its last, or 7 days before its
 * last, so it is judged on each of those days and holds until the next.
 */
export function authorizationSpans(cases: string): string {
  return `
    DELETE FROM case_flag_spans WHERE case_id IN (SELECT id FROM cases WHERE ${cases}) AND +flag = 'authorization';
    INSERT INTO case_flag_spans (case_id, flag, from_date, to_date)
    WITH placed AS (SELECT id AS case_id, level FROM cases WHERE (${cases}) AND level IS NOT NULL),
    held AS MATERIALIZED (
      SELECT a.case_id, a.level = placed.level AS at_level, a.from_date, a.to_date FROM authorizations AS a JOIN placed USING (case_id)
    ),
    -- The day after 9999-12-31 is no date (NULL): an authorization to the last day there is runs to the end of time.
    days AS (
      SELECT case_id, day FROM (
        SELECT case_id, from_date AS day FROM held
        UNION SELECT case_id, date(to_date, '+1 day') FROM held
        UNION SELECT case_id, date(to_date, '-7 days') FROM held
      ) WHERE day IS NOT NULL
    ),
    bounded AS (SELECT case_id, day, lead(day) OVER (PARTITION BY case_id ORDER BY day) AS next_day FROM days),
    judged AS (
      SELECT bounded.case_id, bounded.day, bounded.next_day, count(held.case_id) AS covering,
        max(CASE WHEN held.at_level THEN held.to_date END) AS covered_to
      FROM bounded LEFT JOIN held ON held.case_id = bounded.case_id AND held.from_date <= bounded.day AND held.to_date >= bounded.day
      GROUP BY bounded.case_id, bounded.day
    )
    SELECT case_id, 'authorization', day, coalesce(date(next_day, '-1 day'), ${OPEN_END}) FROM judged
    WHERE CASE WHEN covered_to IS NULL THEN covering > 0 ELSE coalesce(
      (SELECT max(renewal.to_date) FROM held AS renewal WHERE renewal.case_id = judged.case_id AND renewal.at_level
        AND renewal.from_date <= date(judged.covered_to, '+1 day') AND renewal.to_date > judged.covered_to),
      judged.covered_to) <= coalesce(date(day, '+7 days'), ${OPEN_END}) END;`;
}

/**
 * The days each IOP case's hours flag is on, as the caseload computes it for one day (dayFlags in
 * electron/repositories/casesRepository.ts, with lastCompleteWeek in caseloadFilters.ts): on a day whose last complete week (Monday to Sunday, the week before the
 * day's) began on or after the case's level_since, with fewer than 9 hours attended in it. The weeks that count start
 * with the first Monday on or after level_since; every such week is short except those with 9 hours or more, so the
 * spans are the runs of weeks between them, each judged in the 7 days after it, the last run open.
 */
export function iopHoursSpans(cases: string): string {
  return `
    DELETE FROM case_flag_spans WHERE case_id IN (SELECT id FROM cases WHERE ${cases}) AND +flag = 'iop-hours';
    INSERT INTO case_flag_spans (case_id, flag, from_date, to_date)
    WITH placed AS (
      SELECT id AS case_id, date(level_since, 'weekday 1') AS first_week FROM cases
      WHERE (${cases}) AND level = 'iop' AND date(level_since, 'weekday 1') IS NOT NULL
    ),
    -- The weeks that end a run of short ones: the week before the first that counts, and each with enough hours.
    marks AS (
      SELECT case_id, date(first_week, '-7 days') AS week FROM placed
      UNION ALL
      SELECT a.case_id, date(a.session_date, '-6 days', 'weekday 1') AS week FROM attendance AS a JOIN placed USING (case_id)
      WHERE a.session_date >= placed.first_week GROUP BY a.case_id, week HAVING sum(a.hours) >= ${IOP_MINIMUM_WEEKLY_HOURS}
    ),
    runs AS (SELECT case_id, date(week, '+7 days') AS first_short, lead(week) OVER (PARTITION BY case_id ORDER BY week) AS next_met FROM marks)
    -- Weeks whose judging days would fall after 9999-12-31 (no dates) are left out.
    SELECT case_id, 'iop-hours', date(first_short, '+7 days'), coalesce(date(next_met, '+6 days'), ${OPEN_END}) FROM runs
    WHERE date(first_short, '+7 days') IS NOT NULL AND (next_met IS NULL OR next_met > first_short);`;
}

/**
 * The caseload's two date-dependent filters at 100,000 cases (docs/BENCHMARKS.md): "authorization" took 156 ms and
 * "IOP hours" 36 ms, because each judged every authorization covering today or every IOP case's week of attendance.
 * Whether a flag is on changes only on days the data names, so each case keeps the spans of days its flags are on,
 * kept by triggers in the same transaction as every change of the authorizations, attendance, level or level_since
 * they depend on, whatever path makes it; a filter then reads the spans ending today or later from one index.
 */
export const migration013CaseFlagSpans: Migration = {
  version: 13,
  name: 'case flag spans',
  sql: `
    CREATE TABLE case_flag_spans (
      case_id TEXT NOT NULL REFERENCES cases (id),
      flag TEXT NOT NULL CHECK (flag IN ('authorization', 'iop-hours')),
      from_date TEXT NOT NULL CHECK (date(from_date) IS from_date),
      to_date TEXT NOT NULL CHECK (to_date >= from_date)
    ) STRICT;
    CREATE INDEX case_flag_spans_by_day ON case_flag_spans (flag, to_date, from_date, case_id);
    -- The triggers' deletes find a case's spans here; they write "+flag" so that the planner, without statistics (a
    -- new database), does not choose the index above and read every span of that flag for each row written.
    CREATE INDEX case_flag_spans_by_case ON case_flag_spans (case_id);

    ${authorizationSpans('1')}
    ${iopHoursSpans('1')}

    CREATE TRIGGER authorizations_flagged AFTER INSERT ON authorizations BEGIN
      ${authorizationSpans('id = NEW.case_id')}
    END;
    CREATE TRIGGER authorizations_flag_changed AFTER UPDATE OF case_id, level, from_date, to_date ON authorizations BEGIN
      ${authorizationSpans('id = OLD.case_id OR id = NEW.case_id')}
    END;
    CREATE TRIGGER authorizations_flag_removed AFTER DELETE ON authorizations BEGIN
      ${authorizationSpans('id = OLD.case_id')}
    END;

    CREATE TRIGGER attendance_flagged AFTER INSERT ON attendance BEGIN
      ${iopHoursSpans('id = NEW.case_id')}
    END;
    CREATE TRIGGER attendance_flag_changed AFTER UPDATE OF case_id, session_date, hours ON attendance BEGIN
      ${iopHoursSpans('id = OLD.case_id OR id = NEW.case_id')}
    END;
    CREATE TRIGGER attendance_flag_removed AFTER DELETE ON attendance BEGIN
      ${iopHoursSpans('id = OLD.case_id')}
    END;

    -- A new case has no authorizations or attendance yet; one placed at IOP is short of hours from its first full week.
    CREATE TRIGGER cases_flagged AFTER INSERT ON cases WHEN NEW.level = 'iop' BEGIN
      ${iopHoursSpans('id = NEW.id')}
    END;
    -- Only a change that can move a flag recomputes it: large imports refresh every case's level (writePlan.ts).
    CREATE TRIGGER cases_authorization_level_changed AFTER UPDATE OF level ON cases
      WHEN NEW.level IS NOT OLD.level AND EXISTS (SELECT 1 FROM authorizations WHERE case_id = NEW.id) BEGIN
      ${authorizationSpans('id = NEW.id')}
    END;
    CREATE TRIGGER cases_iop_level_changed AFTER UPDATE OF level, level_since ON cases
      WHEN (NEW.level = 'iop' OR OLD.level = 'iop') AND (NEW.level IS NOT OLD.level OR NEW.level_since IS NOT OLD.level_since) BEGIN
      ${iopHoursSpans('id = NEW.id')}
    END;
    CREATE TRIGGER cases_flags_removed AFTER DELETE ON cases BEGIN
      DELETE FROM case_flag_spans WHERE case_id = OLD.id;
    END;
  `,
};
