import fs from 'node:fs';
import type { JobStepProgress } from '../../shared/contract/jobs';
import { DomainError } from '../services/errors';

/**
 * What a job reports to the main process. A step that cannot count for itself (SQLite's VACUUM INTO copies a whole
 * database in one call) names the file it is writing and about how large it will grow: the main process measures
 * the file when asked. The path stays in the main process; the window gets counts only.
 */
export interface StepProgress extends JobStepProgress {
  readonly growingFile?: { readonly path: string; readonly expectedBytes: number };
}

export interface TrackedJob {
  report(progress: StepProgress): void;
  /** The job answered (or failed): its progress is forgotten. */
  finish(): void;
}

/** The progress of the long jobs running now, each readable only by the session that started it. */
export interface JobProgressBoard {
  /**
   * Refuses an id already in use (a window names each job anew). Null when it already holds as many as it keeps:
   * progress is only shown, so the job then runs untracked rather than not at all.
   */
  track(jobId: string, sessionId: string): TrackedJob | null;
  read(jobId: string, sessionId: string | undefined): JobStepProgress | null;
}

/** Far more than a person starts at once (each is a worker thread with a connection); a bound on what is held. */
const MOST_TRACKED = 16;

export function createJobProgressBoard(): JobProgressBoard {
  // A job's progress is null until its first report: the window says it is starting, in its own words.
  const jobs = new Map<string, { readonly sessionId: string; progress: StepProgress | null }>();
  return {
    track(jobId, sessionId) {
      if (jobs.has(jobId)) throw new DomainError('conflict', 'A job with this id is already running. Nothing was started.');
      if (jobs.size >= MOST_TRACKED) return null;
      const entry: { readonly sessionId: string; progress: StepProgress | null } = { sessionId, progress: null };
      jobs.set(jobId, entry);
      return {
        report: (progress) => {
          entry.progress = progress;
        },
        finish: () => {
          jobs.delete(jobId);
        },
      };
    },
    read(jobId, sessionId) {
      const entry = jobs.get(jobId);
      if (!entry || entry.progress === null || sessionId === undefined || entry.sessionId !== sessionId) return null;
      const { growingFile, ...progress } = entry.progress;
      if (!growingFile) return progress;
      const total = Math.max(1, Math.round(growingFile.expectedBytes));
      // Not there yet (or already renamed): the step has not started writing, or has just finished.
      const written = fileSize(growingFile.path);
      // The copy leaves free pages out, so it may stop short of the estimate; it is never shown as more than it.
      return { ...progress, done: Math.min(written, total), total };
    },
  };
}

/** Tracks a job the window named, when it named one and someone is signed in; null: the job runs untracked. */
export function trackNamedJob(board: JobProgressBoard | undefined, jobId: string | undefined, sessionId: string | undefined): TrackedJob | null {
  if (!board || jobId === undefined || sessionId === undefined) return null;
  return board.track(jobId, sessionId);
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
