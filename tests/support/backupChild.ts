// Run in a child process by the crash tests: makes one backup of the database in a data folder, or restores the newest
// manual backup over it, and when told to is killed with SIGKILL on the way, as a power cut or a crash would. It prints
// each step as it reaches it, so the parent can also kill it after a delay measured from "ready". "mid-commit" has no
// step of its own (the commit is one call into SQLite), so a watcher thread kills the process the moment the rollback
// journal of the copy's description appears, while that commit is under way.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { backupsFolder, listBackupFiles, PARTIAL_SUFFIX } from '../../electron/backup/backupFolder';
import { prepareRestore } from '../../electron/backup/prepareRestore';
import { swapInRestoredCopy, type RestoreStep } from '../../electron/backup/replaceDatabase';
import { writeBackup, type BackupStep } from '../../electron/backup/writeBackup';
import { createVault } from '../../electron/core/vault';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/db/openDatabase';

export type BackupKillPoint = BackupStep | 'mid-commit' | 'never';
export type RestoreKillPoint = RestoreStep | `safety-${BackupStep}` | 'never';

const WATCHER = `
const fs = require('node:fs');
const { workerData } = require('node:worker_threads');
const ready = new Int32Array(workerData.ready);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
for (;;) {
  if (fs.existsSync(workerData.file)) process.kill(process.pid, 'SIGKILL');
}
`;

/** Starts a watcher and waits until it runs, so it is already looking when the file appears. */
function killWhenPresent(file: string): void {
  const ready = new SharedArrayBuffer(4);
  const worker = new Worker(WATCHER, { eval: true, workerData: { file, ready } });
  worker.unref();
  Atomics.wait(new Int32Array(ready), 0, 0, 10_000);
}

function partialCopy(dataDir: string): string {
  const name = fs.readdirSync(backupsFolder(dataDir)).find((candidate) => candidate.endsWith(PARTIAL_SUFFIX));
  if (!name) throw new Error('no copy under a temporary name');
  return path.join(backupsFolder(dataDir), name);
}

function reach(step: string, killAt: string): void {
  fs.writeSync(1, `${step}\n`);
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
}

function backUp(dataDir: string, key: Buffer, killAt: string, keep: number): void {
  const database = openDatabase({ file: path.join(dataDir, DATABASE_FILE_NAME), key });
  fs.writeSync(1, 'ready\n');
  writeBackup({
    sqlite: database.sqlite,
    key,
    dataDir,
    kind: 'manual',
    appVersion: '0.0.0-test',
    madeBy: 'crash-test',
    now: new Date(),
    keep,
    onStep: (step) => {
      reach(step, killAt);
      if (step === 'copied' && killAt === 'mid-commit') killWhenPresent(`${partialCopy(dataDir)}-journal`);
    },
  });
  database.close();
}

/** What the restore service does, without the audit log: the worker's part (verify, safety copy, prepared copy), then the swap. */
function restore(dataDir: string, key: Buffer, killAt: string): void {
  const vault = createVault(dataDir);
  vault.openEncrypted(key);
  const backup = listBackupFiles(dataDir).find((candidate) => candidate.kind === 'manual');
  if (!backup) throw new Error('no manual backup to restore');
  fs.writeSync(1, 'ready\n');
  const prepared = prepareRestore({
    sqlite: vault.database.sqlite,
    databaseFile: vault.databaseFile,
    key,
    backupFile: backup.file,
    backupName: backup.name,
    dataDir,
    appVersion: '0.0.0-test',
    madeBy: 'crash-test',
    now: new Date(),
    onSafetyStep: (step) => reach(`safety-${step}`, killAt),
    onCopyStep: (step) => reach(step, killAt),
  });
  if (!prepared.ready) throw new Error(prepared.message);
  swapInRestoredCopy(vault, (step) => reach(step, killAt));
  vault.close();
}

const [dataDir, mode, killAt = 'never', keep = '2'] = process.argv.slice(2);
if (!dataDir || (mode !== 'backup' && mode !== 'restore')) {
  throw new Error('usage: backupChild <data folder> backup|restore [kill point | never] [keep]; the key comes on stdin');
}
const key = fs.readFileSync(0);
if (mode === 'backup') backUp(dataDir, key, killAt, Number(keep));
else restore(dataDir, key, killAt);
fs.writeSync(1, 'finished\n');
