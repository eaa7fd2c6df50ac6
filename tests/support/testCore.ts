import type { SessionUser } from '../../shared/contract/auth';
import type { JobRunner } from '../../electron/jobs/jobRunner';
import { testJobRunner } from './testJobs';
import type { Role } from '../../shared/domain/roles';
import { createAppCore, type AppCore } from '../../electron/core/createAppCore';
import type { SavedFile } from '../../electron/ipc/handlerContext';
import { createFileLogger, createMemoryLogger, type MemoryLogger } from '../../electron/log/logger';
import { createEncryptedDatabase } from '../../electron/core/vault';
import type { StepwiseDatabase } from '../../electron/db/openDatabase';
import { findUserByUsername, insertUser, rolesOf, toSessionUser, type UserRow } from '../../electron/repositories/usersRepository';
import { createKeyring, unwrapForUserSync, type PasswordKdfCost } from '../../electron/security/keyring';
import { requireKeyring, rewrapForUser } from '../../electron/services/authService';
import { argon2idHasher } from '../../electron/security/passwords';
import { fixedClock, type Clock, type PasswordHasher } from '../../electron/services/context';

/** The version a test installation reports, and so the newest packet it opens. */
export const TEST_APP_VERSION = '0.0.0-test';

export const TEST_NOW = new Date('2026-11-29T10:00:00.000Z');
export const TEST_PASSWORD = 'correct horse battery';
/**
 * The test seam for key-wrapping cost: the schema's smallest Argon2 work, so hundreds of sign-ins stay fast. Only
 * test cores pass it; the app and the production-cost tests use PASSWORD_KDF.
 */
export const TEST_PASSWORD_KDF: PasswordKdfCost = { memoryCost: 8_192, timeCost: 1, parallelism: 1 };

export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `${prefix}-${String(next).padStart(6, '0')}`;
  };
}

/** A file the app asks the shell to save: text with its content, a PDF as 'pdf'. */
export interface FileToSave {
  readonly name: string;
  readonly content: string;
  /** For a binary file (a sealed review packet): its bytes; `content` is then 'binary'. */
  readonly bytes?: Uint8Array;
}

/**
 * Stands in for the save dialog and the write: what happens while the dialog is open (a lock, the clock moving) and
 * what the person does (save, cancel), or a write that throws. Only a file it answers saved is in `savedFiles`.
 */
export type SaveHook = (file: FileToSave) => Promise<SavedFile>;

export interface TestCore extends AppCore {
  /**
   * The open database. Tests look inside it even while nobody is signed in, so it is reopened with the key
   * the test remembered; the app itself never keeps the key after sign-out.
   */
  readonly database: StepwiseDatabase;
  readonly logger: MemoryLogger;
  readonly openedLinks: string[];
  /** What the app asked the shell to save, in order: text files with their content, PDFs as 'pdf'. */
  readonly savedFiles: FileToSave[];
  /** Replaces the save dialog for the next saves (null: every file is saved at once under its suggested name). */
  onSave(hook: SaveHook | null): void;
  /** The file the next import's (or packet's) open dialog returns (null: the person cancels). */
  chooseImportFile(file: string | null): void;
  /** Creates an active user with TEST_PASSWORD and returns it, without signing in. */
  addUser(username: string, roles: readonly Role[], displayName?: string): Promise<SessionUser>;
  /** Creates (if needed) and signs in a user holding these roles. */
  signInAs(username: string, roles: readonly Role[]): Promise<SessionUser>;
}

export interface TestCoreOptions {
  readonly clock?: Clock;
  readonly newId?: () => string;
  readonly passwords?: PasswordHasher;
  /** A file logger, to check what the app writes to its log; by default logs stay in memory (`core.logger`). */
  readonly fileLog?: string;
  /** Defaults to TEST_PASSWORD_KDF; pass PASSWORD_KDF to run at the production cost. */
  readonly passwordKdf?: PasswordKdfCost;
  /** Defaults to worker threads running the TypeScript worker; the end-to-end harness passes the bundled one. */
  readonly jobs?: JobRunner;
}

