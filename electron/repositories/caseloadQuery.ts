import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { CaseSortKey, CaseSummary, ListCasesQuery } from '../../shared/contract/cases';
import type { IsoDate } from '../../shared/domain/dates';
import type { StepwiseSchema } from '../db/schema';
import { caseloadWhere, filtersNoCase, type CaseloadScope } from './caseloadFilters';
import { toCaseSummary, withClinician } from './casesRepository';

type Db = Kysely<StepwiseSchema>;
type FilteredCases = SelectQueryBuilder<StepwiseSchema, 'cases', object>;
type Direction = 'asc' | 'desc';
type CaseColumn =
  'full_name' | 'mrn' | 'date_of_birth' | 'level' | 'recommended_level' | 'level_since' | 'next_review_due' | 'decision_status' | 'updated_at';

/** The cases column behind each sort but the clinician's name, and whether it may be unset. */
const SORT_COLUMNS: Readonly<Record<Exclude<CaseSortKey, 'clinician'>, { column: CaseColumn; nullable: boolean }>> = {
  fullName: { column: 'full_name', nullable: false },
  mrn: { column: 'mrn', nullable: false },
  dateOfBirth: { column: 'date_of_birth', nullable: false },
  // Level names sort alphabetically from most to least intensive (inpatient < iop < outpatient).
  level: { column: 'level', nullable: true },
  recommendedLevel: { column: 'recommended_level', nullable: true },
  levelSince: { column: 'level_since', nullable: true },
  nextReviewDue: { column: 'next_review_due', nullable: true },
  decisionStatus: { column: 'decision_status', nullable: true },
  updatedAt: { column: 'updated_at', nullable: false },
};
const TEXT_COLUMNS: ReadonlySet<CaseColumn> = new Set(['full_name', 'mrn']);

interface Window {
  readonly offset: number;
  readonly limit: number;
}

/**
 * One caseload page: the page's ids chosen and the total counted on the cases table's own columns (so the status-first
 * indexes give both), then the shown rows read with their clinician and today's flags. Names and MRNs sort without
 * regard to letter case; unset values go last in either direction; ties fall back to the name, then the id.
 */
