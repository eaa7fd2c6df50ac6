import { verifyAuditLog } from '../audit/auditLog';
import { failure, openForCli, type CommandOutcome } from './openForCli';

export const AUDIT_USAGE = 'Usage: STEPWISE_PASSWORD=… npm run -s audit-log -- verify --data-dir <folder> --user <username> (an administrator)';

/**
 * `audit-log verify`: walks the audit log's hash chain and checks it against the head kept in the key file.
 * Prints one line; exits 0 when intact, 1 naming the first broken row, 2 when it cannot run. Read-only.
 */
export async function auditCommand(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CommandOutcome> {
  if (argv[0] !== 'verify') return failure(`Unknown or missing command "${(argv[0] ?? '').slice(0, 40)}". ${AUDIT_USAGE}`);
  const opened = await openForCli(argv.slice(1), cwd, env, ['admin'], AUDIT_USAGE);
  if (!opened.ok) return opened.outcome;
  const { database, keyring } = opened;
  try {
    const verdict = await verifyAuditLog(database.db, keyring?.audit);
    if (verdict.intact) {
      return {
        stdout: `Audit log intact: ${verdict.events} events, each linked to the one before, ending where the key file says it ends.\n`,
        stderr: '',
        exitCode: 0,
      };
    }
    return {
      stdout: `Audit log broken at row ${verdict.firstBrokenRow}: ${verdict.problem} (${verdict.events} rows before it check out.)\n`,
      stderr: '',
      exitCode: 1,
    };
  } finally {
    database.close();
  }
}
