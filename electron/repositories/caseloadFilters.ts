import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ListCasesQuery } from '../../shared/contract/cases';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../shared/domain/attendance';
import { addDays, startOfWeek, type IsoDate } from '../../shared/domain/dates';
import type { StepwiseSchema } from '../db/schema';

type CasesBuilder = ExpressionBuilder<StepwiseSchema, 'cases'>;

/** A clinician's own caseload: the cases assigned to them, and those they opened through emergency access. */
export interface CaseloadScope {
  readonly clinicianId: string;
  readonly alsoCaseIds: readonly string[];
}

/** The last complete week (Monday to Sunday) before today's: IOP hours are judged on it. */
export function lastCompleteWeek(today: IsoDate): { readonly start: IsoDate; readonly end: IsoDate } {
  const start = addDays(startOfWeek(today), -7);
  return { start, end: addDays(start, 6) };
}

/** Escapes LIKE wildcards so a search for "50%" matches the text, not a pattern. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The search as a full-text query: its words in order, the last one as a prefix ("mar ro" finds "Maria Rodriguez"),
 * each quoted so nothing typed is read as query syntax. Words are what the unicode61 tokenizer makes words of.
 */
export function nameSearchQuery(search: string): string | null {
  const words = search.normalize('NFC').match(/[\p{L}\p{N}\p{Co}]+/gu);
  return words ? `"${words.join(' ')}" *` : null;
}

/**
 * Cases whose name has words starting with the search's words, or whose MRN starts with it. The name words come
 * from the case_names full-text index; the MRN through its index (a range, then LIKE for the exact rule).
 */
function matchingSearch(eb: CasesBuilder, search: string): Expression<SqlBool> {
  const prefix = likePrefix(search);
  const byMrn = sql<boolean>`cases.id IN (SELECT id FROM cases WHERE mrn COLLATE NOCASE >= ${search} AND mrn COLLATE NOCASE < ${`${search}\u{10FFFF}`}
    AND mrn LIKE ${prefix} ESCAPE '\\')`;
  const words = nameSearchQuery(search);
  if (words === null) return byMrn;
  return eb.or([
    sql<boolean>`cases.id IN (SELECT case_id FROM case_numbers WHERE case_no IN (SELECT rowid FROM case_names WHERE case_names MATCH ${words}))`,
    byMrn,
  ]);
}

/**
 * IOP cases at that level the whole of last week with fewer than 9 hours attended in it: the cases with enough hours
 * come from last week's attendance alone, so no per-case sum runs for the others.
 */
function belowIopHours(today: IsoDate): Expression<SqlBool> {
  const week = lastCompleteWeek(today);
  // "+case_id": grouping by the bare column tempts the planner to read all attendance in case order.
  return sql<boolean>`(cases.level = 'iop' AND cases.level_since <= ${week.start} AND cases.id NOT IN (SELECT case_id FROM attendance
    WHERE session_date BETWEEN ${week.start} AND ${week.end} GROUP BY +case_id HAVING sum(hours) >= ${IOP_MINIMUM_WEEKLY_HOURS}))`;
}

/**
 * The authorization flag (see dayFlags in casesRepository) as a set of case ids, computed from the authorizations
 * covering today only: the covering one for the case's level ends within 7 days (renewals followed one step), or
 * none at the case's level while one for another level covers today.
 */
function authorizationFlagged(today: IsoDate): Expression<SqlBool> {
  const soon = addDays(today, 7);
  return sql<boolean>`cases.id IN (
    WITH covering AS (
      SELECT a.case_id, c.level, max(a.to_date) AS covered_to FROM authorizations a JOIN cases c ON c.id = a.case_id AND c.level = a.level
      WHERE a.to_date >= ${today} AND a.from_date <= ${today} GROUP BY +a.case_id
    ),
    ends AS (
      SELECT covering.case_id, coalesce((SELECT max(r.to_date) FROM authorizations r WHERE r.case_id = covering.case_id AND r.level = covering.level
        AND r.from_date <= date(covering.covered_to, '+1 day') AND r.to_date > covering.covered_to), covering.covered_to) AS ends_on
      FROM covering
    )
    SELECT case_id FROM ends WHERE ends_on <= ${soon}
    UNION
    SELECT a.case_id FROM authorizations a JOIN cases c ON c.id = a.case_id
      WHERE a.to_date >= ${today} AND a.from_date <= ${today} AND c.level IS NOT NULL AND a.case_id NOT IN (SELECT case_id FROM covering)
  )`;
}

/** Every filter of the caseload, on the cases table's own columns, so the indexes can choose and count the page. */
export function caseloadWhere(query: ListCasesQuery, actorId: string, today: IsoDate, scope: CaseloadScope | undefined) {
  return (eb: CasesBuilder): Expression<SqlBool> => {
    const terms: Expression<SqlBool>[] = [];
    if (scope) {
      terms.push(
        scope.alsoCaseIds.length === 0
          ? eb('cases.clinician_id', '=', scope.clinicianId)
          : eb.or([eb('cases.clinician_id', '=', scope.clinicianId), eb('cases.id', 'in', scope.alsoCaseIds)]),
      );
    }
    if (!query.includeDischarged) terms.push(eb('cases.status', '=', 'active'));
    if (query.level === 'unplaced') terms.push(eb('cases.level', 'is', null));
    else if (query.level !== 'all') terms.push(eb('cases.level', '=', query.level));
    if (query.clinician === 'mine') terms.push(eb('cases.clinician_id', '=', actorId));
    else if (query.clinician === 'unassigned') terms.push(eb('cases.clinician_id', 'is', null));
    else if (query.clinician !== 'all') terms.push(eb('cases.clinician_id', '=', query.clinician));
    if (query.mismatchOnly) terms.push(eb('cases.mismatch', '=', 1));
    if (query.decisionStatus === 'none') terms.push(eb('cases.decision_status', 'is', null));
    else if (query.decisionStatus !== 'any') terms.push(eb('cases.decision_status', '=', query.decisionStatus));
    if (query.flag === 'review-overdue') terms.push(eb('cases.next_review_due', '<', today));
    else if (query.flag === 'iop-hours') terms.push(belowIopHours(today));
    else if (query.flag === 'authorization') terms.push(authorizationFlagged(today));
    if (query.search !== '') terms.push(matchingSearch(eb, query.search));
    return eb.and(terms);
  };
}