export async function listCases(
  db: Db,
  query: ListCasesQuery,
  actorId: string,
  today: IsoDate,
  scope?: CaseloadScope,
): Promise<{ rows: CaseSummary[]; total: number }> {
  const filtered = db.selectFrom('cases').where(caseloadWhere(query, actorId, today, scope));
  const window: Window = { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
  if (query.sortBy !== 'clinician' && readsEveryCandidate(query)) {
    const page = await pageWithTotal(db, filtered, query.sortBy, query.sortDir, window);
    const total = page.total ?? (await countCaseload(db, query, actorId, today, scope));
    return { rows: await readRows(db, page.ids, today), total };
  }
  const ids =
    query.sortBy === 'clinician'
      ? await idsByClinician(db, filtered, query.sortDir, window, filtersOnlyStatus(query, scope))
      : await idsByColumn(ledByWorklist(filtered, query), query, window);
  const total = await countCaseload(db, query, actorId, today, scope);
  return { rows: await readRows(db, ids, today), total };
}

/**
 * The supervisor's worklist (mismatched, no decision) has an index of its own, in name order (migration 15). Sorted by
 * another column, the planner walked that column's index instead and read thousands of cases to find the page's
 * among the few hundred on the worklist (640 of 32,824 in care at 100,000 cases); led from the worklist's index by the
 * cases' row numbers, which hold within one statement, it reads only those (by time at level, 11.6 → 2.6 ms).
 */
function ledByWorklist(filtered: FilteredCases, query: ListCasesQuery): FilteredCases {
  return query.mismatchOnly && query.decisionStatus === 'none' && query.sortBy !== 'fullName'
    ? filtered.where(sql<boolean>`cases.rowid IN (SELECT rowid FROM cases WHERE mismatch = 1 AND decision_status IS NULL)`)
    : filtered;
}

/** Whether nothing but the status (active cases, or every year) narrows the cases. */
function filtersOnlyStatus(query: ListCasesQuery, scope: CaseloadScope | undefined): boolean {
  return (
    scope === undefined &&
    query.level === 'all' &&
    query.clinician === 'all' &&
    !query.mismatchOnly &&
    query.decisionStatus === 'any' &&
    query.flag === 'any' &&
    query.search === ''
  );
}

/**
 * Whether the filters take their cases from a list found elsewhere (the flag spans covering today, the names a
 * search finds), whose every case's row is read to count them, whatever the plan. The page then comes with its total
 * from that one reading instead of a second: at 100,000 cases the 5,019 cases of the authorization filter were read
 * once to count them (24 ms) and again to sort the page (29 ms), against 34 ms for both at once. Those rows are
 * sorted anyway, so unset values go last in the same sort (no index order is lost).
 */
function readsEveryCandidate(query: ListCasesQuery): boolean {
  return query.flag === 'authorization' || query.flag === 'iop-hours' || query.search !== '';
}

/**
 * A page with the count of every case the filters match, or null for the total when the page is past the end. The
 * candidates, with what the sort reads, are gathered once into a table of their own, counted there, and sorted keeping
 * only the page's rows: a window count over the sorted candidates carried every one of them through the whole sort
 * (the 5,019 cases of the authorization filter at 100,000 cases: 17.4 ms against 15.3, medians of 40 runs).
 */
async function pageWithTotal(
  db: Db,
  filtered: FilteredCases,
  sortBy: Exclude<CaseSortKey, 'clinician'>,
  direction: Direction,
  window: Window,
): Promise<{ ids: string[]; total: number | null }> {
  const sortColumns = [...new Set<CaseColumn>(['full_name', SORT_COLUMNS[sortBy].column])].map((column) => `cases.${column}` as const);
  const rows = await db
    .with(
      (cte) => cte('candidates').materialized(),
      () => filtered.select(['cases.id', ...sortColumns]),
    )
    .selectFrom('candidates')
    .select(['candidates.id', sql<number>`(SELECT count(*) FROM candidates)`.as('total')])
    .$call((candidates) => orderTerms(sortBy, direction, 'candidates', 'unset last').reduce((ordered, term) => ordered.orderBy(term), candidates))
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  const first = rows[0];
  return { ids: rows.map((row) => row.id), total: first ? Number(first.total) : window.offset === 0 ? 0 : null };
}

/**
 * The filters asking for an unset derived column ("not yet placed", "no decision"), which no index lists: the
 * derived columns' indexes hold only the cases where they are set (migration 12).
 */
function unsetFilters(query: ListCasesQuery): { readonly column: 'level' | 'decision_status'; readonly lifted: Partial<ListCasesQuery> }[] {
  return [
    ...(query.level === 'unplaced' ? [{ column: 'level' as const, lifted: { level: 'all' as const } }] : []),
    ...(query.decisionStatus === 'none' ? [{ column: 'decision_status' as const, lifted: { decisionStatus: 'any' as const } }] : []),
  ];
}

/**
 * The page's total. Counting the cases where a derived column is unset reads every candidate row. When nothing else
 * narrows the candidates (every active case, or every case), it is instead the count without that filter less the
 * count where the column is set, both ranges of an index (with two such filters, inclusion and exclusion over both);
 * narrowed by a clinician, a flag, mismatches or a search, the few candidates are simply read.
 */
async function countCaseload(db: Db, query: ListCasesQuery, actorId: string, today: IsoDate, scope?: CaseloadScope): Promise<number> {
  const narrowed = scope !== undefined || query.clinician !== 'all' || query.mismatchOnly || query.flag !== 'any' || query.search !== '';
  const unset = narrowed ? [] : unsetFilters(query);
  const rest: ListCasesQuery = unset.reduce((lifted, filter) => ({ ...lifted, ...filter.lifted }), query);
  const subsets = unset.reduce<(typeof unset)[]>((all, filter) => [...all, ...all.map((subset) => [...subset, filter])], [[]]);
  const cases = filtersNoCase(rest, actorId, today, scope)
    ? db.selectFrom('cases')
    : db.selectFrom('cases').where(caseloadWhere(rest, actorId, today, scope));
  // One statement, so every count reads the same snapshot even if a write lands between two awaits.
  const counts = subsets.map((subset) =>
    subset.reduce((rows, filter) => rows.where(`cases.${filter.column}`, 'is not', null), cases).select((eb) => eb.fn.countAll<number>().as('n')),
  );
  const signed = sql.join(
    counts.map((count, index) => ((subsets[index]?.length ?? 0) % 2 === 0 ? sql`+ (${count})` : sql`- (${count})`)),
    sql` `,
  );
  const counted = await sql<{ total: number }>`SELECT 0 ${signed} AS total`.execute(db);
  return Number(counted.rows[0]?.total ?? 0);
}

async function pageIds(ordered: FilteredCases, window: Window): Promise<string[]> {
  if (window.limit <= 0) return [];
  const rows = await ordered.select('cases.id').limit(window.limit).offset(window.offset).execute();
  return rows.map((row) => row.id);
}

function byNameThenId(filtered: FilteredCases, direction: Direction): FilteredCases {
  return nameTerms('cases', direction).reduce((ordered, term) => ordered.orderBy(term), filtered);
}

function nameTerms(table: 'cases' | 'candidates', direction: Direction): RawBuilder<unknown>[] {
  return [sql`${sql.ref(`${table}.full_name`)} COLLATE NOCASE ${sql.raw(direction)}`, sql`${sql.ref(`${table}.id`)} ${sql.raw(direction)}`];
}

/**
 * In the sort's order: its column, then the name, then the id (an MRN, unique without regard to case, needs no more).
 * Unset values come last only when asked: the pages read from an index of the set values leave them out instead.
 */
function orderTerms(
  sortBy: Exclude<CaseSortKey, 'clinician'>,
  direction: Direction,
  table: 'cases' | 'candidates',
  unset?: 'unset last',
): RawBuilder<unknown>[] {
  const { column, nullable } = SORT_COLUMNS[sortBy];
  if (column === 'full_name') return nameTerms(table, direction);
  const ref = sql.ref(`${table}.${column}`);
  const key = TEXT_COLUMNS.has(column) ? sql`${ref} COLLATE NOCASE ${sql.raw(direction)}` : sql`${ref} ${sql.raw(direction)}`;
  // Unique without regard to letter case: nothing is left to break ties, and the index gives the order.
  if (column === 'mrn') return [key];
  return [nullable && unset ? sql`${key} NULLS LAST` : key, ...nameTerms(table, direction)];
}

function orderedBy(rows: FilteredCases, sortBy: Exclude<CaseSortKey, 'clinician'>, direction: Direction): FilteredCases {
  return orderTerms(sortBy, direction, 'cases').reduce((ordered, term) => ordered.orderBy(term), rows);
}

/**
 * Sorted on one column. A column that may be unset has an index of the cases where it is set (migration 12), so in
 * either direction the set values are paged from that index and the unset ones follow in name order (NULLS LAST
 * would force a sort).
 */
async function idsByColumn(filtered: FilteredCases, query: ListCasesQuery, window: Window): Promise<string[]> {
  const sortBy = query.sortBy as Exclude<CaseSortKey, 'clinician'>;
  const { column, nullable } = SORT_COLUMNS[sortBy];
  const direction = query.sortDir;
  const ordered = (rows: FilteredCases): FilteredCases => orderedBy(rows, sortBy, direction);
  if (!nullable) return pageIds(ordered(filtered), window);
  const set = await pageIds(ordered(filtered.where(`cases.${column}`, 'is not', null)), window);
  if (set.length === window.limit) return set;
  // The set values end on this page or before it: count them to know where the unset ones start.
  const setCount =
    set.length > 0 || window.offset === 0
      ? window.offset + set.length
      : Number(
          (
            await filtered
              .where(`cases.${column}`, 'is not', null)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
  const unset = await pageIds(byNameThenId(filtered.where(`cases.${column}`, 'is', null), direction), {
    offset: Math.max(0, window.offset - setCount),
    limit: window.limit - set.length,
  });
  return [...set, ...unset];
}

/**
 * Sorted by the clinician's display name, unassigned cases last either way. The clinicians are ordered by name (those
 * whose names differ only in letter case form one group, whose cases interleave by case name), and only the groups
 * the page overlaps are read, each in case-name order. When nothing but the status filters the cases, each group is
 * one range of the status-first clinician index, counted as the page reaches it: a first page over every year then
 * counts one clinician's cases, not all 100,000. Otherwise the cases are counted per clinician in one pass first.
 */
async function idsByClinician(db: Db, filtered: FilteredCases, direction: Direction, window: Window, eachGroupCounted: boolean): Promise<string[]> {
  const countOf = eachGroupCounted ? null : await casesPerClinician(filtered);
  const assigned = countOf === null ? null : [...countOf.keys()].flatMap((id) => (id === null ? [] : [id]));
  const users =
    assigned !== null && assigned.length === 0
      ? []
      : await db
          .selectFrom('users')
          .select(['id', 'display_name'])
          .$if(assigned !== null, (users) => users.where('id', 'in', assigned ?? []))
          .orderBy(sql`display_name COLLATE NOCASE`, direction)
          .execute();
  const groups: { ids: string[]; folded: string; unset: boolean }[] = [];
  for (const user of users) {
    const last = groups.at(-1);
    const folded = foldCase(user.display_name);
    if (last && last.folded === folded) last.ids.push(user.id);
    else groups.push({ ids: [user.id], folded, unset: false });
  }
  const known = new Set(users.map((user) => user.id));
  groups.push({ ids: (assigned ?? []).filter((id) => !known.has(id)), folded: '', unset: true });
  const ids: string[] = [];
  let start = 0;
  for (const group of groups) {
    if (ids.length >= window.limit) break;
    const members = filtered.where((eb) =>
      group.unset
        ? eb.or([eb('cases.clinician_id', 'is', null), ...(group.ids.length > 0 ? [eb('cases.clinician_id', 'in', group.ids)] : [])])
        : eb('cases.clinician_id', 'in', group.ids),
    );
    const size =
      countOf === null
        ? Number((await members.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
        : (group.unset ? (countOf.get(null) ?? 0) : 0) + group.ids.reduce((sum, id) => sum + (countOf.get(id) ?? 0), 0);
    const from = Math.max(window.offset + ids.length, start);
    if (size > 0 && from < start + size) {
      ids.push(...(await pageIds(byNameThenId(members, direction), { offset: from - start, limit: window.limit - ids.length })));
    }
    start += size;
  }
  return ids;
}

/** The cases of each clinician (and the unassigned, under null) among those the filters keep. */
async function casesPerClinician(filtered: FilteredCases): Promise<Map<string | null, number>> {
  // Grouped by status too, the groups come in the order of the status-first clinician index, where grouping by the
  // clinician alone over every year sorted 100,000 entries first (27–43 ms against 9 ms at 100,000 cases).
  const counts = await filtered
    .select((eb) => ['cases.clinician_id', eb.fn.countAll<number>().as('n')])
    .groupBy(['cases.status', 'cases.clinician_id'])
    .execute();
  const countOf = new Map<string | null, number>();
  for (const row of counts) countOf.set(row.clinician_id, (countOf.get(row.clinician_id) ?? 0) + Number(row.n));
  return countOf;
}

/** SQLite's NOCASE: only the ASCII letters are folded. */
function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** The shown rows, in the page's order, with their clinician and today's flags. */
async function readRows(db: Db, ids: readonly string[], today: IsoDate): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const rows = await withClinician(db, today)
    .where(sql<boolean>`cases.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toCaseSummary(row, today)] : [];
  });
}
