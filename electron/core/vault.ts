import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { removeUnfinishedBackups } from '../backup/backupFolder';
import { removeUnfinishedRestore } from '../backup/replaceDatabase';
import { recoverInterruptedEncryption } from '../db/encryptExisting';
import { DatabaseOpenError, isUnwritableError } from '../db/errors';
import { DATABASE_FILE_NAME, databaseFileState, needsMigration, openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import type { StepwiseSchema } from '../db/schema';
import { DomainError } from '../services/errors';
import { KeyFileExistsError, writeNewKeyring } from '../security/keyFiles';
import { KEYRING_FILE_NAME, KeyringError, PASSWORD_KDF, readKeyring, writeKeyring, type Keyring, type PasswordKdfCost } from '../security/keyring';

export type VaultState = 'new' | 'legacy-plaintext' | 'encrypted';

/**
 * The database and its key, and nothing else: the data key lives here (in the main process) only while
 * someone is signed in, is never handed to the renderer or a log, and is zeroed on sign-out and quit.
 */
export interface Vault {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly keyringFile: string;
  /** The Argon2id cost new password wraps get; entries wrapped with less are re-wrapped at sign-in. */
  readonly passwordKdf: PasswordKdfCost;
  /** What start-up recovery did (an interrupted setup or encryption finished or undone), for the log. */
  readonly startupNotes: readonly string[];
  readonly isOpen: boolean;
  /** The open database; refuses when locked. */
  readonly database: StepwiseDatabase;
  state(): VaultState;
  keyring(): Keyring | null;
  /**
   * The only way to change the keyring: re-reads it, lets `change` derive the next one and writes that, all behind
   * one lock, so parallel sign-ins or edits never write back a stale copy. Returning `current` writes nothing.
   * Refuses when there is no keyring. Never call it from inside `exclusive` or another update.
   */
  updateKeyring(change: (current: Keyring) => Keyring | Promise<Keyring>): Promise<Keyring>;
  /** Runs `work` behind the same lock, for a sign-in that keeps its throttle in a plaintext database. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Applies this version's pending migrations before the database is opened, off the main process's event loop when
   * the vault was given a way to (a worker thread in the app): at 100,000 cases a migration that fills a table takes
   * seconds. True when it asked for them (a sign-in arriving meanwhile waits for the same upgrade); opening then finds
   * none, unless the worker failed and left them to it. Without the option, opening applies them. Refuses in words a
   * migration that cannot be applied.
   */
  migrateAhead(dataKey: Buffer): Promise<boolean>;
  openEncrypted(dataKey: Buffer): StepwiseDatabase;
  /** A database from an earlier version, before it is encrypted. */
  openPlaintext(): StepwiseDatabase;
  /** The open database's key, to wrap it for a new password; refuses when locked or plaintext. */
  dataKey(): Buffer;
  close(): void;
}

const SETUP_SUFFIX = '.setup';

export function missingKeyringError(): DomainError {
  return new DomainError('unavailable', 'The key file of this database is missing. Restore it from a backup.');
}

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

export interface VaultOptions {
  /** Tests only, to keep Argon2 cheap: the app always uses PASSWORD_KDF. */
  readonly passwordKdf?: PasswordKdfCost;
  /**
   * Migrates the encrypted database at `databaseFile` and closes it again: a job on a worker thread in the app. Throws
   * only a refusal in words (a DomainError); a worker that failed leaves the migrations to the opening.
   */
  readonly migrate?: (databaseFile: string, dataKey: Buffer) => Promise<void>;
}

export function createVault(dataDir: string, options: VaultOptions = {}): Vault {
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  const keyringFile = path.join(dataDir, KEYRING_FILE_NAME);
  const startupNotes = [
    ...finishOrClearSetup(dataDir, keyringFile),
    ...recoverInterruptedEncryption(databaseFile, keyringFile),
    ...removeUnfinishedRestore(databaseFile),
    ...removeUnfinishedBackups(dataDir).map((name) => `Removed ${name}, a backup that was interrupted before it was verified.`),
  ];
  let open: StepwiseDatabase | null = null;
  let key: Buffer | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** The upgrade under way, which a second sign-in waits for instead of starting another on the same file. */
  let migrating: Promise<void> | null = null;

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(work, work);
    queue = turn.catch(() => undefined);
    return turn;
  };

  const readKeyringFile = (): Keyring | null => {
    try {
      return readKeyring(keyringFile);
    } catch (error) {
      // A damaged key file is reported in words; it is never replaced, since that would lose the key.
      if (error instanceof KeyringError) throw new DomainError('unavailable', error.message);
      throw error;
    }
  };

  const state = (): VaultState => {
    const onDisk = databaseFileState(databaseFile);
    const hasKeyring = fs.existsSync(keyringFile);
    if (onDisk === 'encrypted') {
      // The header only says the file is not plaintext SQLite: without the key, encrypted and junk look alike.
      if (!hasKeyring) {
        throw new DatabaseOpenError(
          'missing',
          keyringFile,
          `${DATABASE_FILE_NAME} in ${dataDir} is not a plaintext SQLite database, and there is no key file ${KEYRING_FILE_NAME} beside it. ` +
            `Either it is an encrypted Stepwise database whose key file is missing: restore ${KEYRING_FILE_NAME} from a backup into the data folder. ` +
            'Or it is not a Stepwise database at all, or it is damaged: restore the database from a backup, or choose another data folder ' +
            'with --data-dir. Stepwise changed nothing.',
        );
      }
      return 'encrypted';
    }
    // A key file means an encrypted database belongs here: never set up or encrypt anew over it.
    if (hasKeyring && onDisk === 'plaintext') {
      throw new DatabaseOpenError(
        'unexpected-plaintext',
        databaseFile,
        `${DATABASE_FILE_NAME} in ${dataDir} is not encrypted, but the key file ${KEYRING_FILE_NAME} beside it belongs to an encrypted ` +
          'database. This happens when an older unencrypted copy, or a file from another program, is put in place of the encrypted database. ' +
          `Stepwise changed nothing. Put the encrypted ${DATABASE_FILE_NAME} back. To use the unencrypted one instead, first move ` +
          `${KEYRING_FILE_NAME} out of the data folder and keep it: it is the only way to open the encrypted database.`,
      );
    }
    if (hasKeyring) {
      throw new DatabaseOpenError(
        'missing',
        databaseFile,
        `The key file is here but the database is missing: restore ${DATABASE_FILE_NAME} from a backup into ${dataDir}. ` +
          'Stepwise changed nothing and will not set up a new database over the key file.',
      );
    }
    if (onDisk === 'plaintext') return 'legacy-plaintext';
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
    passwordKdf: options.passwordKdf ?? PASSWORD_KDF,
    startupNotes,
    get isOpen() {
      return open !== null;
    },
    get database() {
      if (!open) throw lockedError();
      return open;
    },
    state,
    keyring: readKeyringFile,
    updateKeyring: (change) =>
      exclusive(async () => {
        const current = readKeyringFile();
        if (!current) throw missingKeyringError();
        const next = await change(current);
        if (next !== current) writeKeyFile(() => writeKeyring(keyringFile, next));
        return next;
      }),
    exclusive,
    migrateAhead: async (dataKey) => {
      if (!migrating) {
        if (!options.migrate || open !== null || !needsMigration(databaseFile, dataKey)) return false;
        migrating = options.migrate(databaseFile, dataKey).finally(() => {
          migrating = null;
        });
      }
      await migrating;
      return true;
    },
    openEncrypted: (dataKey) => {
      close();
      open = openDatabase({ file: databaseFile, key: dataKey, statistics: 'background' });
      key = Buffer.from(dataKey);
      return open;
    },
    openPlaintext: () => {
      close();
      open = openDatabase({ file: databaseFile, statistics: 'background' });
      return open;
    },
    dataKey: () => {
      if (!open || !key) throw lockedError();
      return Buffer.from(key);
    },
    close,
  };
}

