import { z } from 'zod';
import { LEVELS } from '../domain/levels';
import { TRANSITIONS } from '../rules/recommendation';
import { withJobId } from './jobs';

export const rulesImpactInputSchema = z.strictObject({
  targetVersion: z.string({ error: 'Choose a ruleset version.' }).trim().min(1, 'Choose a ruleset version.').max(40, 'Unknown ruleset version.'),
  ...withJobId,
});

const levelOrNull = z.enum(LEVELS).nullable();

export const levelChangeSchema = z.object({
  caseId: z.string(),
  mrn: z.string(),
  fullName: z.string(),
  assessmentId: z.string(),
  assessedOn: z.string(),
  from: z.object({ rulesetVersion: z.string(), level: levelOrNull }),
  to: z.object({
    rulesetVersion: z.string(),
    level: levelOrNull,
    transition: z.enum(TRANSITIONS).nullable(),
    ruleIds: z.array(z.string()),
    reasons: z.array(z.string()),
  }),
});
export type CaseLevelChange = z.infer<typeof levelChangeSchema>;

export const rulesImpactOutputSchema = z.object({
  targetVersion: z.string(),
  evaluated: z.number().int().min(0),
  changes: z.array(levelChangeSchema),
});
export type RulesImpactReport = z.infer<typeof rulesImpactOutputSchema>;
