// The job worker of the crash-safety test's child (tests/support/importChild.ts): the app's worker, loaded from
// TypeScript, whose import job (the one job writing) marks the start and end of its COMMIT on standard output.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
(await jiti.import('./commitMarkers.ts')).markCommits();
await jiti.import('../../electron/jobs/jobWorker.ts');
