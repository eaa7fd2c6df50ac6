import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobFraction, jobProgressSchema, type JobStepProgress } from '../../../shared/contract/jobs';
import { createJobProgressBoard, trackNamedJob, type JobProgressBoard, type TrackedJob } from '../../../electron/jobs/jobProgressBoard';
import { stepProgress, stepsOf } from '../../../electron/services/progress';
import { DomainError } from '../../../electron/services/errors';
import { makeTempDir } from '../../support/tempDir';

const JOB = '0b5f3f5e-8d8c-4c4e-9a57-5a4a3e1f2b10';
const OTHER_JOB = '6f1d0c7a-2b3e-4f5a-8b9c-0d1e2f3a4b5c';
const STEPS = ['Reading episodes', 'Computing the metrics', 'Counting placement decisions'] as const;

describe('a job’s steps as progress', () => {
  it('names the step, counts within it only with both done and total, and keeps the numbers in range', () => {
    expect(stepProgress(STEPS, 1)).toEqual({ step: 'Reading episodes', stepNumber: 1, steps: 3, done: null, total: null });
    expect(stepProgress(STEPS, 1, 1200, 8000)).toEqual({ step: 'Reading episodes', stepNumber: 1, steps: 3, done: 1200, total: 8000 });
    // A total of 0 (an empty table) cannot be counted against: the step alone.
    expect(stepProgress(STEPS, 2, 0, 0)).toMatchObject({ step: 'Computing the metrics', done: null, total: null });
    // An estimate overtaken stops at its total; a step number outside the list is held to it.
    expect(stepProgress(STEPS, 1, 9000, 8000)).toMatchObject({ done: 8000, total: 8000 });
    expect(stepProgress(STEPS, 7)).toMatchObject({ step: 'Counting placement decisions', stepNumber: 3 });
    expect(stepProgress(STEPS, 0)).toMatchObject({ stepNumber: 1 });
    for (const progress of [stepProgress(STEPS, 1, 5, 10), stepProgress(STEPS, 3)]) expect(jobProgressSchema.safeParse(progress).success).toBe(true);
  });

  it('reports nothing when the job runs without a listener', () => {
    expect(() => stepsOf(STEPS, undefined)(1, 1, 2)).not.toThrow();
    const seen: JobStepProgress[] = [];
    stepsOf(STEPS, (progress) => seen.push(progress))(2);
    expect(seen).toEqual([stepProgress(STEPS, 2)]);
  });

  it('turns steps and counts into the share of the whole job', () => {
    expect(jobFraction(stepProgress(STEPS, 1))).toBe(0);
    expect(jobFraction(stepProgress(STEPS, 1, 1, 2))).toBeCloseTo(1 / 6);
    expect(jobFraction(stepProgress(STEPS, 3))).toBeCloseTo(2 / 3);
    expect(jobFraction({ step: 'x', stepNumber: 1, steps: 1, done: 5, total: 4 })).toBe(1);
  });

  it('refuses a progress the window could not draw', () => {
    expect(jobProgressSchema.safeParse({ step: 'x', stepNumber: 3, steps: 2, done: null, total: null }).success).toBe(false);
    expect(jobProgressSchema.safeParse({ step: 'x', stepNumber: 1, steps: 2, done: 1, total: null }).success).toBe(false);
    expect(jobProgressSchema.safeParse({ step: '', stepNumber: 1, steps: 2, done: null, total: null }).success).toBe(false);
  });
});

function trackedOn(board: JobProgressBoard, jobId: string): TrackedJob {
  const job = board.track(jobId, 'session-1');
  if (!job) throw new Error('The board should have room for this job');
  return job;
}

describe('the board of running jobs', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('shows a job’s latest step to the session that started it, and to nobody else', () => {
    const board = createJobProgressBoard();
    const job = trackedOn(board, JOB);
    // Nothing to show before the job's first report: the window says it is starting.
    expect(board.read(JOB, 'session-1')).toBeNull();
    job.report(stepProgress(STEPS, 1, 10, 40));
    job.report(stepProgress(STEPS, 2));
    expect(board.read(JOB, 'session-1')).toEqual(stepProgress(STEPS, 2));
    expect(board.read(JOB, 'session-2')).toBeNull();
    expect(board.read(JOB, undefined)).toBeNull();
    expect(board.read(OTHER_JOB, 'session-1')).toBeNull();
    job.finish();
    expect(board.read(JOB, 'session-1')).toBeNull();
  });

  it('refuses an id already running, naming the problem, and leaves untracked a job beyond those it holds', () => {
    const board = createJobProgressBoard();
    board.track(JOB, 'session-1');
    expect(() => board.track(JOB, 'session-1')).toThrow(DomainError);
    expect(() => board.track(JOB, 'session-1')).toThrow(/already running/);
    const others = Array.from({ length: 15 }, (_unused, index) => trackedOn(board, `job-${index}`));
    // Progress is only shown: the seventeenth job runs, without a bar.
    expect(board.track('one-too-many', 'session-1')).toBeNull();
    others[0]?.finish();
    expect(board.track('now-there-is-room', 'session-1')).not.toBeNull();
  });

  it('tracks a job only when the window named it and someone is signed in', () => {
    const board = createJobProgressBoard();
    expect(trackNamedJob(board, undefined, 'session-1')).toBeNull();
    expect(trackNamedJob(board, JOB, undefined)).toBeNull();
    expect(trackNamedJob(undefined, JOB, 'session-1')).toBeNull();
    const job = trackNamedJob(board, JOB, 'session-1');
    job?.report(stepProgress(STEPS, 3));
    expect(board.read(JOB, 'session-1')).toEqual(stepProgress(STEPS, 3));
  });

  it('measures a file a step is writing, never past its estimate, and never shows where the file is', () => {
    const board = createJobProgressBoard();
    const job = trackedOn(board, JOB);
    const file = path.join(temp.dir, 'copy.partial');
    job.report({ ...stepProgress(['Copying the database'], 1, 0, 10_000), growingFile: { path: file, expectedBytes: 10_000 } });
    expect(board.read(JOB, 'session-1')).toEqual({ step: 'Copying the database', stepNumber: 1, steps: 1, done: 0, total: 10_000 });
    fs.writeFileSync(file, Buffer.alloc(4096));
    const halfway = board.read(JOB, 'session-1');
    expect(halfway).toMatchObject({ done: 4096, total: 10_000 });
    expect(JSON.stringify(halfway)).not.toContain(temp.dir);
    fs.writeFileSync(file, Buffer.alloc(12_288));
    expect(board.read(JOB, 'session-1')).toMatchObject({ done: 10_000, total: 10_000 });
  });
});
