import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import { describeError } from '../log/logger';
import { DomainError } from '../services/errors';
import type { JobReply, JobRequest } from './jobProtocol';
import { JOBS, isJobKind, type JobContext, type JobEnvironment, type JobKind } from './jobs';

/**
 * A worker thread that runs one job (electron/jobs/jobs.ts) on its own read-only connection and answers once.
 * The main process's event loop stays free meanwhile, so the window keeps answering.
 */
async function runJob(request: JobRequest): Promise<JobReply> {
  if (!isJobKind(request.kind)) return { kind: 'failed', detail: { message: 'unknown job' } };
  const key = Buffer.from(request.key);
  let database: StepwiseDatabase | undefined;
  try {
    database = openDatabase({ file: request.databaseFile, key, readonly: true });
    const now = new Date(request.now);
    const clock = { now: () => new Date(now.getTime()), today: () => request.today };
    const context: JobContext = {
      db: database.db,
      clock,
      actor: request.actor,
      ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
    };
    const output = await run(request.kind, { database, key, context }, request.input);
    return { kind: 'done', output, threadId };
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'refused', code: error.code, message: error.message, fields: error.fields };
    return { kind: 'failed', detail: describeError(error) };
  } finally {
    database?.close();
    key.fill(0);
  }
}

function run<K extends JobKind>(kind: K, env: JobEnvironment, input: unknown): Promise<unknown> {
  // The input was checked in the main process (the channel's schema, or built there) before the job was started.
  return JOBS[kind](env, input as Parameters<(typeof JOBS)[K]>[1]);
}

const request = workerData as JobRequest;
void runJob(request).then((reply) => {
  request.key.fill(0);
  parentPort?.postMessage(reply);
});
