import { describe, expect, it } from 'vitest';
import type { JobStepProgress } from '../../../shared/contract/jobs';
import { followJob } from '../../../renderer/src/components/followJob';

const step = (stepNumber: number): JobStepProgress => ({ step: `Step ${stepNumber}`, stepNumber, steps: 3, done: null, total: null });

/** A timer the test fires by hand, and the answers the main process would give, one per question. */
function harness(answers: (JobStepProgress | null | undefined)[]) {
  const timers: { run: () => void; cancelled: boolean; ran: boolean }[] = [];
  const seen: JobStepProgress[] = [];
  let finished = 0;
  let asked = 0;
  const stop = followJob({
    ask: async () => {
      asked += 1;
      // Past the scripted answers the job is gone; a scripted undefined is a question that failed.
      return answers.length > 0 ? answers.shift() : null;
    },
    onProgress: (progress) => seen.push(progress),
    onFinished: () => {
      finished += 1;
    },
    everyMs: 250,
    schedule: (run) => {
      const timer = { run, cancelled: false, ran: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  /** Fires the timer waiting now (if any) and lets its question be answered. */
  const tick = async (): Promise<void> => {
    const timer = timers.at(-1);
    if (timer && !timer.cancelled && !timer.ran) {
      timer.ran = true;
      timer.run();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { stop, tick, seen, timers, finished: () => finished, asked: () => asked };
}

describe('following a long job from the window', () => {
  it('asks one question at a time, passes each step on, and stops asking once the job has finished', async () => {
    const run = harness([null, step(1), step(2), null]);
    await run.tick();
    // No such job yet: it has not started; the window keeps asking.
    expect(run.seen).toEqual([]);
    expect(run.finished()).toBe(0);
    await run.tick();
    await run.tick();
    expect(run.seen).toEqual([step(1), step(2)]);
    await run.tick();
    expect(run.finished()).toBe(1);
    const timersWhenFinished = run.timers.length;
    await run.tick();
    expect(run.timers.length).toBe(timersWhenFinished);
    expect(run.asked()).toBe(4);
  });

  it('keeps asking through a question that failed', async () => {
    const run = harness([step(1), undefined, step(2)]);
    await run.tick();
    await run.tick();
    await run.tick();
    expect(run.seen).toEqual([step(1), step(2)]);
    expect(run.finished()).toBe(0);
  });

  it('drops an answer that arrives after it was stopped, and asks no more', async () => {
    const run = harness([step(1), step(2)]);
    await run.tick();
    // The next question is out when the window stops following (the job's call answered).
    const pending = run.timers.at(-1);
    if (pending) pending.ran = true;
    pending?.run();
    run.stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(run.seen).toEqual([step(1)]);
    const asked = run.asked();
    await run.tick();
    expect(run.asked()).toBe(asked);
  });
});
