// Run in a child process by the crash-safety test: imports a CSV file through the real registry into an encrypted
// test database and prints where it is ("checked", "writing", "written-all", and from the import's worker thread
// "commit-started" and "commit-ended", then "committed"), so the parent can kill it with SIGKILL at chosen moments, as a crash or a power cut would.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createWorkerJobRunner } from '../../electron/jobs/jobRunner';
import type { ImportFile, ImportProgress } from '../../shared/contract/imports';
import { createTestCore } from './testCore';

const [dataDir, csvFile] = process.argv.slice(2);
if (!dataDir || !csvFile) throw new Error('usage: importChild <data dir> <csv file>');

const say = (marker: string) => fs.writeSync(1, `${marker}\n`);

// The import is written on a worker thread, which marks its own COMMIT (tests/support/commitMarkers.ts).
const jobs = createWorkerJobRunner(path.resolve(__dirname, 'importCrashWorker.mjs'));
const core = await createTestCore(dataDir, { newId: randomUUID, jobs });
await core.signInAs('sam', ['supervisor']);
core.chooseImportFile(csvFile);
const opened = await core.registry.invoke('imports.open', { kind: 'cases' });
if (!opened.ok) throw new Error(opened.error.message);
const file = opened.value as ImportFile;
const choices = { importId: file.importId, columns: file.columns, dateFormat: file.dateFormat, existing: 'stop' };
const checked = await core.registry.invoke('imports.check', choices);
if (!checked.ok) throw new Error(checked.error.message);
say('checked');
let finished = false;
const committing = core.registry.invoke('imports.commit', choices).finally(() => {
  finished = true;
});
let writing = false;
while (!finished) {
  const progress = await core.registry.invoke('imports.progress', { importId: file.importId });
  if (progress.ok) {
    const { phase, written, toWrite } = progress.value as ImportProgress;
    if (phase === 'writing' && !writing) {
      writing = true;
      say('writing');
    }
    if (phase === 'writing' && toWrite > 0 && written === toWrite) {
      say('written-all');
      break;
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
}
const result = await committing;
if (!result.ok) throw new Error(result.error.message);
say('committed');
core.close();
