// Loaded in the import's worker thread by the crash-safety test (tests/support/importCrashWorker.mjs).
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

// Written synchronously: the COMMIT blocks this thread, so a buffered write would only leave after it.
const say = (marker: string) => fs.writeSync(1, `${marker}\n`);

/**
 * The import's own COMMIT is one synchronous call into SQLite with no step of its own, so the import worker's COMMIT
 * (its writable connection's only one: it opens without migrating) is marked as it starts and as it returns; the parent aims
 * its kills between the two. It is caught at the statement's run, not at prepare, since a connection may reuse a
 * COMMIT it prepared before.
 */
export function markCommits(): void {
  type Run = (this: Database.Statement, ...parameters: unknown[]) => Database.RunResult;
  const sample = new Database(':memory:');
  const statementPrototype = Object.getPrototypeOf(sample.prepare('SELECT 1')) as { run: Run };
  sample.close();
  const run = statementPrototype.run;
  let marked = false;
  statementPrototype.run = function runMarked(this: Database.Statement, ...parameters: unknown[]): Database.RunResult {
    // The check's worker commits its read transaction on a read-only connection; the import's connection writes.
    if (marked || this.database.readonly || this.source.trim().toLowerCase() !== 'commit') return run.apply(this, parameters);
    marked = true;
    say('commit-started');
    const result = run.apply(this, parameters);
    say('commit-ended');
    return result;
  };
}
