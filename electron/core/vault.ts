import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { recoverInterruptedEncryption } from '../db/encryptExisting';
import { DatabaseOpenError } from '../db/errors';
import { DATABASE_FILE_NAME, databaseFileState, openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import type { StepwiseSchema } from '../db/schema';
import { DomainError } from '../services/errors';
import { KEYRING_FILE_NAME, KeyringError, readKeyring, writeKeyring, type Keyring } from '../security/keyring';

export type VaultState = 'new' | 'legacy-plaintext' | 'encrypted';

/**
 * The database and its key, and nothing else: the data key lives here (in the main process) only while
 * someone is signed in, is never handed to the renderer or a log, and is zeroed on sign-out and quit.
 */
export interface Vault {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly keyringFile: string;
  readonly isOpen: boolean;
  /** The open database; refuses when locked. */
  readonly database: StepwiseDatabase;
  state(): VaultState;
  keyring(): Keyring | null;
  saveKeyring(keyring: Keyring): void;
  openEncrypted(dataKey: Buffer): StepwiseDatabase;
  /** A database from an earlier version, before it is encrypted. */
  openPlaintext(): StepwiseDatabase;
  /** The open database's key, to wrap it for a new password; refuses when locked or plaintext. */
  dataKey(): Buffer;
  close(): void;
}

const SETUP_SUFFIX = '.setup';

export function lockedError(): DomainError {
  return new DomainError('unauthenticated', 'Stepwise is locked. Sign in to continue.');
}

/** A Kysely stand-in for the locked state: any use is refused as "sign in first". */
export const LOCKED_DB = new Proxy(
  {},
  {
    get() {
      throw lockedError();
    },
  },
) as Kysely<StepwiseSchema>;

export function createVault(dataDir: string): Vault {
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  const keyringFile = path.join(dataDir, KEYRING_FILE_NAME);
  finishOrClearSetup(databaseFile, keyringFile);
  if (databaseFileState(databaseFile) === 'plaintext') recoverInterruptedEncryption(databaseFile, keyringFile);
  let open: StepwiseDatabase | null = null;
  let key: Buffer | null = null;

  const state = (): VaultState => {
    const onDisk = databaseFileState(databaseFile);
    if (onDisk === 'plaintext') return 'legacy-plaintext';
    if (onDisk === 'encrypted') {
      if (!fs.existsSync(keyringFile)) {
        throw new DatabaseOpenError(
          'missing',
          keyringFile,
          `The database in ${dataDir} is encrypted but its key file ${KEYRING_FILE_NAME} is missing. Restore the key file from a backup; nothing was changed.`,
        );
      }
      return 'encrypted';
    }
    return 'new';
  };

  const close = (): void => {
    open?.close();
    open = null;
    key?.fill(0);
    key = null;
  };

  return {
    dataDir,
    databaseFile,
    keyringFile,
    get isOpen() {
      return open !== null;
    },
    get database() {
      if (!open) throw lockedError();
      return open;
    },
    state,
    keyring: () => {
      try {
        return readKeyring(keyringFile);
      } catch (error) {
        // A damaged key file is reported in words; it is never replaced, since that would lose the key.
        if (error instanceof KeyringError) throw new DomainError('unavailable', error.message);
        throw error;
      }
    },
    saveKeyring: (keyring) => writeKeyring(keyringFile, keyring),
    openEncrypted: (dataKey) => {
      close();
      open = openDatabase({ file: databaseFile, key: dataKey });
      key = Buffer.from(dataKey);
      return open;
    },
    openPlaintext: () => {
      close();
      open = openDatabase({ file: databaseFile });
      return open;
    },
    dataKey: () => {
      if (!open || !key) throw lockedError();
      return Buffer.from(key);
    },
    close,
  };
}

/**
 * First start creates the encrypted database under a temporary name, writes the keyring, then renames: a crash
 * before the keyring leaves nothing behind (setup simply runs again); after it, the rename is finished here.
 */
function finishOrClearSetup(databaseFile: string, keyringFile: string): void {
  const pending = `${databaseFile}${SETUP_SUFFIX}`;
  if (!fs.existsSync(pending)) return;
  if (fs.existsSync(keyringFile) && databaseFileState(databaseFile) === 'missing') {
    fs.renameSync(pending, databaseFile);
    return;
  }
  for (const leftover of [pending, `${pending}-wal`, `${pending}-shm`]) fs.rmSync(leftover, { force: true });
}

/** Creates the encrypted database of a first start; see finishOrClearSetup for how a crash is handled. */
export async function createEncryptedDatabase(
  vault: Vault,
  keyring: Keyring,
  dataKey: Buffer,
  fill: (database: StepwiseDatabase) => Promise<void>,
): Promise<void> {
  const pending = `${vault.databaseFile}${SETUP_SUFFIX}`;
  for (const leftover of [pending, `${pending}-wal`, `${pending}-shm`]) fs.rmSync(leftover, { force: true });
  const created = openDatabase({ file: pending, key: dataKey });
  try {
    await fill(created);
    created.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    created.close();
  }
  for (const leftover of [`${pending}-wal`, `${pending}-shm`]) fs.rmSync(leftover, { force: true });
  vault.saveKeyring(keyring);
  fs.renameSync(pending, vault.databaseFile);
}
