import path from 'node:path';
import { createWorkerJobRunner, type JobRunner } from '../../electron/jobs/jobRunner';

/** Worker threads as in the app, running the TypeScript worker through jiti. */
export const testJobRunner: JobRunner = createWorkerJobRunner(path.resolve(__dirname, 'jobWorker.mjs'));
