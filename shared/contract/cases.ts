import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case';
import { isoDateSchema, levelSchema, mrnSchema, optionalTextSchema, personNameSchema, requiredDateSchema } from './fields';

export const DECISION_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

const personRefSchema = z.object({ id: z.string(), displayName: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const caseSummarySchema = z.object({
  id: z.string(),
  mrn: z.string(),
  fullName: z.string(),
  dateOfBirth: isoDateSchema,
  clinician: personRefSchema.nullable(),
  program: z.string().nullable(),
  payer: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  /** The current level: the level of the open episode. */
  level: levelSchema.nullable(),
  levelSince: isoDateSchema.nullable(),
  /** The latest assessment's recommended level. */
  recommendedLevel: levelSchema.nullable(),
  mismatch: z.boolean(),
  decisionStatus: z.enum(DECISION_STATUSES).nullable(),
  plannedLevel: levelSchema.nullable(),
  plannedOn: isoDateSchema.nullable(),
  /** Continued-stay review: due this day (episode start or last review plus the level's interval). */
  nextReviewDue: isoDateSchema.nullable(),
  reviewOverdue: z.boolean(),
  /** Hours attended in the last complete week, when the whole week was at IOP. */
  iopHoursLastWeek: z.number().nullable(),
  iopBelowIntensity: z.boolean(),
  /** The payer authorization for the current level ends within 7 days, or none covers the current level. */
  authorizationFlag: z.enum(['ending-soon', 'level-mismatch']).nullable(),
  authorizationEndsOn: isoDateSchema.nullable(),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const CASE_SORT_KEYS = [
  'fullName',
  'mrn',
  'dateOfBirth',
  'level',
  'recommendedLevel',
  'levelSince',
  'nextReviewDue',
  'clinician',
  'decisionStatus',
  'updatedAt',
] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];
export const CASE_LEVEL_FILTERS = ['all', 'inpatient', 'iop', 'outpatient', 'unplaced'] as const;
export type CaseLevelFilter = (typeof CASE_LEVEL_FILTERS)[number];
export const CASE_STATUS_FILTERS = ['any', 'none', ...DECISION_STATUSES] as const;
export type CaseDecisionFilter = (typeof CASE_STATUS_FILTERS)[number];
export const CASE_FLAG_FILTERS = ['any', 'review-overdue', 'iop-hours', 'authorization'] as const;
export type CaseFlagFilter = (typeof CASE_FLAG_FILTERS)[number];
export const MAX_PAGE_SIZE = 200;

export const listCasesInputSchema = z.strictObject({
  page: z.number({ error: 'The page must be a whole number.' }).int('The page must be a whole number.').min(1, 'The page starts at 1.').default(1),
  pageSize: z
    .number({ error: 'The page size must be a whole number.' })
    .int('The page size must be a whole number.')
    .min(1, 'The page size must be at least 1.')
    .max(MAX_PAGE_SIZE, `The page size can be at most ${MAX_PAGE_SIZE}.`)
    .default(50),
  sortBy: z.enum(CASE_SORT_KEYS, { error: 'Unknown sort column.' }).default('fullName'),
  sortDir: z.enum(['asc', 'desc'], { error: 'Sort direction must be asc or desc.' }).default('asc'),
  level: z.enum(CASE_LEVEL_FILTERS, { error: 'Unknown level filter.' }).default('all'),
  /** 'mine' (the signed-in user's cases), 'all', 'unassigned' or a clinician's id. */
  clinician: z.string().trim().min(1, 'Unknown clinician filter.').max(64, 'Unknown clinician filter.').default('all'),
  mismatchOnly: z.boolean({ error: 'The mismatch filter must be true or false.' }).default(false),
  /** Cases needing attention: a review overdue, IOP hours under 9 last week, or a payer authorization problem. */
  flag: z.enum(CASE_FLAG_FILTERS, { error: 'Unknown flag filter.' }).default('any'),
  decisionStatus: z.enum(CASE_STATUS_FILTERS, { error: 'Unknown decision status filter.' }).default('any'),
  /**
   * Matches names with words starting with the search's words, in order (punctuation separates words; letter case
   * and accents do not matter), or MRNs starting with the search as typed (letter case aside).
   */
  search: z.string().trim().max(100, 'The search can be at most 100 characters.').default(''),
  includeDischarged: z.boolean().default(false),
});
export type ListCasesInput = z.input<typeof listCasesInputSchema>;
export type ListCasesQuery = z.output<typeof listCasesInputSchema>;

/**
 * A clinician sees only the cases assigned to them. When their search is exactly the MRN of another clinician's
 * case, this says the case exists, so they can open it through emergency access; nothing else about it is shown.
 */
export const outsideCaseloadSchema = z.object({ caseId: z.string(), mrn: z.string(), clinician: personRefSchema.nullable() });
export type OutsideCaseload = z.infer<typeof outsideCaseloadSchema>;

export const listCasesOutputSchema = z.object({
  rows: z.array(caseSummarySchema),
  outsideCaseload: outsideCaseloadSchema.nullable(),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type CasePage = z.infer<typeof listCasesOutputSchema>;

const caseFields = {
  mrn: mrnSchema,
  fullName: personNameSchema,
  dateOfBirth: requiredDateSchema('date of birth'),
  /** Left out: the signed-in user if they are a clinician; null: unassigned; otherwise an active clinician's id. */
  clinicianId: z.string().min(1).max(64).nullable().optional(),
  program: optionalTextSchema('The program', 80),
  payer: optionalTextSchema('The payer', 80),
};

export const createCaseInputSchema = z.strictObject(caseFields);
export type CreateCaseInput = z.input<typeof createCaseInputSchema>;
export type NewCase = z.output<typeof createCaseInputSchema>;

export const updateCaseInputSchema = z.strictObject({
  caseId: z.string().min(1).max(64),
  ...caseFields,
});
export type UpdateCaseInput = z.input<typeof updateCaseInputSchema>;

export const caseIdInputSchema = z.strictObject({ caseId: z.string({ error: 'Choose a case.' }).min(1, 'Choose a case.').max(64) });

export { personRefSchema };
