import path from 'node:path';
import { resolveDataDir } from '../config/dataDir';
import { DatabaseOpenError } from '../db/errors';
import { DATABASE_FILE_NAME, databaseFileState, openDatabase } from '../db/openDatabase';
import { findUserByUsername, rolesOf } from '../repositories/usersRepository';
import { findEntry, keyringPath, readKeyring, unwrapForUser } from '../security/keyring';
import { reviewRulesImpact } from '../services/rulesService';
import { DomainError } from '../services/errors';

export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 2;
}

export const IMPACT_FROM_DATABASE_USAGE =
  'Usage: STEPWISE_PASSWORD=… npm run -s evaluate -- --impact <version> --data-dir <folder> --user <username> (a supervisor or administrator)';

/**
 * `evaluate --impact <version> --data-dir <folder>`: replays the assessments stored in a Stepwise database
 * under another ruleset version. The database is opened read-only; nothing is written.
 */
export async function impactFromDatabase(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CommandOutcome> {
  const resolution = resolveDataDir(argv, {}, '', cwd);
  if (!resolution.ok) return failure(resolution.message);
  const version = optionValue(argv, '--impact');
  if (version === undefined) return failure(`Give the ruleset version to compare with. ${IMPACT_FROM_DATABASE_USAGE}`);
  const file = path.join(resolution.dataDir, DATABASE_FILE_NAME);
  let key: Buffer | undefined;
  let username: string | undefined;
  if (databaseFileState(file) === 'encrypted') {
    // The password comes from the environment, never the command line, which other users can see.
    username = optionValue(argv, '--user');
    const password = env.STEPWISE_PASSWORD;
    if (!username || !password) return failure(`The database is encrypted: give --user and set STEPWISE_PASSWORD. ${IMPACT_FROM_DATABASE_USAGE}`);
    let keyring;
    try {
      keyring = readKeyring(keyringPath(resolution.dataDir));
    } catch (error) {
      return failure(error instanceof Error ? error.message : String(error));
    }
    const entry = keyring ? findEntry(keyring, username) : undefined;
    key = keyring && entry ? ((await unwrapForUser(keyring, entry, password)) ?? undefined) : undefined;
    if (!key) return failure('The username or password is not correct. Nothing was opened.');
  }
  let database;
  try {
    database = openDatabase({ file, readonly: true, key });
  } catch (error) {
    return failure(error instanceof DatabaseOpenError ? error.message : String(error));
  } finally {
    key?.fill(0);
  }
  try {
    if (username !== undefined) {
      const user = await findUserByUsername(database.db, username);
      const roles = user ? await rolesOf(database.db, user.id) : [];
      if (!user || user.active !== 1 || !roles.some((role) => role === 'supervisor' || role === 'admin')) {
        return failure('Rules impact is for supervisors and administrators; this account may not run it.');
      }
    }
    const report = await reviewRulesImpact({ db: database.db }, version);
    return { stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    if (error instanceof DomainError) return failure(error.message);
    throw error;
  } finally {
    database.close();
  }
}

function optionValue(argv: readonly string[], flag: string): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === flag) return argv[index + 1];
    if (argument.startsWith(`${flag}=`)) return argument.slice(flag.length + 1);
  }
  return undefined;
}

function failure(message: string): CommandOutcome {
  return { stdout: '', stderr: `${message.replace(/\s+/g, ' ').trim()}\n`, exitCode: 2 };
}
