import { z } from 'zod';

/**
 * A long job's id, chosen by the window when it asks for the job (a report, a rules impact review, an export, a
 * backup, a backup's check, a restore), so it can ask how far the job has got while the job's own call is still waiting for its answer.
 */
export const jobIdSchema = z.uuid({ error: 'The job id must be a UUID.' });

/** The optional field a long job's channel takes, so its progress can be asked for. */
export const withJobId = { jobId: jobIdSchema.optional() };

export const jobProgressInputSchema = z.strictObject({ jobId: jobIdSchema });

/**
 * How far a long job has got: the step it is on, in words, out of how many, and within the step `done` of `total`
 * when the step can count (both null when it cannot: a bar then shows the step alone).
 */
export const jobProgressSchema = z
  .object({
    step: z.string().min(1).max(120),
    stepNumber: z.number().int().min(1),
    steps: z.number().int().min(1),
    done: z.number().int().min(0).nullable(),
    total: z.number().int().min(1).nullable(),
  })
  .refine((progress) => progress.stepNumber <= progress.steps, { message: 'The step is beyond the last one.', path: ['stepNumber'] })
  .refine((progress) => (progress.done === null) === (progress.total === null), {
    message: 'A step counts with both done and total, or with neither.',
    path: ['done'],
  });
export type JobStepProgress = z.infer<typeof jobProgressSchema>;

/** Null when no job of the caller's session has this id now: not started yet, or already answered. */
export const jobProgressOutputSchema = jobProgressSchema.nullable();

/**
 * The share of the whole job done, from 0 to 1: the steps before this one, plus this one's share when it counts.
 * A count past its total (an estimate overtaken) stops at the end of its step.
 */
export function jobFraction(progress: JobStepProgress): number {
  const within = progress.done !== null && progress.total !== null ? Math.min(progress.done / progress.total, 1) : 0;
  return Math.min((progress.stepNumber - 1 + within) / progress.steps, 1);
}
