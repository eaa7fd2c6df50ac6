import { useId } from 'react';
import { jobFraction, type JobStepProgress } from '../../../shared/contract/jobs';

interface Props {
  /** What the job is, as the bar's name: "Backing up". */
  readonly label: string;
  readonly progress: JobStepProgress | null;
  /** The job's own work is over; what follows it (an audit entry, a check of the answer) takes a moment. */
  readonly finished?: boolean;
  /** A sentence under the bar: what happens meanwhile, or how long it may take. */
  readonly hint?: string;
}

/**
 * A long job's bar: the share done over all its steps, and the step in words. The words are announced as the step
 * changes; the percentage, which changes four times a second, is read from the bar only when asked for.
 */
export function JobProgressBar({ label, progress, finished = false, hint }: Props) {
  const stepId = useId();
  const percent = finished ? 100 : progress ? Math.round(jobFraction(progress) * 100) : null;
  const step = finished
    ? `${label}: finishing`
    : progress
      ? `${progress.step}${progress.steps > 1 ? ` (step ${progress.stepNumber} of ${progress.steps})` : ''}`
      : `${label}: starting`;
  return (
    <div className="job-progress">
      <div className="progress-row">
        <progress aria-label={label} aria-describedby={stepId} max={100} {...(percent === null ? {} : { value: percent })} />
        <span className="progress-percent" aria-hidden="true">
          {percent === null ? '' : `${percent}%`}
        </span>
      </div>
      <p id={stepId} className="job-progress-step" role="status">
        {step}
      </p>
      {hint && <p className="muted job-progress-hint">{hint}</p>}
    </div>
  );
}
