import { reviewRulesImpact } from '../services/rulesService';
import { DomainError } from '../services/errors';
import { failure, openForCli, optionValue, type CommandOutcome } from './openForCli';

export type { CommandOutcome } from './openForCli';

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
  const version = optionValue(argv, '--impact');
  if (version === undefined) return failure(`Give the ruleset version to compare with. ${IMPACT_FROM_DATABASE_USAGE}`);
  const opened = await openForCli(argv, cwd, env, ['supervisor', 'admin'], IMPACT_FROM_DATABASE_USAGE);
  if (!opened.ok) return opened.outcome;
  const { database } = opened;
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
