import type Database from 'better-sqlite3-multiple-ciphers';
import type { CaseSortKey, ListCasesQuery } from '../../shared/contract/cases';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../shared/domain/attendance';
import { addDays, startOfWeek, type IsoDate } from '../../shared/domain/dates';

/** The same page the service returns, found by hand: the ids of the page and the count, then the flags for those rows only. */
export interface HandWrittenPage {
  readonly ids: string[];
  readonly total: number;
}

type Param = string | number;

const SORT: Readonly<Record<CaseSortKey, { column: string; text: boolean; nullable: boolean }>> = {
  fullName: { column: 'cases.full_name', text: true, nullable: false },
  mrn: { column: 'cases.mrn', text: true, nullable: false },
  dateOfBirth: { column: 'cases.date_of_birth', text: false, nullable: false },
  level: { column: 'cases.level', text: false, nullable: true },
  recommendedLevel: { column: 'cases.recommended_level', text: false, nullable: true },
  levelSince: { column: 'cases.level_since', text: false, nullable: true },
  nextReviewDue: { column: 'cases.next_review_due', text: false, nullable: true },
  clinician: { column: 'users.display_name', text: true, nullable: true },
  decisionStatus: { column: 'cases.decision_status', text: false, nullable: true },
  updatedAt: { column: 'cases.updated_at', text: false, nullable: false },
};

/** Statements are prepared once per distinct text, as a hand-tuned hot path would keep them. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(sqlite: Database.Database, text: string): Database.Statement {
  let cache = prepared.get(sqlite);
  if (!cache) {
    cache = new Map();
    prepared.set(sqlite, cache);
  }
  let found = cache.get(text);
  if (!found) {
    found = sqlite.prepare(text);
    cache.set(text, found);
  }
  return found;
}

const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * The caseload page written by hand on the raw connection, the way one would for speed on today's indexes: the
 * page is chosen from plain columns (so an index can give the order and no per-row subquery runs for rows that are
 * not shown), the date-dependent flags are computed for the 100 rows shown, and NULLS LAST is left out on columns
 * that are never null so an index can still give the order.
 */
