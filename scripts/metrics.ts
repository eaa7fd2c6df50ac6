// `npm run -s metrics -- <episodes.json>`: caseload transition metrics over episodes (interchange format v1).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runMetricsCli } from '../shared/metrics/cli';

// npm runs scripts from the package folder; INIT_CWD is where the user typed the command.
const baseDir = process.env.INIT_CWD ?? process.cwd();
const outcome = runMetricsCli(process.argv.slice(2), (path) => readFileSync(resolve(baseDir, path), 'utf8'));
process.exitCode = outcome.exitCode;
// A reader that stops early (`| head`) closes the pipe: stop writing and exit quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
}
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
