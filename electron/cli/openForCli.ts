import path from 'node:path';
import type { Role } from '../../shared/domain/roles';
import { resolveDataDir } from '../config/dataDir';
import { DatabaseOpenError } from '../db/errors';
import { DATABASE_FILE_NAME, databaseFileState, openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import { findUserByUsername, rolesOf } from '../repositories/usersRepository';
import { findEntry, keyringPath, readKeyring, unwrapForUser, type Keyring } from '../security/keyring';

export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** 0: done; 1: done, and the answer is bad news (a broken audit chain); 2: could not run. */
  readonly exitCode: 0 | 1 | 2;
}

const ROLE_PLURALS: Readonly<Record<Role, string>> = { clinician: 'clinicians', supervisor: 'supervisors', admin: 'administrators' };

export function failure(message: string): CommandOutcome {
  return { stdout: '', stderr: `${message.replace(/\s+/g, ' ').trim()}\n`, exitCode: 2 };
}

export function optionValue(argv: readonly string[], flag: string): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === flag) return argv[index + 1];
    if (argument.startsWith(`${flag}=`)) return argument.slice(flag.length + 1);
  }
  return undefined;
}

export type OpenedForCli =
  | { readonly ok: true; readonly database: StepwiseDatabase; readonly keyring: Keyring | undefined }
  | { readonly ok: false; readonly outcome: CommandOutcome };

/**
 * Opens a data folder's database read-only for a command-line user. An encrypted database needs --user and the
 * password in STEPWISE_PASSWORD (never on the command line, which other users can see), and the account must be
 * active and hold one of the roles.
 */
export async function openForCli(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  roles: readonly Role[],
  usage: string,
): Promise<OpenedForCli> {
  const refuse = (message: string): OpenedForCli => ({ ok: false, outcome: failure(message) });
  const resolution = resolveDataDir(argv, {}, '', cwd);
  if (!resolution.ok) return refuse(resolution.message);
  const file = path.join(resolution.dataDir, DATABASE_FILE_NAME);
  let key: Buffer | undefined;
  let keyring: Keyring | undefined;
  const username = optionValue(argv, '--user');
  if (databaseFileState(file) === 'encrypted') {
    const password = env.STEPWISE_PASSWORD;
    if (!username || !password) return refuse(`The database is encrypted: give --user and set STEPWISE_PASSWORD. ${usage}`);
    try {
      keyring = readKeyring(keyringPath(resolution.dataDir)) ?? undefined;
    } catch (error) {
      return refuse(error instanceof Error ? error.message : String(error));
    }
    const entry = keyring ? findEntry(keyring, username) : undefined;
    key = keyring && entry ? ((await unwrapForUser(keyring, entry, password)) ?? undefined) : undefined;
    if (!key) return refuse('The username or password is not correct. Nothing was opened.');
  }
  let database: StepwiseDatabase;
  try {
    database = openDatabase({ file, readonly: true, key });
  } catch (error) {
    return refuse(error instanceof DatabaseOpenError ? error.message : String(error));
  } finally {
    key?.fill(0);
  }
  if (username !== undefined && key !== undefined) {
    const user = await findUserByUsername(database.db, username);
    const held = user ? await rolesOf(database.db, user.id) : [];
    if (!user || user.active !== 1 || !held.some((role) => roles.includes(role))) {
      database.close();
      return refuse(`This command is for ${roles.map((role) => ROLE_PLURALS[role]).join(' and ')}; this account may not run it.`);
    }
  }
  return { ok: true, database, keyring };
}
