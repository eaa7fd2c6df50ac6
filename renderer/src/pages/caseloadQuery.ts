import type { SessionUser } from '../../../shared/contract/auth';
import type { CaseDecisionFilter, CaseFlagFilter, CaseLevelFilter, CaseSortKey, ListCasesInput } from '../../../shared/contract/cases';
import { userHasRole } from '../session/userRoles';

// Types and plain functions only: the window's first script (../boot.ts) asks for the first caseload page with
// them before React and the screens have loaded.

/** What the caseload shows; kept by the shell so returning from a case finds the same list. */
export interface CaseloadView {
  /** 'mine', 'all', 'unassigned' or a clinician's id, as cases.list takes it. */
  readonly clinician: string;
  readonly level: CaseLevelFilter;
  readonly mismatchOnly: boolean;
  readonly decisionStatus: CaseDecisionFilter;
  /** Cases needing attention: an overdue review, IOP hours under 9 last week, a payer authorization problem. */
  readonly flag: CaseFlagFilter;
  readonly includeDischarged: boolean;
  readonly searchText: string;
  readonly sortBy: CaseSortKey;
  readonly sortDir: 'asc' | 'desc';
  /** The first row in view when the list was left. */
  readonly firstRow: number;
  /** The case to scroll to and put the focus back on when the list reappears, with its place in the list then. */
  readonly lastOpened: { readonly caseId: string; readonly index: number } | null;
}

export type CaseloadFilter = Pick<
  CaseloadView,
  'clinician' | 'level' | 'mismatchOnly' | 'decisionStatus' | 'flag' | 'includeDischarged' | 'searchText'
>;

/** The caseload's filters and sort: everything cases.list takes but the page. */
export type CaseloadQuery = Omit<ListCasesInput, 'page' | 'pageSize'>;

/** Cases per cases.list call: several screens of rows, so steady scrolling asks rarely. */
export const CASELOAD_WINDOW_SIZE = 100;

/** Clinicians start from their own cases; supervisors and administrators from everyone's. */
function defaultClinicianFilter(user: SessionUser): string {
  return userHasRole(user, 'clinician') ? 'mine' : 'all';
}

export function defaultCaseloadView(user: SessionUser): CaseloadView {
  return {
    ...defaultFilter(user),
    sortBy: 'fullName',
    sortDir: 'asc',
    firstRow: 0,
    lastOpened: null,
  };
}

export function defaultFilter(user: SessionUser): CaseloadFilter {
  return {
    clinician: defaultClinicianFilter(user),
    level: 'all',
    mismatchOnly: false,
    decisionStatus: 'any',
    flag: 'any',
    includeDischarged: false,
    searchText: '',
  };
}

/** What cases.list is asked for a view, with the search as typed once it has settled. */
export function caseloadQueryOf(view: CaseloadView, search: string): CaseloadQuery {
  return {
    sortBy: view.sortBy,
    sortDir: view.sortDir,
    level: view.level,
    clinician: view.clinician,
    mismatchOnly: view.mismatchOnly,
    decisionStatus: view.decisionStatus,
    flag: view.flag,
    includeDischarged: view.includeDischarged,
    search,
  };
}

/** The cases.list input for one window of rows (0 is the first). */
export function caseloadWindowInput(query: CaseloadQuery, window: number): ListCasesInput {
  return { ...query, page: window + 1, pageSize: CASELOAD_WINDOW_SIZE };
}

/** The first screen a signed-in person sees is their default caseload; this is what it asks for first. */
export function firstCaseloadInput(user: SessionUser): ListCasesInput {
  return caseloadWindowInput(caseloadQueryOf(defaultCaseloadView(user), ''), 0);
}
