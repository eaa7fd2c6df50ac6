import { z } from 'zod';
import { VARIANCE_REASONS } from '../domain/variance';
import { personRefSchema } from './cases';
import { isoDateSchema } from './fields';
import { withJobId } from './jobs';

export const clinicianOverviewSchema = z.object({
  clinician: personRefSchema,
  decisions: z.number().int().min(0),
  drafts: z.number().int().min(0),
  pending: z.number().int().min(0),
  approved: z.number().int().min(0),
  /** Decisions returned at least once by a supervisor. */
  returned: z.number().int().min(0),
  /** Approved, non-superseded decisions with a non-null recommendation; placed = chosen the recommended level. */
  concordance: z.object({
    placedAsRecommended: z.number().int().min(0),
    eligible: z.number().int().min(0),
    share: z.number().min(0).max(1).nullable(),
  }),
  variances: z.record(z.enum(VARIANCE_REASONS), z.number().int().min(0)),
});
export type ClinicianOverview = z.infer<typeof clinicianOverviewSchema>;

export const supervisorOverviewSchema = z.object({ clinicians: z.array(clinicianOverviewSchema) });
export type SupervisorOverview = z.infer<typeof supervisorOverviewSchema>;

const ratioSchema = z.number().min(0).max(1).nullable();
const levelCountsSchema = z.object({ inpatient: z.number().int().min(0), iop: z.number().int().min(0), outpatient: z.number().int().min(0) });

export const metricsReportInputSchema = z.strictObject({
  /** Episodes overlapping this range (inclusive) are counted; defaults to the last 12 months. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** The case's current assigned clinician. */
  clinicianId: z.string().min(1).max(64).optional(),
  program: z.string().trim().min(1).max(80).optional(),
  ...withJobId,
});
export type MetricsReportInput = z.input<typeof metricsReportInputSchema>;

const losSchema = z.object({
  n: z.number().int().min(0),
  median: z.number(),
  p25: z.number(),
  p75: z.number(),
  /** Shortest and longest stay, for the box plot's whiskers. */
  min: z.number(),
  max: z.number(),
});

export const metricsReportSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  cases: z.number().int().min(0),
  episodes: z.number().int().min(0),
  transitions: z.record(z.string(), z.number().int().min(0)),
  lengthOfStay: z.object({ inpatient: losSchema.optional(), iop: losSchema.optional(), outpatient: losSchema.optional() }),
  continuityAfterInpatient: z.object({ n: z.number().int().min(0), within7: ratioSchema, within30: ratioSchema }),
  returnToHigherWithin30: z.object({ n: z.number().int().min(0), rate: ratioSchema }),
  dropoutRate: z.object({ inpatient: ratioSchema, iop: ratioSchema, outpatient: ratioSchema }),
  /** People in care per level, one point per day (or per week for ranges over 120 days). */
  census: z.array(levelCountsSchema.extend({ day: isoDateSchema })),
  concordance: z.object({ placedAsRecommended: z.number().int().min(0), eligible: z.number().int().min(0), share: ratioSchema }),
  variances: z.object({
    variances: z.number().int().min(0),
    byReason: z.array(z.object({ reason: z.string(), count: z.number().int().min(0) })),
    withoutReason: z.number().int().min(0),
  }),
  /** Programs and sites found in the records, for the filter. */
  programs: z.array(z.string()),
});
export type MetricsReport = z.infer<typeof metricsReportSchema>;
