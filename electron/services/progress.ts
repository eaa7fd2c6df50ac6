import type { JobStepProgress } from '../../shared/contract/jobs';

/** Where a long job says how far it has got; jobs run without one (the CLI, tests, the bench) report nothing. */
export type ReportProgress = (progress: JobStepProgress) => void;

/** Reports a step of a job's fixed list by its number (from 1), counting within it when it can. */
export type ReportStep = (stepNumber: number, done?: number, total?: number) => void;

/** Step `stepNumber` of `steps`, `done` of `total` within it; a count without a total (0 or none) is left out. */
export function stepProgress(steps: readonly string[], stepNumber: number, done?: number, total?: number): JobStepProgress {
  const counts = done !== undefined && total !== undefined && total > 0;
  const number = Math.min(Math.max(Math.round(stepNumber), 1), Math.max(steps.length, 1));
  return {
    step: steps[number - 1] ?? 'Working',
    stepNumber: number,
    steps: Math.max(steps.length, 1),
    done: counts ? Math.min(Math.max(0, Math.round(done)), Math.round(total)) : null,
    total: counts ? Math.max(1, Math.round(total)) : null,
  };
}

/** The steps of one job, named once: `step(2, 1200, 8000)` reports the second step, 1,200 of 8,000 done. */
export function stepsOf(steps: readonly string[], report: ReportProgress | undefined): ReportStep {
  return (stepNumber, done, total) => report?.(stepProgress(steps, stepNumber, done, total));
}
