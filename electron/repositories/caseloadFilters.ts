import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ListCasesQuery } from '../../shared/contract/cases';
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
 * from the case_names full-text index, as case numbers; when only cases in care are asked for, those the numbers
 * mark as not in care are left out before the cases are looked up by id (migration 16). The MRN through its index (a
 * range, then LIKE for the exact rule).
 */
function matchingSearch(eb: CasesBuilder, search: string, inCareOnly: boolean): Expression<SqlBool> {
  const prefix = likePrefix(search);
  const byMrn = sql<boolean>`cases.id IN (SELECT id FROM cases WHERE mrn COLLATE NOCASE >= ${search} AND mrn COLLATE NOCASE < ${`${search}\u{10FFFF}`}
    AND mrn LIKE ${prefix} ESCAPE '\\')`;
  const words = nameSearchQuery(search);
  if (words === null) return byMrn;
  return eb.or([
    inCareOnly
      ? sql<boolean>`cases.id IN (SELECT case_id FROM case_numbers WHERE case_no IN (SELECT rowid FROM case_names WHERE case_names MATCH ${words}) AND active = 1)`
      : sql<boolean>`cases.id IN (SELECT case_id FROM case_numbers WHERE case_no IN (SELECT rowid FROM case_names WHERE case_names MATCH ${words}))`,
    byMrn,
  ]);
}

/**
 * Cases whose date-dependent flag is on today: the IOP hours of their last complete week (see lastCompleteWeek), or
 * their authorization (see dayFlags in casesRepository). Each case keeps the spans of days its flags are on, kept by
 * the database's triggers (migration 13), so the filter reads the spans covering today from an index, by their last day
 * or their first (migration 18), whichever range the planner's statistics find shorter, instead of judging every
 * authorization or IOP case. Only placed cases have spans; saying so lets each flagged case be checked and sorted from
 * the index of placed cases (migration 17) instead of its row.
 */
function flaggedOn(flag: 'authorization' | 'iop-hours', today: IsoDate): Expression<SqlBool> {
  return sql<boolean>`cases.level IS NOT NULL AND cases.id IN (SELECT case_id FROM case_flag_spans WHERE flag = ${flag} AND to_date >= ${today} AND from_date <= ${today})`;
}

/** Every filter of the caseload, on the cases table's own columns, so the indexes can choose and count the page. */
export function caseloadWhere(query: ListCasesQuery, actorId: string, today: IsoDate, scope: CaseloadScope | undefined) {
  return (eb: CasesBuilder): Expression<SqlBool> => eb.and(caseloadTerms(eb, query, actorId, today, scope));
}

/**
 * Whether the caseload asks for every case with no filter at all (all years, everyone's). Its count is then
 * `count(*)` with no WHERE, which SQLite answers from the smallest index's page counts; an empty filter renders as
 * `WHERE 1 = 1`, which reads every entry instead (1.7–1.9 ms against under 0.1 ms at 100,000 cases).
 */
export function filtersNoCase(query: ListCasesQuery, actorId: string, today: IsoDate, scope: CaseloadScope | undefined): boolean {
  return caseloadTerms(expressionBuilder<StepwiseSchema, 'cases'>(), query, actorId, today, scope).length === 0;
}

function caseloadTerms(
  eb: CasesBuilder,
  query: ListCasesQuery,
  actorId: string,
  today: IsoDate,
  scope: CaseloadScope | undefined,
): Expression<SqlBool>[] {
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
  else if (query.flag !== 'any') terms.push(flaggedOn(query.flag, today));
  if (query.search !== '') terms.push(matchingSearch(eb, query.search, !query.includeDischarged));
  return terms;
}
