import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/contract/jobs';
import { call } from '../api/client';

/** How often a running job is asked how far it has got: a bar that moves, without flooding the main process. */
const ASK_EVERY_MS = 250;

export interface JobTracker {
  /** Names the job about to start (pass the id with its call); its progress is asked for until `end` with that id. */
  readonly begin: () => string;
  readonly end: (jobId: string) => void;
  /** Whether a job this tracker named is running. */
  readonly running: boolean;
  /** The latest answer about that job; null before the first, and once it has ended. */
  readonly progress: JobProgress | null;
}

/**
 * Follows one long job at a time (a report, a rules check, an export, a backup): a newer job replaces an older one,
 * whose late answers are dropped. The main process answers only the session that started the job.
 */
export function useJobProgress(): JobTracker {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const current = useRef<string | null>(null);
  const begin = useCallback(() => {
    const id = crypto.randomUUID();
    current.current = id;
    setJobId(id);
    setProgress(null);
    return id;
  }, []);
  const end = useCallback((id: string) => {
    if (current.current !== id) return;
    current.current = null;
    setJobId(null);
    setProgress(null);
  }, []);
  useEffect(() => {
    if (jobId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async (): Promise<void> => {
      const answer = await call('jobs.progress', { jobId });
      if (stopped) return;
      // Null: not started yet, or just finished; the bar keeps its last step until the job's own answer arrives.
      if (answer.ok && answer.value) setProgress(answer.value);
      timer = setTimeout(() => void ask(), ASK_EVERY_MS);
    };
    timer = setTimeout(() => void ask(), ASK_EVERY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);
  return { begin, end, running: jobId !== null, progress };
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
