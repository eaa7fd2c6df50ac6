// `npm run -s evaluate -- <file.json>`: batch evaluation of assessments (interchange format v1).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toIsoDate } from '../shared/domain/dates';
import { runEvaluateCli } from '../shared/rules/cli';

// npm runs scripts from the package folder; INIT_CWD is where the user typed the command.
const baseDir = process.env.INIT_CWD ?? process.cwd();
const outcome = runEvaluateCli(process.argv.slice(2), (path) => readFileSync(resolve(baseDir, path), 'utf8'), toIsoDate(new Date()));
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