export function handWrittenCaseload(
  sqlite: Database.Database,
  query: ListCasesQuery,
  actorId: string,
  today: IsoDate,
  scopeClinicianId?: string,
): HandWrittenPage {
  const lastWeekStart = addDays(startOfWeek(today), -7);
  const lastWeekEnd = addDays(lastWeekStart, 6);
  const where: string[] = [];
  const params: Param[] = [];
  const add = (clause: string, ...values: Param[]): void => {
    where.push(clause);
    params.push(...values);
  };
  if (scopeClinicianId !== undefined) add('cases.clinician_id = ?', scopeClinicianId);
  if (!query.includeDischarged) add("cases.status = 'active'");
  if (query.level === 'unplaced') add('cases.level IS NULL');
  else if (query.level !== 'all') add('cases.level = ?', query.level);
  if (query.clinician === 'mine') add('cases.clinician_id = ?', actorId);
  else if (query.clinician === 'unassigned') add('cases.clinician_id IS NULL');
  else if (query.clinician !== 'all') add('cases.clinician_id = ?', query.clinician);
  if (query.mismatchOnly) add('cases.mismatch = 1');
  if (query.decisionStatus === 'none') add('cases.decision_status IS NULL');
  else if (query.decisionStatus !== 'any') add('cases.decision_status = ?', query.decisionStatus);
  if (query.flag === 'review-overdue') add('cases.next_review_due < ?', today);
  else if (query.flag === 'iop-hours') {
    add(
      `cases.level = 'iop' AND cases.level_since <= ? AND (SELECT coalesce(sum(hours), 0) FROM attendance
        WHERE attendance.case_id = cases.id AND attendance.session_date BETWEEN ? AND ?) < ?`,
      lastWeekStart,
      lastWeekStart,
      lastWeekEnd,
      IOP_MINIMUM_WEEKLY_HOURS,
    );
  } else if (query.flag === 'authorization') {
    // Both halves of the flag need an authorization covering today, so only those cases are looked at.
    const covering = `(SELECT max(a.to_date) FROM authorizations a WHERE a.case_id = cases.id AND a.from_date <= ? AND a.to_date >= ? AND a.level = cases.level)`;
    const endsOn = `coalesce((SELECT max(r.to_date) FROM authorizations r WHERE r.case_id = cases.id AND r.level = cases.level
      AND r.from_date <= date(${covering}, '+1 day') AND r.to_date > ${covering}), ${covering})`;
    const endsOnParams = Array<Param>(6).fill(today);
    add(
      `cases.level IS NOT NULL AND cases.id IN (SELECT case_id FROM authorizations WHERE from_date <= ? AND to_date >= ?)
        AND (${endsOn} <= ? OR ${endsOn} IS NULL)`,
      today,
      today,
      ...endsOnParams,
      addDays(today, 7),
      ...endsOnParams,
    );
  }
  if (query.search !== '') {
    const prefix = likePrefix(query.search);
    add(`(cases.full_name LIKE ? ESCAPE '\\' OR cases.mrn LIKE ? ESCAPE '\\' OR cases.full_name LIKE ? ESCAPE '\\')`, prefix, prefix, `% ${prefix}`);
  }
  const sort = SORT[query.sortBy];
  const direction = query.sortDir === 'asc' ? 'ASC' : 'DESC';
  const order = [
    `${sort.column}${sort.text ? ' COLLATE NOCASE' : ''} ${direction}${sort.nullable ? ' NULLS LAST' : ''}`,
    ...(query.sortBy === 'fullName' ? [] : [`cases.full_name COLLATE NOCASE ${direction}`]),
    `cases.id ${direction}`,
  ].join(', ');
  const join = query.sortBy === 'clinician' ? 'LEFT JOIN users ON users.id = cases.clinician_id' : '';
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const ids = statement(sqlite, `SELECT cases.id FROM cases ${join} ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, query.pageSize, (query.page - 1) * query.pageSize) as string[];
  const total = Number(
    statement(sqlite, `SELECT count(*) FROM cases ${filter}`)
      .pluck()
      .get(...params),
  );
  readPageRows(sqlite, ids, today, lastWeekStart, lastWeekEnd);
  return { ids, total };
}

/** The shown rows with their clinician and today's flags, as the service returns them; computed for these rows only. */
function readPageRows(sqlite: Database.Database, ids: readonly string[], today: IsoDate, lastWeekStart: IsoDate, lastWeekEnd: IsoDate): unknown[] {
  const covering = `(SELECT max(a.to_date) FROM authorizations a WHERE a.case_id = cases.id AND a.from_date <= :today AND a.to_date >= :today AND a.level = cases.level)`;
  return statement(
    sqlite,
    `SELECT cases.*, users.display_name AS clinician_name,
        (CASE WHEN cases.level = 'iop' AND cases.level_since <= :weekStart THEN (SELECT coalesce(sum(attendance.hours), 0) FROM attendance
          WHERE attendance.case_id = cases.id AND attendance.session_date BETWEEN :weekStart AND :weekEnd) END) AS iop_hours_last_week,
        coalesce((SELECT max(r.to_date) FROM authorizations r WHERE r.case_id = cases.id AND r.level = cases.level
          AND r.from_date <= date(${covering}, '+1 day') AND r.to_date > ${covering}), ${covering}) AS authorization_ends_on,
        (cases.level IS NOT NULL AND EXISTS (SELECT 1 FROM authorizations WHERE authorizations.case_id = cases.id
          AND authorizations.from_date <= :today AND authorizations.to_date >= :today)) AS authorization_covering
      FROM cases LEFT JOIN users ON users.id = cases.clinician_id WHERE cases.id IN (SELECT value FROM json_each(:ids))`,
  ).all({ today, weekStart: lastWeekStart, weekEnd: lastWeekEnd, ids: JSON.stringify(ids) });
}
