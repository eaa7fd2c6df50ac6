import type { SessionUser } from '../../shared/contract/auth';
import type { ErrorCode, FieldError } from '../../shared/contract/result';
import type { JobKind } from './jobs';

/** What the main process hands a job's worker: the database, its key (never the renderer's to see), the job. */
export interface JobRequest {
  readonly kind: JobKind;
  readonly input: unknown;
  readonly databaseFile: string;
  /** The raw data key, copied into the worker; the worker wipes its copy when the job ends. */
  readonly key: Uint8Array;
  /** The calling request's clock, frozen for the job: "today" means the same day on both threads. */
  readonly now: string;
  readonly today: string;
  /** Who started the job, and their session (emergency access holds within it): an export reads their caseload. */
  readonly actor: SessionUser | null;
  readonly sessionId: string | undefined;
}

/** What comes back: the job's output, a refusal in the service's own words, or an internal failure to log. */
export type JobReply =
  | { readonly kind: 'done'; readonly output: unknown; readonly threadId: number }
  | {
      readonly kind: 'refused';
      readonly code: Exclude<ErrorCode, 'internal'>;
      readonly message: string;
      readonly fields?: readonly FieldError[];
      /** What lay behind a refusal, as the worker described it (scrubbed there), for the log: never shown. */
      readonly detail?: Record<string, unknown>;
    }
  | { readonly kind: 'failed'; readonly detail: Record<string, unknown> };

/** Sent by a job while it runs, any number of times before its reply: how far it has got. */
export interface JobProgressMessage {
  readonly kind: 'progress';
  readonly progress: unknown;
}

export type JobMessage = JobReply | JobProgressMessage;

/** What the main process sends a worker: the job to run (to a worker started ahead of it), or Cancel. */
export type JobCommand =
  | { readonly kind: 'start'; readonly request: JobRequest }
  /** Stop, and leave everything as it was. */
  | { readonly kind: 'cancel' };
