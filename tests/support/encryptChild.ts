// Run in a child process by the crash-safety test: encrypts a plaintext database and, when told to, kills
// itself with SIGKILL at one step of the way, as a power cut or a crash would. 'mid-rekey' has no step of its
// own (the rekey is one call into SQLite), so a watcher thread kills the process once the rekey's rollback journal
// has grown past a few pages.
import { Worker } from 'node:worker_threads';
import { ENCRYPTING_SUFFIX, encryptExistingDatabase, type EncryptionStep } from '../../electron/db/encryptExisting';
import { createKeyring } from '../../electron/security/keyring';

export type KillPoint = EncryptionStep | 'mid-rekey' | 'never';

const WATCHER = `
const fs = require('node:fs');
const { workerData } = require('node:worker_threads');
const ready = new Int32Array(workerData.ready);
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
for (;;) {
  const stat = fs.statSync(workerData.journal, { throwIfNoEntry: false });
  if (stat && stat.size >= workerData.bytes) process.kill(process.pid, 'SIGKILL');
}
`;

/** Starts the watcher and waits until it runs, so it is already looking when the rekey begins. */
function killWhenJournalGrows(journal: string): void {
  const ready = new SharedArrayBuffer(4);
  const worker = new Worker(WATCHER, { eval: true, workerData: { journal, bytes: 64 * 1024, ready } });
  worker.unref();
  Atomics.wait(new Int32Array(ready), 0, 0, 10_000);
}

const [file, keyringFile, killAt] = process.argv.slice(2) as [string | undefined, string | undefined, KillPoint | undefined];
if (!file || !keyringFile) throw new Error('usage: encryptChild <database> <keyring> [step | mid-rekey | never]');
const { keyring, dataKey } = await createKeyring({ userId: 'user-admin', username: 'admin' }, 'crash test password');
encryptExistingDatabase(file, keyringFile, keyring, dataKey, (step: EncryptionStep) => {
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
  if (step === 'copied' && killAt === 'mid-rekey') killWhenJournalGrows(`${file}${ENCRYPTING_SUFFIX}-journal`);
});
process.stdout.write('done\n');
