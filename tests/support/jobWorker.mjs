// The job worker for tests: the same electron/jobs/jobWorker.ts the app bundles, loaded from TypeScript by jiti
// (the app loads the bundled out/main/jobWorker.js instead).
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
await jiti.import('../../electron/jobs/jobWorker.ts');
