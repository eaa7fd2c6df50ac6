import type { JobRunner } from '../../../electron/jobs/jobRunner';

export interface HeldJobs {
  readonly runner: JobRunner;
  /** Lets every held answer through, and every later one at once until `hold`. */
  release(): void;
  /** Holds the answers of the jobs that answer from now on again, until the next `release`. */
  hold(): void;
}

function gate(): { readonly passed: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined;
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { passed, open };
}

/**
 * Runs each job for real, progress and all, but holds its answer until `release`: the window meanwhile shows the
 * job's last step, as it would while a job runs long at 100,000 cases.
 */
export function holdingAnswers(inner: JobRunner): HeldJobs {
  let current = gate();
  return {
    release: () => current.open(),
    hold: () => {
      current = gate();
    },
    runner: {
      prepare: () => inner.prepare(),
      run: async (kind, input, target, watch) => {
        const answer = await inner.run(kind, input, target, watch);
        await current.passed;
        return answer;
      },
    },
  };
}