/** A key file the file system will not let Stepwise write is said in words; the one in place is left as it was. */
function writeKeyFile(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!isUnwritableError(error)) throw error;
    throw new DomainError(
      'unavailable',
      `Stepwise cannot write its key file ${KEYRING_FILE_NAME}: the data folder or the key file is read-only for this account. ` +
        'The key file was left as it was. Check that you may change the data folder, or start Stepwise with --data-dir pointing to a writable folder.',
      [],
      { cause: error },
    );
  }
}

/** The first start's database, named for the keyring it belongs with until both are in place. */
function pendingSetupName(databaseId: string): string {
  return `${DATABASE_FILE_NAME}${SETUP_SUFFIX}-${databaseId}`;
}

function removeWithSideFiles(file: string): void {
  for (const leftover of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(leftover, { force: true });
}

/**
 * First start creates the encrypted database under a name carrying its keyring's databaseId, writes the keyring,
 * then renames. Found at start-up, a pending database is put in place only when the key file beside it has that
 * same databaseId and no database is there yet. Without any key file its key was never saved, so nobody can open
 * it and it goes (it holds only the administrator's account). Otherwise it is left alone: it may belong with a key
 * file kept elsewhere.
 */
function finishOrClearSetup(dataDir: string, keyringFile: string): string[] {
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dataDir, { withFileTypes: true });
  } catch {
    // No data folder yet (a first start), or not a folder: openDatabase explains the latter.
    return [];
  }
  const pendings = entries
    .filter((entry) => entry.isFile() && (entry.name === `${DATABASE_FILE_NAME}${SETUP_SUFFIX}` || entry.name.startsWith(pendingSetupName(''))))
    .map((entry) => entry.name)
    .filter((name) => !/-(wal|shm|journal)$/.test(name));
  if (pendings.length === 0) return [];
  let keyring: Keyring | null | undefined;
  try {
    keyring = readKeyring(keyringFile);
  } catch {
    keyring = undefined;
  }
  const notes: string[] = [];
  for (const name of pendings) {
    const pending = path.join(dataDir, name);
    const databaseMissing = ['missing', 'empty'].includes(databaseFileState(databaseFile));
    if (keyring && name === pendingSetupName(keyring.databaseId) && databaseMissing) {
      for (const leftover of [`${pending}-wal`, `${pending}-shm`]) fs.rmSync(leftover, { force: true });
      fs.renameSync(pending, databaseFile);
      notes.push('Finished an interrupted first start: the new database is now in place.');
    } else if (keyring === null) {
      removeWithSideFiles(pending);
    } else {
      notes.push(`Left ${name} alone: it does not belong with the key file in the data folder.`);
    }
  }
  return notes;
}

/** Creates the encrypted database of a first start; see finishOrClearSetup for how a crash is handled. */
export async function createEncryptedDatabase(
  vault: Vault,
  keyring: Keyring,
  dataKey: Buffer,
  fill: (database: StepwiseDatabase) => Promise<void>,
): Promise<void> {
  if (fs.existsSync(vault.keyringFile)) throw new KeyFileExistsError(vault.keyringFile);
  const pending = path.join(vault.dataDir, pendingSetupName(keyring.databaseId));
  removeWithSideFiles(pending);
  const created = openDatabase({ file: pending, key: dataKey });
  try {
    await fill(created);
    created.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    created.close();
  }
  for (const leftover of [`${pending}-wal`, `${pending}-shm`]) fs.rmSync(leftover, { force: true });
  try {
    // Never over an existing key file: that could be the only way into a database restored later.
    writeKeyFile(() => writeNewKeyring(vault.keyringFile, keyring));
  } catch (error) {
    // Its key was never saved, so nobody could ever open it: it goes now rather than at the next start.
    if (!fs.existsSync(vault.keyringFile)) removeWithSideFiles(pending);
    throw error;
  }
  fs.renameSync(pending, vault.databaseFile);
}
