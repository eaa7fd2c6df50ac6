import { parentPort, threadId, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { DatabaseOpenError } from '../db/errors';
import { openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import { databaseOpenFailure } from '../services/databaseProblems';
import { describeError } from '../log/logger';
import { DomainError } from '../services/errors';
import type { JobCommand, JobMessage, JobReply, JobRequest } from './jobProtocol';
import { JOBS, connectionFor, isJobKind, type JobContext, type JobEnvironment, type JobKind } from './jobs';

/**
 * A worker thread that runs one job (electron/jobs/jobs.ts) on its own connection and answers once; read jobs open it
 * read-only. The main process's event loop stays free meanwhile, so the window keeps answering. The job comes with
 * the thread (workerData), or later in a message to a thread started ahead of it, already loaded.
 */
async function runJob(request: JobRequest, signal: AbortSignal): Promise<JobReply> {
  if (!isJobKind(request.kind)) return { kind: 'failed', detail: { message: 'unknown job' } };
  const key = Buffer.from(request.key);
  let database: StepwiseDatabase | undefined;
  try {
    database = openDatabase({ file: request.databaseFile, key, ...connectionFor(request.kind) });
    const now = new Date(request.now);
    const clock = { now: () => new Date(now.getTime()), today: () => request.today };
    const context: JobContext = {
      db: database.db,
      clock,
      actor: request.actor,
      ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
    };
    const report = (progress: unknown) => post({ kind: 'progress', progress });
    const output = await run(request.kind, { database, key, context, signal, report }, request.input);
    return { kind: 'done', output, threadId };
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'refused', code: error.code, message: error.message, fields: error.fields };
    // An upgrade that cannot be applied (a migration refused, a full disk) is said as opening it would say it; the main
    // thread then does not try it again, which would freeze the window only to fail the same way.
    if (error instanceof DatabaseOpenError && request.kind === 'schema-upgrade') {
      const refusal = databaseOpenFailure(error);
      return { kind: 'refused', code: refusal.code, message: refusal.message, detail: describeError(error) };
    }
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

function post(message: JobMessage): void {
  parentPort?.postMessage(message);
}

const cancelled = new AbortController();
let started = false;

function start(request: JobRequest): void {
  started = true;
  void runJob(request, cancelled.signal).then((reply) => {
    request.key.fill(0);
    post(reply);
    // Listening keeps the thread alive; once it has answered there is nothing left to hear.
    parentPort?.off('message', onCommand);
  });
}

function onCommand(command: JobCommand): void {
  if (command.kind === 'cancel') cancelled.abort();
  else if (!started) start(command.request);
}

/**
 * A worker started ahead of its job readies SQLite's binding for this thread while it waits: the first connection a
 * thread opens took about 6 ms more than the next. An empty in-memory database: no file, no key, nothing kept.
 */
function readySqlite(): void {
  try {
    new Database(':memory:').close();
  } catch {
    // Only a head start: a binding that cannot load fails the job itself, with its own report, when it opens its connection.
  }
}

parentPort?.on('message', onCommand);
if (workerData !== null && workerData !== undefined) start(workerData as JobRequest);
else readySqlite();
