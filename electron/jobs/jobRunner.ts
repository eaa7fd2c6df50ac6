import { Worker } from 'node:worker_threads';
import type { SessionUser } from '../../shared/contract/auth';
import type { Clock } from '../services/context';
import { describeError } from '../log/logger';
import { DomainError } from '../services/errors';
import type { JobCommand, JobMessage, JobRequest } from './jobProtocol';
import type { JobInput, JobKind, JobOutput, JobProgress } from './jobs';

/** Where and with which key a job reads, and the clock of the call that starts it. */
export interface JobTarget {
  readonly databaseFile: string;
  readonly key: Buffer;
  readonly clock: Clock;
  readonly actor: SessionUser | null;
  readonly sessionId?: string | undefined;
}

/** For a job that reports how far it has got and can be stopped (an import): its progress, and the signal to stop. */
export interface JobWatch<K extends JobKind> {
  readonly onProgress?: (progress: JobProgress<K>) => void;
  /** Aborted: the worker is told to stop; the job then refuses with its own "cancelled" words. */
  readonly signal?: AbortSignal;
}

export interface JobRunner {
  run<K extends JobKind>(kind: K, input: JobInput<K>, target: JobTarget, watch?: JobWatch<K>): Promise<JobOutput<K>>;
  /**
   * Starts a worker ahead of the next job, so that job need not wait for one to load its code (about 0.2 s): called
   * when the next job is near and waited for (the import after its check). The worker holds no data and no key until
   * a job is handed to it; unused, it stops after a while.
   */
  prepare(): void;
}

export class JobFailedError extends Error {
  constructor(readonly detail: Record<string, unknown>) {
    super('A background job failed');
    this.name = 'JobFailedError';
  }
}

/**
 * Runs each job on a new worker thread (electron/jobs/jobWorker.ts, bundled beside the main process): the
 * thread opens its own connection with a copy of the key, answers once, and exits.
 * `workerFile` is the worker's entry; `execArgv` lets tests load it from TypeScript.
 */
export interface WorkerJobRunnerOptions {
  readonly execArgv?: readonly string[];
  /** Told which thread answered each job: how the tests show a job left the event loop it was called from. */
  readonly onAnswered?: (job: { readonly kind: JobKind; readonly threadId: number; readonly prepared: boolean }) => void;
}

/** How long a worker started ahead waits for its job before it stops. */
const STANDBY_MS = 10 * 60_000;

export function createWorkerJobRunner(workerFile: string | URL, options: WorkerJobRunnerOptions = {}): JobRunner {
  const execArgv = options.execArgv ? [...options.execArgv] : undefined;
  let standby: Worker | null = null;

  /** The worker started ahead, if it is still there; it is the caller's now, and keeps the process alive again. */
  const takeStandby = (): Worker | null => {
    const taken = standby;
    standby = null;
    taken?.ref();
    return taken;
  };

  return {
    prepare: () => {
      if (standby !== null) return;
      const worker = new Worker(workerFile, { workerData: null, execArgv });
      standby = worker;
      // Waiting, it must not keep the app (or a test) from exiting.
      worker.unref();
      const stop = setTimeout(() => {
        if (standby === worker) {
          standby = null;
          void worker.terminate();
        }
      }, STANDBY_MS);
      stop.unref();
      // One that failed to start is dropped: the next job starts a worker of its own, and any error shows there.
      worker.once('error', () => {
        if (standby === worker) standby = null;
      });
      worker.once('exit', () => {
        clearTimeout(stop);
        if (standby === worker) standby = null;
      });
    },
    run: <K extends JobKind>(kind: K, input: JobInput<K>, target: JobTarget, watch: JobWatch<K> = {}): Promise<JobOutput<K>> => {
      const request: JobRequest = {
        kind,
        input,
        databaseFile: target.databaseFile,
        key: new Uint8Array(target.key),
        now: target.clock.now().toISOString(),
        today: target.clock.today(),
        actor: target.actor,
        sessionId: target.sessionId,
      };
      return new Promise<JobOutput<K>>((resolve, reject) => {
        const prepared = takeStandby();
        const worker = prepared ?? new Worker(workerFile, { workerData: request, execArgv });
        // The message holds a copy of the key, as workerData does; this one is wiped at once.
        if (prepared) worker.postMessage({ kind: 'start', request } satisfies JobCommand);
        request.key.fill(0);
        let answered = false;
        const cancel = () => worker.postMessage({ kind: 'cancel' } satisfies JobCommand);
        if (watch.signal?.aborted) cancel();
        watch.signal?.addEventListener('abort', cancel, { once: true });
        const settle = () => {
          answered = true;
          watch.signal?.removeEventListener('abort', cancel);
        };
        worker.on('message', (message: JobMessage) => {
          if (answered) return;
          if (message.kind === 'progress') {
            watch.onProgress?.(message.progress as JobProgress<K>);
            return;
          }
          settle();
          if (message.kind === 'done') {
            options.onAnswered?.({ kind, threadId: message.threadId, prepared: prepared !== null });
            resolve(message.output as JobOutput<K>);
          } else if (message.kind === 'refused') {
            const cause = message.detail ? { cause: new JobFailedError(message.detail) } : undefined;
            reject(new DomainError(message.code, message.message, message.fields ? [...message.fields] : undefined, cause));
          } else reject(new JobFailedError(message.detail));
        });
        // An error thrown in the worker outside a job (it could not even start): logged as a failure, not shown.
        worker.once('error', (error: unknown) => {
          settle();
          reject(new JobFailedError(describeError(error)));
        });
        worker.once('exit', (code) => {
          if (answered) return;
          settle();
          reject(new JobFailedError({ message: `the job's worker stopped (exit code ${code}) before it answered` }));
        });
      });
    },
  };
}
