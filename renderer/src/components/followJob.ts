import type { JobStepProgress } from '../../../shared/contract/jobs';

export interface FollowJob {
  /** Asks the main process how far the job has got: null when it holds no such job now, undefined when the question failed. */
  readonly ask: () => Promise<JobStepProgress | null | undefined>;
  readonly onProgress: (progress: JobStepProgress) => void;
  /** The job's own work is over while its call is still out (an export waits on the save dialog next). */
  readonly onFinished: () => void;
  readonly everyMs: number;
  /** The timer; setTimeout's by default, a fake one in tests. Returns how to cancel it. */
  readonly schedule?: (run: () => void, ms: number) => () => void;
}

const usingTimeouts = (run: () => void, ms: number): (() => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * Asks after a job every `everyMs` until stopped, one question at a time. "No such job" before any answer means it
 * has not started yet; after one, that it has finished, and the asking stops. Answers arriving after `stop` are dropped.
 */
export function followJob(options: FollowJob): () => void {
  const schedule = options.schedule ?? usingTimeouts;
  let stopped = false;
  let seen = false;
  let cancel: () => void = () => undefined;
  const ask = async (): Promise<void> => {
    const answer = await options.ask();
    if (stopped) return;
    if (answer) {
      seen = true;
      options.onProgress(answer);
    } else if (answer === null && seen) {
      options.onFinished();
      return;
    }
    cancel = schedule(() => void ask(), options.everyMs);
  };
  cancel = schedule(() => void ask(), options.everyMs);
  return () => {
    stopped = true;
    cancel();
  };
}
