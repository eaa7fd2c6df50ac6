// `npm run -s evaluate -- <file.json>`: batch evaluation of assessments (interchange format v1).
// `npm run -s evaluate -- --impact <version> --data-dir <folder>`: rules impact over a database's stored assessments.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toIsoDate } from '../shared/domain/dates';
import { runEvaluateCli } from '../shared/rules/cli';
import { impactFromDatabase } from '../electron/cli/impactFromDatabase';

// npm runs scripts from the package folder; INIT_CWD is where the user typed the command.
const baseDir = process.env.INIT_CWD ?? process.cwd();
const argv = process.argv.slice(2);
const usesDatabase = argv.some((argument) => argument === '--data-dir' || argument.startsWith('--data-dir='));
const outcome = usesDatabase
  ? await impactFromDatabase(argv, baseDir)
  : runEvaluateCli(argv, (path) => readFileSync(resolve(baseDir, path), 'utf8'), toIsoDate(new Date()));
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
