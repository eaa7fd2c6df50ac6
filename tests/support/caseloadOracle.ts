import { sql, type Kysely } from 'kysely';
import type { CaseSortKey, ListCasesQuery } from '../../shared/contract/cases';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../shared/domain/attendance';
import { addDays, startOfWeek, type IsoDate } from '../../shared/domain/dates';
import type { StepwiseSchema } from '../../electron/db/schema';
import type { CaseloadScope } from '../../electron/repositories/caseloadFilters';

/**
 * The caseload as one plain query (the app's implementation before the 100,000-case work): every row's flags
 * computed in place, a LIKE per search rule, one ORDER BY with NULLS LAST. Slow at scale and obviously right, so the
 * tests hold the indexed implementation to the same ids, order and total.
 */
const SORT_COLUMNS: Readonly<Record<CaseSortKey, string>> = {
  fullName: 'cases.full_name',
  mrn: 'cases.mrn',
  dateOfBirth: 'cases.date_of_birth',
  level: 'cases.level',
  recommendedLevel: 'cases.recommended_level',
  levelSince: 'cases.level_since',
  nextReviewDue: 'cases.next_review_due',
  clinician: 'users.display_name',
  decisionStatus: 'cases.decision_status',
  updatedAt: 'cases.updated_at',
};
const TEXT_SORTS: ReadonlySet<CaseSortKey> = new Set(['fullName', 'mrn', 'clinician']);

export async function oracleCaseload(
  db: Kysely<StepwiseSchema>,
  query: ListCasesQuery,
  actorId: string,
  today: IsoDate,
  scope?: CaseloadScope,
): Promise<{ ids: string[]; total: number }> {
  const lastWeekStart = addDays(startOfWeek(today), -7);
  const lastWeekEnd = addDays(lastWeekStart, 6);
  const iopHours = sql`(CASE WHEN cases.level = 'iop' AND cases.level_since <= ${lastWeekStart} THEN
    (SELECT coalesce(sum(attendance.hours), 0) FROM attendance WHERE attendance.case_id = cases.id
      AND attendance.session_date BETWEEN ${lastWeekStart} AND ${lastWeekEnd}) END)`;
  const coveringEnd = sql`(SELECT max(a.to_date) FROM authorizations a WHERE a.case_id = cases.id AND a.from_date <= ${today}
      AND a.to_date >= ${today} AND a.level = cases.level)`;
  const endsOn = sql`coalesce((SELECT max(r.to_date) FROM authorizations r
    WHERE r.case_id = cases.id AND r.level = cases.level AND r.from_date <= date(${coveringEnd}, '+1 day') AND r.to_date > ${coveringEnd}),
    ${coveringEnd})`;
  const covering = sql`(cases.level IS NOT NULL AND EXISTS (SELECT 1 FROM authorizations
    WHERE authorizations.case_id = cases.id AND authorizations.from_date <= ${today} AND authorizations.to_date >= ${today}))`;
  let filtered = db.selectFrom('cases').leftJoin('users', 'users.id', 'cases.clinician_id');
  if (scope) {
    filtered = filtered.where((eb) =>
      scope.alsoCaseIds.length === 0
        ? eb('cases.clinician_id', '=', scope.clinicianId)
        : eb.or([eb('cases.clinician_id', '=', scope.clinicianId), eb('cases.id', 'in', scope.alsoCaseIds)]),
    );
  }
  if (!query.includeDischarged) filtered = filtered.where('cases.status', '=', 'active');
  if (query.level === 'unplaced') filtered = filtered.where('cases.level', 'is', null);
  else if (query.level !== 'all') filtered = filtered.where('cases.level', '=', query.level);
  if (query.clinician === 'mine') filtered = filtered.where('cases.clinician_id', '=', actorId);
  else if (query.clinician === 'unassigned') filtered = filtered.where('cases.clinician_id', 'is', null);
  else if (query.clinician !== 'all') filtered = filtered.where('cases.clinician_id', '=', query.clinician);
  if (query.mismatchOnly) filtered = filtered.where('cases.mismatch', '=', 1);
  if (query.decisionStatus === 'none') filtered = filtered.where('cases.decision_status', 'is', null);
  else if (query.decisionStatus !== 'any') filtered = filtered.where('cases.decision_status', '=', query.decisionStatus);
  if (query.flag === 'review-overdue') filtered = filtered.where('cases.next_review_due', '<', today);
  else if (query.flag === 'iop-hours') filtered = filtered.where(sql<boolean>`${iopHours} < ${IOP_MINIMUM_WEEKLY_HOURS}`);
  else if (query.flag === 'authorization') {
    filtered = filtered.where(sql<boolean>`(${endsOn} <= ${addDays(today, 7)} OR (${endsOn} IS NULL AND ${covering}))`);
  }
  if (query.search !== '') {
    const prefix = `${query.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    filtered = filtered.where((eb) =>
      eb.or([
        sql<boolean>`cases.full_name LIKE ${prefix} ESCAPE '\\'`,
        sql<boolean>`cases.mrn LIKE ${prefix} ESCAPE '\\'`,
        sql<boolean>`cases.full_name LIKE ${`% ${prefix}`} ESCAPE '\\'`,
      ]),
    );
  }
  const direction = query.sortDir;
  const rows = await filtered
    .select('cases.id')
    .orderBy(sql.ref(SORT_COLUMNS[query.sortBy]), (item) => {
      const directed = direction === 'asc' ? item.asc() : item.desc();
      return TEXT_SORTS.has(query.sortBy) ? directed.collate('nocase').nullsLast() : directed.nullsLast();
    })
    .orderBy('cases.full_name', (item) => (direction === 'asc' ? item.asc() : item.desc()).collate('nocase'))
    .orderBy('cases.id', direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const counted = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return { ids: rows.map((row) => row.id), total: Number(counted.total) };
}
