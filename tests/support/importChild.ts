// Run in a child process by the crash-safety test: imports a CSV file through the real registry into an encrypted
// test database and prints where it is ("checked", "writing", "written-all", "commit-started", "commit-ended",
// "committed"), so the parent can kill it with SIGKILL at chosen moments, as a crash or a power cut would.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { ImportFile, ImportProgress } from '../../shared/contract/imports';
import { createTestCore } from './testCore';

const [dataDir, csvFile] = process.argv.slice(2);
if (!dataDir || !csvFile) throw new Error('usage: importChild <data dir> <csv file>');

// Written synchronously: the COMMIT blocks this thread, so a buffered write would only leave after it.
const say = (marker: string) => fs.writeSync(1, `${marker}\n`);

/**
 * The import's own COMMIT is one synchronous call into SQLite with no step of its own, so the first COMMIT run after
 * every row was written is marked as it starts and as it returns; the parent aims its kills between the two. It is
 * caught at the statement's run, not at prepare, since the connection may reuse a COMMIT it prepared before.
 */
let rowsWritten = false;
let commitMarked = false;
type Run = (this: Database.Statement, ...parameters: unknown[]) => Database.RunResult;
const sample = new Database(':memory:');
const statementPrototype = Object.getPrototypeOf(sample.prepare('SELECT 1')) as { run: Run };
sample.close();
const run = statementPrototype.run;
statementPrototype.run = function runMarked(this: Database.Statement, ...parameters: unknown[]): Database.RunResult {
  if (!rowsWritten || commitMarked || this.source.trim().toLowerCase() !== 'commit') return run.apply(this, parameters);
  commitMarked = true;
  say('commit-started');
  const result = run.apply(this, parameters);
  say('commit-ended');
  return result;
};
const core = await createTestCore(dataDir, { newId: randomUUID });
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
      rowsWritten = true;
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
