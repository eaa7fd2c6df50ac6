import { z } from 'zod';
import { VARIANCE_REASONS } from '../domain/variance';
import { personRefSchema } from './cases';

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
