import path from 'node:path';
import { resolveDataDir } from '../config/dataDir';
import { DatabaseOpenError } from '../db/errors';
import { DATABASE_FILE_NAME, openDatabase } from '../db/openDatabase';
import { reviewRulesImpact } from '../services/rulesService';
import { DomainError } from '../services/errors';

export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 2;
}

export const IMPACT_FROM_DATABASE_USAGE = 'Usage: npm run -s evaluate -- --impact <version> --data-dir <folder>';

/**
 * `evaluate --impact <version> --data-dir <folder>`: replays the assessments stored in a Stepwise database
 * under another ruleset version. The database is opened read-only; nothing is written.
 */
export async function impactFromDatabase(argv: readonly string[], cwd: string): Promise<CommandOutcome> {
  const resolution = resolveDataDir(argv, {}, '', cwd);
  if (!resolution.ok) return failure(resolution.message);
  const version = impactVersion(argv);
  if (version === undefined) return failure(`Give the ruleset version to compare with. ${IMPACT_FROM_DATABASE_USAGE}`);
  let database;
  try {
    database = openDatabase({ file: path.join(resolution.dataDir, DATABASE_FILE_NAME), readonly: true });
  } catch (error) {
    return failure(error instanceof DatabaseOpenError ? error.message : String(error));
  }
  try {
    const report = await reviewRulesImpact({ db: database.db }, version);
    return { stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    if (error instanceof DomainError) return failure(error.message);
    throw error;
  } finally {
    database.close();
  }
}

function impactVersion(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--impact') return argv[index + 1];
    if (argument.startsWith('--impact=')) return argument.slice('--impact='.length);
  }
  return undefined;
}

function failure(message: string): CommandOutcome {
  return { stdout: '', stderr: `${message.replace(/\s+/g, ' ').trim()}\n`, exitCode: 2 };
}
