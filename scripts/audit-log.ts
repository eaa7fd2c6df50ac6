// `npm run -s audit-log -- verify --data-dir <folder> --user <admin>` (password in STEPWISE_PASSWORD).
import { auditCommand } from '../electron/cli/auditCommand';

// npm runs scripts from the package folder; INIT_CWD is where the user typed the command.
const outcome = await auditCommand(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
process.exitCode = outcome.exitCode;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
}
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
