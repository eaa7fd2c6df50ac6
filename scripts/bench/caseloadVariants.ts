import { CASE_SORT_KEYS, listCasesInputSchema, type ListCasesInput, type ListCasesQuery } from '../../shared/contract/cases';

export type BenchActor = 'supervisor' | 'clinician';

/** One caseload request as the window sends it, and who sends it. */
export interface CaseloadVariant {
  readonly name: string;
  readonly query: ListCasesQuery;
  readonly actor: BenchActor;
}

const PAGE_SIZE = 100;

function variant(name: string, input: ListCasesInput, actor: BenchActor = 'supervisor'): CaseloadVariant {
  return { name, query: listCasesInputSchema.parse({ pageSize: PAGE_SIZE, ...input }), actor };
}

/**
 * Every sort in both directions, every filter value on its own, and a few combinations a supervisor uses, all on
 * the first page of 100 rows; a later page; and a clinician's own caseload. `clinicianId` is a clinician holding cases.
 */
export function caseloadVariants(clinicianId: string): CaseloadVariant[] {
  const sorts = CASE_SORT_KEYS.flatMap((sortBy) =>
    (['asc', 'desc'] as const).map((sortDir) => variant(`sort.${sortBy}.${sortDir}`, { sortBy, sortDir })),
  );
  const filters = [
    ...(['inpatient', 'iop', 'outpatient', 'unplaced'] as const).map((level) => variant(`filter.level.${level}`, { level })),
    variant('filter.clinician.mine', { clinician: 'mine' }),
    variant('filter.clinician.unassigned', { clinician: 'unassigned' }),
    variant('filter.clinician.one', { clinician: clinicianId }),
    variant('filter.mismatch', { mismatchOnly: true }),
    ...(['review-overdue', 'iop-hours', 'authorization'] as const).map((flag) => variant(`filter.flag.${flag}`, { flag })),
    ...(['none', 'draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const).map((decisionStatus) =>
      variant(`filter.decision.${decisionStatus}`, { decisionStatus }),
    ),
    variant('filter.includeDischarged', { includeDischarged: true }),
  ];
  const combined = [
    variant('combined.iopBelowHours.byNextReview', { level: 'iop', flag: 'iop-hours', sortBy: 'nextReviewDue' }),
    variant('combined.mismatch.undecided.byLevelSince', { mismatchOnly: true, decisionStatus: 'none', sortBy: 'levelSince', sortDir: 'desc' }),
    variant('combined.clinician.allYears.byUpdated', { clinician: clinicianId, includeDischarged: true, sortBy: 'updatedAt', sortDir: 'desc' }),
    variant('combined.allYears.byClinician', { includeDischarged: true, sortBy: 'clinician' }),
    variant('page.fifth', { page: 5 }),
    variant('scope.clinicianOwnCaseload', {}, 'clinician'),
  ];
  return [...sorts, ...filters, ...combined];
}

/** Searches by a name's start, a later word's start, an MRN prefix, a whole MRN and a miss. */
export function searchVariants(): CaseloadVariant[] {
  return [
    variant('search.namePrefix.short', { search: 'Ma' }),
    variant('search.namePrefix.long', { search: 'Marcus' }),
    variant('search.laterWord', { search: 'Rodr' }),
    variant('search.mrnPrefix', { search: 'DEMO-0012' }),
    variant('search.mrnExact', { search: 'DEMO-004242' }),
    variant('search.allYears.namePrefix', { search: 'Sofia', includeDischarged: true }),
    variant('search.noMatch', { search: 'Zzyzx' }),
  ];
}
