import { readJsonFile, toJson, usageError, type CliOutcome, type ReadTextFile } from '../cli/jsonFile';
import type { IsoDate } from '../domain/dates';
import { unwrapNoticeFile } from '../exports/interchangeFile';
import { parseAssessment, type AssessmentFieldError } from './assessment';
import { evaluateAssessment, evaluateBatch } from './evaluate';
import { rulesImpact, type StoredRecommendation } from './impact';
import { isRejected } from './recommendation';
import { CURRENT_RULESET_VERSION, getRuleset, RULESETS } from './registry';
import type { Ruleset } from './rule';

/** Exit codes: 0 all valid, 1 some item invalid (the others are still reported), 2 nothing could be evaluated. */
export type { CliOutcome, ReadTextFile };

export const EVALUATE_USAGE = 'Usage: npm run -s evaluate -- [--ruleset <version>] [--impact <version>] <assessments.json>';

interface CliOptions {
  readonly file: string;
  readonly ruleset: Ruleset;
  readonly impactVersion?: string;
}

/**
 * The batch CLI without its Node shell: argument parsing, reading, validation and evaluation, with the
 * file reader and today's date passed in so the whole behaviour is testable and the module stays pure.
 */
export function runEvaluateCli(argv: readonly string[], readFile: ReadTextFile, today: IsoDate, rulesets: readonly Ruleset[] = RULESETS): CliOutcome {
  if (argv.includes('--help') || argv.includes('-h')) return { stdout: `${EVALUATE_USAGE}\n`, stderr: '', exitCode: 0 };
  const options = parseArguments(argv, rulesets);
  if (typeof options === 'string') return usageError(options);

  const read = readJsonFile(options.file, readFile);
  if (!read.ok) return usageError(read.message);
  // A file exported by Stepwise carries the redisclosure notice around the array.
  const data = unwrapNoticeFile(read.data, 'assessments');
  const items: readonly unknown[] = Array.isArray(data) ? data : [data];

  if (options.impactVersion !== undefined) return runImpact(items, options.ruleset, options.impactVersion, today, rulesets);
  const entries = evaluateBatch(items, today, options.ruleset);
  return { stdout: toJson(entries), stderr: '', exitCode: entries.some(isRejected) ? 1 : 0 };
}

function runImpact(items: readonly unknown[], from: Ruleset, targetVersion: string, today: IsoDate, rulesets: readonly Ruleset[]): CliOutcome {
  const stored: StoredRecommendation[] = [];
  const rejected: { index: number; error: AssessmentFieldError }[] = [];
  items.forEach((item, index) => {
    const parsed = parseAssessment(item, today);
    if (!parsed.ok) {
      const [error] = parsed.errors;
      if (error !== undefined) rejected.push({ index, error });
      return;
    }
    const { assessment } = parsed;
    stored.push({ caseId: assessment.id, assessment, storedOutput: evaluateAssessment(assessment, from) });
  });
  const impact = rulesImpact(stored, targetVersion, rulesets);
  if (!impact.ok) return usageError(impact.error.message);
  const report = { fromVersion: from.version, ...impact.value, rejected };
  return { stdout: toJson(report), stderr: '', exitCode: rejected.length > 0 ? 1 : 0 };
}

function parseArguments(argv: readonly string[], rulesets: readonly Ruleset[]): CliOptions | string {
  const files: string[] = [];
  let rulesetVersion = CURRENT_RULESET_VERSION;
  let impactVersion: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--') continue;
    const [flag, inlineValue] = argument.startsWith('--') ? splitFlag(argument) : [undefined, undefined];
    if (flag === undefined) {
      files.push(argument);
      continue;
    }
    const value = inlineValue ?? argv[(index += 1)];
    if (value === undefined || value === '') return `The option ${flag} needs a ruleset version. ${EVALUATE_USAGE}`;
    if (flag === '--ruleset') rulesetVersion = value;
    else if (flag === '--impact') impactVersion = value;
    else return `Unknown option ${flag}. ${EVALUATE_USAGE}`;
  }
  const [file, ...extra] = files;
  if (file === undefined) return `Give the assessments file to evaluate. ${EVALUATE_USAGE}`;
  if (extra.length > 0) return `Give exactly one assessments file (got ${files.length}). ${EVALUATE_USAGE}`;
  const ruleset = getRuleset(rulesetVersion, rulesets);
  if (ruleset === undefined) return `Ruleset version "${rulesetVersion}" is not released; known versions: ${knownVersions(rulesets)}.`;
  if (impactVersion !== undefined && getRuleset(impactVersion, rulesets) === undefined) {
    return `Ruleset version "${impactVersion}" is not released; known versions: ${knownVersions(rulesets)}.`;
  }
  return impactVersion === undefined ? { file, ruleset } : { file, ruleset, impactVersion };
}

function splitFlag(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals === -1 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

function knownVersions(rulesets: readonly Ruleset[]): string {
  return rulesets.map((ruleset) => ruleset.version).join(', ');
}
