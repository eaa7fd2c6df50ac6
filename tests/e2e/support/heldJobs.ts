import type { JobRunner } from '../../../electron/jobs/jobRunner';

export interface HeldJobs {
  readonly runner: JobRunner;
  /** Lets every held answer through, and every later one at once. */
  release(): void;
}

/**
 * Runs each job for real, progress and all, but holds its answer until `release`: the window meanwhile shows the
 * job's last step, as it would while a job runs long at 100,000 cases.
 */
export function holdingAnswers(inner: JobRunner): HeldJobs {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    runner: {
      prepare: () => inner.prepare(),
      run: async (kind, input, target, watch) => {
        const answer = await inner.run(kind, input, target, watch);
        await released;
        return answer;
      },
    },
  };
}
