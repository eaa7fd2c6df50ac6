import type Database from 'better-sqlite3-multiple-ciphers';
import type { CaseSortKey, ListCasesQuery } from '../../shared/contract/cases';
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
 * The caseload page written by hand on the raw connection, the way one would for speed on the schema's indexes: the
 * page is chosen from plain columns (so an index can give the order and no per-row subquery runs for rows that are
 * not shown), today's flags come from the spans of days they are on (one index range), a search
 * goes through the name index, unset values are paged after the set ones instead of by NULLS LAST, and the flags are
 * computed for the 100 rows shown. Statements are prepared once.
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
  // "Not yet placed" and "no decision" over every active case are counted as all of them less those where the column
  // is set, from two index ranges (the derived columns' indexes hold only set values), as the app counts them.
  const narrowed = scopeClinicianId !== undefined || query.clinician !== 'all' || query.mismatchOnly || query.flag !== 'any' || query.search !== '';
  const unsetColumns: string[] = [];
  const addUnset = (column: string): void => {
    if (!narrowed) unsetColumns.push(column);
    add(`${column} IS NULL`);
  };
  if (scopeClinicianId !== undefined) add('cases.clinician_id = ?', scopeClinicianId);
  if (!query.includeDischarged) add("cases.status = 'active'");
  if (query.level === 'unplaced') addUnset('cases.level');
  else if (query.level !== 'all') add('cases.level = ?', query.level);
  if (query.clinician === 'mine') add('cases.clinician_id = ?', actorId);
  else if (query.clinician === 'unassigned') add('cases.clinician_id IS NULL');
  else if (query.clinician !== 'all') add('cases.clinician_id = ?', query.clinician);
  if (query.mismatchOnly) add('cases.mismatch = 1');
  if (query.decisionStatus === 'none') addUnset('cases.decision_status');
  else if (query.decisionStatus !== 'any') add('cases.decision_status = ?', query.decisionStatus);
  if (query.flag === 'review-overdue') add('cases.next_review_due < ?', today);
  else if (query.flag !== 'any') {
    // The spans of days each case's flag is on (migration 13, placed cases only): one index range of those covering today.
    add(
      'cases.level IS NOT NULL AND cases.id IN (SELECT case_id FROM case_flag_spans WHERE flag = ? AND to_date >= ? AND from_date <= ?)',
      query.flag,
      today,
      today,
    );
  }
  if (query.search !== '') {
    // Name words through the full-text index, the MRN through its index; the same rule as the app's.
    const words = query.search.normalize('NFC').match(/[\p{L}\p{N}\p{Co}]+/gu);
    const byMrn = `SELECT id FROM cases WHERE mrn COLLATE NOCASE >= ? AND mrn COLLATE NOCASE < ? AND mrn LIKE ? ESCAPE '\\'`;
    const mrnParams = [query.search, `${query.search}\u{10FFFF}`, likePrefix(query.search)];
    if (words === null) add(`cases.id IN (${byMrn})`, ...mrnParams);
    else {
      add(
        `cases.id IN (SELECT case_id FROM case_numbers WHERE case_no IN (SELECT rowid FROM case_names WHERE case_names MATCH ?)${query.includeDischarged ? '' : ' AND active = 1'} UNION ${byMrn})`,
        `"${words.join(' ')}" *`,
        ...mrnParams,
      );
    }
  }
  const sort = SORT[query.sortBy];
  const direction = query.sortDir === 'asc' ? 'ASC' : 'DESC';
  const tail = [`cases.full_name COLLATE NOCASE ${direction}`, `cases.id ${direction}`];
  const join = query.sortBy === 'clinician' ? 'LEFT JOIN users ON users.id = cases.clinician_id' : '';
  // The worklist (mismatched, no decision) sorted by another column than the name is led from its own index.
  const ledByWorklist =
    query.mismatchOnly && query.decisionStatus === 'none' && query.sortBy !== 'fullName' && query.sortBy !== 'clinician'
      ? ['cases.rowid IN (SELECT rowid FROM cases WHERE mismatch = 1 AND decision_status IS NULL)']
      : [];
  const filter = (...extra: string[]): string => {
    const all = [...where, ...extra];
    return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
  };
  const pageFilter = (extra?: string): string => filter(...ledByWorklist, ...(extra === undefined ? [] : [extra]));
  const page = (extra: string | undefined, order: string[], limit: number, offset: number): string[] =>
    limit <= 0
      ? []
      : (statement(sqlite, `SELECT cases.id FROM cases ${join} ${pageFilter(extra)} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`)
          .pluck()
          .all(...params, limit, offset) as string[]);
  const offset = (query.page - 1) * query.pageSize;
  const key = `${sort.column}${sort.text ? ' COLLATE NOCASE' : ''} ${direction}`;
  const order = query.sortBy === 'fullName' ? tail : query.sortBy === 'mrn' ? [key] : [key, ...tail];
  // A list of candidates (today's flag spans, the names a search finds) is read whole to count it: the page and its
  // total come from that one reading, gathered once with what the sort reads, counted, and sorted keeping the page's
  // rows, unset values last, as the service takes them.
  if (query.sortBy !== 'clinician' && (query.flag === 'authorization' || query.flag === 'iop-hours' || query.search !== '')) {
    const sorted = (sort.nullable ? [`${key} NULLS LAST`, ...tail] : order).map((term) => term.replaceAll('cases.', 'candidates.'));
    const read = [...new Set(['cases.id', 'cases.full_name', sort.column])].join(', ');
    const rows = statement(
      sqlite,
      `WITH candidates AS MATERIALIZED (SELECT ${read} FROM cases ${filter()})
        SELECT id, (SELECT count(*) FROM candidates) FROM candidates ORDER BY ${sorted.join(', ')} LIMIT ? OFFSET ?`,
    )
      .raw()
      .all(...params, query.pageSize, offset) as [string, number][];
    const onPage = rows.map(([id]) => id);
    const first = rows[0];
    readPageRows(sqlite, onPage, today, lastWeekStart, lastWeekEnd);
    if (first || offset === 0) return { ids: onPage, total: first ? Number(first[1]) : 0 };
  }
  let ids: string[];
  if (!sort.nullable || (direction === 'DESC' && query.sortBy === 'clinician')) {
    // By clinician descending, the join's order already puts the unassigned last.
    ids = page(undefined, sort.nullable ? [`${key} NULLS LAST`, ...tail] : order, query.pageSize, offset);
  } else {
    // The set values from the index of the cases where the column is set, then the unset ones by name (NULLS LAST
    // would force a sort).
    const set = page(`${sort.column} IS NOT NULL`, order, query.pageSize, offset);
    const setCount =
      set.length > 0 || offset === 0
        ? offset + set.length
        : Number(
            statement(sqlite, `SELECT count(*) FROM cases ${join} ${pageFilter(`${sort.column} IS NOT NULL`)}`)
              .pluck()
              .get(...params),
          );
    ids =
      set.length === query.pageSize
        ? set
        : [...set, ...page(`${sort.column} IS NULL`, tail, query.pageSize - set.length, Math.max(0, offset - setCount))];
  }
  const counted = (clauses: readonly string[]): number =>
    Number(
      statement(sqlite, `SELECT count(*) FROM cases ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}`)
        .pluck()
        .get(...params),
    );
  // The unset terms carry no parameters, so the others' parameters still line up once they are taken out.
  const rest = where.filter((clause) => !unsetColumns.some((column) => clause === `${column} IS NULL`));
  const total =
    unsetColumns.length === 0
      ? counted(where)
      : unsetColumns
          .reduce<string[][]>((subsets, column) => [...subsets, ...subsets.map((subset) => [...subset, column])], [[]])
          .reduce(
            (sum, subset) => sum + (subset.length % 2 === 0 ? 1 : -1) * counted([...rest, ...subset.map((column) => `${column} IS NOT NULL`)]),
            0,
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
