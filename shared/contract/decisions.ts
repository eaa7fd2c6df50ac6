import { z } from 'zod';
import { VARIANCE_REASONS } from '../domain/variance';
import { TRANSITIONS } from '../rules/recommendation';
import { DECISION_STATUSES, personRefSchema } from './cases';
import { isoDateSchema, levelSchema, requiredDateSchema } from './fields';

const idSchema = z.string({ error: 'Choose a decision.' }).min(1, 'Choose a decision.').max(64);

export const saveDecisionInputSchema = z.strictObject({
  /** Edits this draft or returned decision; without it a new draft is created. */
  decisionId: idSchema.optional(),
  caseId: z.string({ error: 'Choose a case.' }).min(1, 'Choose a case.').max(64),
  assessmentId: z.string({ error: 'Choose the assessment the decision rests on.' }).min(1, 'Choose the assessment the decision rests on.').max(64),
  chosenLevel: levelSchema,
  effectiveDate: requiredDateSchema('effective date'),
  varianceReason: z.enum(VARIANCE_REASONS, { error: 'Choose a variance reason.' }).nullable().optional(),
  varianceText: z.string().trim().max(500, 'The variance explanation can be at most 500 characters.').nullable().optional(),
  /** Records a correction of this approved decision. */
  supersedesId: idSchema.optional(),
  /** Save and submit for review in one step (one transaction). */
  submit: z.boolean().default(false),
});
export type SaveDecisionInput = z.input<typeof saveDecisionInputSchema>;
export type SaveDecisionRequest = z.output<typeof saveDecisionInputSchema>;

export const decisionIdInputSchema = z.strictObject({ decisionId: idSchema });

export const approveDecisionInputSchema = z.strictObject({
  decisionId: idSchema,
  comment: z.string().trim().max(500, 'The comment can be at most 500 characters.').optional(),
});

export const returnDecisionInputSchema = z.strictObject({
  decisionId: idSchema,
  comment: z
    .string({ error: 'Say why the decision is returned.' })
    .trim()
    .min(1, 'Say why the decision is returned.')
    .max(500, 'The comment can be at most 500 characters.'),
});

export const reviewSchema = z.object({
  reviewer: personRefSchema,
  outcome: z.enum(['approved', 'returned']),
  comment: z.string().nullable(),
  reviewedAt: z.string(),
});

export const decisionRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  assessmentId: z.string(),
  recommendedLevel: levelSchema.nullable(),
  rulesetVersion: z.string(),
  chosenLevel: levelSchema,
  effectiveDate: isoDateSchema,
  status: z.enum(DECISION_STATUSES),
  varianceReason: z.enum(VARIANCE_REASONS).nullable(),
  varianceText: z.string().nullable(),
  author: personRefSchema,
  reviewer: personRefSchema.nullable(),
  reviewComment: z.string().nullable(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  appliedAt: z.string().nullable(),
  applyProblem: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviews: z.array(reviewSchema),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

export const reviewQueueInputSchema = z.strictObject({
  varianceOnly: z.boolean({ error: 'The variance filter must be true or false.' }).default(false),
  clinicianId: z.string().min(1).max(64).optional(),
});

export const queueItemSchema = z.object({
  decision: decisionRecordSchema,
  caseMrn: z.string(),
  caseName: z.string(),
  /** The case's assigned clinician (the decision's author is in `decision.author`). */
  caseClinician: personRefSchema.nullable(),
  currentLevel: levelSchema.nullable(),
  /** What the decision does: the case's current level to the chosen level. */
  decisionTransition: z.enum(TRANSITIONS).nullable(),
  /** What the rules recommended, with their reasons. */
  recommendedTransition: z.enum(TRANSITIONS).nullable(),
  assessedOn: z.string(),
  reasons: z.array(z.string()),
});
export type QueueItem = z.infer<typeof queueItemSchema>;
export const reviewQueueOutputSchema = z.object({ items: z.array(queueItemSchema) });
/** How many decisions wait for review: the top bar's badge, without sending the whole queue. */
export const reviewQueueCountSchema = z.object({ pending: z.number().int().min(0) });
