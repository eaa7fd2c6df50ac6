import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case';
import { isoDateSchema, levelSchema, mrnSchema, optionalTextSchema, personNameSchema, requiredDateSchema } from './fields';

export const caseSummarySchema = z.object({
  id: z.string(),
  mrn: z.string(),
  fullName: z.string(),
  dateOfBirth: isoDateSchema,
  level: levelSchema.nullable(),
  status: z.enum(CASE_STATUSES),
  program: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const CASE_SORT_KEYS = ['fullName', 'mrn', 'dateOfBirth', 'level', 'updatedAt'] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];
export const CASE_LEVEL_FILTERS = ['all', 'inpatient', 'iop', 'outpatient', 'unplaced'] as const;
export type CaseLevelFilter = (typeof CASE_LEVEL_FILTERS)[number];
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
});
export type ListCasesInput = z.input<typeof listCasesInputSchema>;
export type ListCasesQuery = z.output<typeof listCasesInputSchema>;

export const listCasesOutputSchema = z.object({
  rows: z.array(caseSummarySchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type CasePage = z.infer<typeof listCasesOutputSchema>;

export const createCaseInputSchema = z.strictObject({
  mrn: mrnSchema,
  fullName: personNameSchema,
  dateOfBirth: requiredDateSchema('date of birth'),
  level: levelSchema
    .nullable()
    .optional()
    .transform((level) => level ?? null),
  program: optionalTextSchema('The program', 80),
});
export type CreateCaseInput = z.input<typeof createCaseInputSchema>;
export type NewCase = z.output<typeof createCaseInputSchema>;