/** The real core (database, migrations, registry, services) with a fixed clock and predictable ids. */
export async function createTestCore(dataDir: string, overrides: TestCoreOptions = {}): Promise<TestCore> {
  const logger = createMemoryLogger();
  const fileLogger = overrides.fileLog === undefined ? undefined : createFileLogger(overrides.fileLog);
  const openedLinks: string[] = [];
  const savedFiles: FileToSave[] = [];
  const saveAtOnce: SaveHook = async (file) => ({ saved: true, fileName: file.name });
  let saveHook: SaveHook = saveAtOnce;
  const save = async (file: FileToSave): Promise<SavedFile> => {
    const answer = await saveHook(file);
    if (answer.saved) savedFiles.push(file);
    return answer;
  };
  let importFile: string | null = null;
  const clock = overrides.clock ?? fixedClock(TEST_NOW);
  const passwords = overrides.passwords ?? argon2idHasher;
  const passwordKdf = overrides.passwordKdf ?? TEST_PASSWORD_KDF;
  const core = await createAppCore({
    dataDir,
    appVersion: TEST_APP_VERSION,
    logger: fileLogger ?? logger,
    clock,
    newId: overrides.newId ?? sequentialIds(),
    passwords,
    passwordKdf,
    jobs: overrides.jobs ?? testJobRunner,
    shell: {
      chooseFileToImport: async () => importFile,
      chooseFileToOpen: async () => importFile,
      saveBinaryFile: (name, bytes) => save({ name, content: 'binary', bytes: Uint8Array.from(bytes) }),
      openInSystemBrowser: async (url) => {
        openedLinks.push(url);
      },
      saveTextFile: (name, content) => save({ name, content }),
      saveWindowAsPdf: (name) => save({ name, content: 'pdf' }),
    },
  });
  const users = new Map<string, SessionUser>();
  let rememberedKey: Buffer | null = null;
  const database = (): StepwiseDatabase => {
    if (core.vault.isOpen) {
      if (!rememberedKey && core.vault.state() === 'encrypted') rememberedKey = core.vault.dataKey();
      return core.vault.database;
    }
    if (!rememberedKey) rememberedKey = unwrapAsTestUser();
    return core.vault.openEncrypted(rememberedKey);
  };
  /** A core reopened on an existing test folder: every test user's password is TEST_PASSWORD. */
  const unwrapAsTestUser = (): Buffer => {
    const keyring = requireKeyring(core.vault);
    const entry = keyring.users[0];
    const key = entry ? unwrapForUserSync(keyring, entry, TEST_PASSWORD) : null;
    if (!key) throw new Error('The test database cannot be opened with the test password');
    return key;
  };
  /** The first user of a fresh test folder creates the encrypted database and its keyring, as a first start does. */
  const bootstrap = async (row: UserRow, roles: readonly Role[]): Promise<void> => {
    const { keyring, dataKey } = await createKeyring({ userId: row.id, username: row.username }, TEST_PASSWORD, passwordKdf);
    await createEncryptedDatabase(core.vault, keyring, dataKey, async (created) => insertUser(created.db, row, roles));
    core.vault.openEncrypted(dataKey);
    rememberedKey = dataKey;
  };
  const addUser = async (username: string, roles: readonly Role[], displayName = titleCase(username)): Promise<SessionUser> => {
    const existing = users.get(username);
    if (existing) return existing;
    const now = clock.now().toISOString();
    const row: UserRow = {
      id: `user-${username}`,
      username,
      display_name: displayName,
      password_hash: await passwords.hash(TEST_PASSWORD),
      must_change_password: 0,
      active: 1,
      synthetic: 0,
      failed_sign_ins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
      remote_installation_id: null,
    };
    if (core.vault.state() === 'new') {
      await bootstrap(row, roles);
    } else {
      const stored = await findUserByUsername(database().db, username);
      if (stored) {
        const user = toSessionUser(stored, await rolesOf(database().db, stored.id));
        users.set(username, user);
        return user;
      }
      await insertUser(database().db, row, roles);
      await rewrapForUser(core.vault, { userId: row.id, username }, TEST_PASSWORD);
    }
    const user = toSessionUser(row, roles);
    users.set(username, user);
    return user;
  };
  return {
    ...core,
    get database() {
      return database();
    },
    logger,
    openedLinks,
    savedFiles,
    onSave: (hook) => {
      saveHook = hook ?? saveAtOnce;
    },
    chooseImportFile: (file) => {
      importFile = file;
    },
    addUser,
    signInAs: async (username, roles) => {
      const user = await addUser(username, roles);
      database();
      core.session.begin(user);
      return user;
    },
  };
}

function titleCase(username: string): string {
  return username.replace(/(^|[-_.])(\w)/g, (_match, _sep: string, letter: string) => ` ${letter.toUpperCase()}`).trim();
}
