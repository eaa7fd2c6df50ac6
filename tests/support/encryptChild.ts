// Run in a child process by the crash-safety test: encrypts a plaintext database and, when told to, kills
// itself with SIGKILL at one step of the way, as a power cut or a crash would.
import { encryptExistingDatabase, type EncryptionStep } from '../../electron/db/encryptExisting';
import { createKeyring } from '../../electron/security/keyring';

const [file, keyringFile, killAt] = process.argv.slice(2);
if (!file || !keyringFile) throw new Error('usage: encryptChild <database> <keyring> [step]');
const { keyring, dataKey } = await createKeyring({ userId: 'user-admin', username: 'admin' }, 'crash test password');
encryptExistingDatabase(file, keyringFile, keyring, dataKey, (step: EncryptionStep) => {
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
});
process.stdout.write('done\n');
