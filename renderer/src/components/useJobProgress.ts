import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStepProgress } from '../../../shared/contract/jobs';
import { call } from '../api/client';
import { followJob } from './followJob';

/** How often a running job is asked how far it has got: a bar that moves, without flooding the main process. */
const ASK_EVERY_MS = 250;

export interface JobTracker {
  /** Names the job about to start (pass the id with its call); its progress is asked for until `end` with that id. */
  readonly begin: () => string;
  readonly end: (jobId: string) => void;
  /** Whether a job this tracker named is still at work (its call may wait on more after it, as an export's save does). */
  readonly running: boolean;
  /** The latest answer about that job; null before the first. */
  readonly progress: JobStepProgress | null;
  /** The job's own work is over while its call is still out. */
  readonly finished: boolean;
}

/**
 * Follows one long job at a time (a report, a rules check, an export, a backup, its check, a restore): a newer job replaces an older one,
 * whose late answers are dropped. The main process answers only the session that started the job.
 */
export function useJobProgress(): JobTracker {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobStepProgress | null>(null);
  const [finished, setFinished] = useState(false);
  const current = useRef<string | null>(null);
  const begin = useCallback(() => {
    const id = crypto.randomUUID();
    current.current = id;
    setJobId(id);
    setProgress(null);
    setFinished(false);
    return id;
  }, []);
  const end = useCallback((id: string) => {
    if (current.current !== id) return;
    current.current = null;
    setJobId(null);
    setProgress(null);
    setFinished(false);
  }, []);
  useEffect(() => {
    if (jobId === null) return;
    return followJob({
      ask: async () => {
        const answer = await call('jobs.progress', { jobId });
        return answer.ok ? answer.value : undefined;
      },
      onProgress: setProgress,
      onFinished: () => setFinished(true),
      everyMs: ASK_EVERY_MS,
    });
  }, [jobId]);
  return { begin, end, running: jobId !== null && !finished, progress, finished };
}

/** Runs `work` as a named job of `tracker`, ending it however the work ends. */
export async function tracked<T>(tracker: Pick<JobTracker, 'begin' | 'end'>, work: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = tracker.begin();
  try {
    return await work(jobId);
  } finally {
    tracker.end(jobId);
  }
}
