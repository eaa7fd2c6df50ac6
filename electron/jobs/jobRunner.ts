import { Worker } from 'node:worker_threads';
import type { SessionUser } from '../../shared/contract/auth';
import type { Clock } from '../services/context';
import { describeError } from '../log/logger';
import { DomainError } from '../services/errors';
import type { JobReply, JobRequest } from './jobProtocol';
import type { JobInput, JobKind, JobOutput } from './jobs';

/** Where and with which key a job reads, and the clock of the call that starts it. */
export interface JobTarget {
  readonly databaseFile: string;
  readonly key: Buffer;
  readonly clock: Clock;
  readonly actor: SessionUser | null;
  readonly sessionId?: string | undefined;
}

export interface JobRunner {
  run<K extends JobKind>(kind: K, input: JobInput<K>, target: JobTarget): Promise<JobOutput<K>>;
}

export class JobFailedError extends Error {
  constructor(readonly detail: Record<string, unknown>) {
    super('A background job failed');
    this.name = 'JobFailedError';
  }
}

/**
 * Runs each job on a new worker thread (electron/jobs/jobWorker.ts, bundled beside the main process): the
 * thread opens its own read-only connection with a copy of the key, answers once, and exits.
 * `workerFile` is the worker's entry; `execArgv` lets tests load it from TypeScript.
 */
export interface WorkerJobRunnerOptions {
  readonly execArgv?: readonly string[];
  /** Told which thread answered each job: how the tests show a job left the event loop it was called from. */
  readonly onAnswered?: (job: { readonly kind: JobKind; readonly threadId: number }) => void;
}

export function createWorkerJobRunner(workerFile: string | URL, options: WorkerJobRunnerOptions = {}): JobRunner {
  return {
    run: <K extends JobKind>(kind: K, input: JobInput<K>, target: JobTarget): Promise<JobOutput<K>> => {
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
        const worker = new Worker(workerFile, { workerData: request, execArgv: options.execArgv ? [...options.execArgv] : undefined });
        request.key.fill(0);
        let answered = false;
        worker.once('message', (reply: JobReply) => {
          answered = true;
          if (reply.kind === 'done') {
            options.onAnswered?.({ kind, threadId: reply.threadId });
            resolve(reply.output as JobOutput<K>);
          } else if (reply.kind === 'refused') reject(new DomainError(reply.code, reply.message, reply.fields ? [...reply.fields] : undefined));
          else reject(new JobFailedError(reply.detail));
        });
        // An error thrown in the worker outside a job (it could not even start): logged as a failure, not shown.
        worker.once('error', (error: unknown) => reject(new JobFailedError(describeError(error))));
        worker.once('exit', (code) => {
          if (!answered) reject(new JobFailedError({ message: `the job's worker stopped (exit code ${code}) before it answered` }));
        });
      });
    },
  };
}
