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
 * The import's own COMMIT is one synchronous call into SQLite with no step of its own, so the first COMMIT prepared
 * after every row was written is marked as it starts and as it returns; the parent aims its kills between the two.
 */
let rowsWritten = false;
let commitMarked = false;
// eslint-disable-next-line @typescript-eslint/unbound-method -- always called with .call(this) below
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function prepareMarked(this: Database.Database, source: string): Database.Statement {
  const statement: Database.Statement = prepare.call(this, source);
  if (!rowsWritten || commitMarked || source.trim().toLowerCase() !== 'commit') return statement;
  commitMarked = true;
  const run = statement.run.bind(statement);
  statement.run = (...parameters: unknown[]) => {
    say('commit-started');
    const result = run(...parameters);
    say('commit-ended');
    return result;
  };
  return statement;
} as typeof prepare;
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
