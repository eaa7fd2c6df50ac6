import type { IsoDate } from '../domain/dates';
import { parseAssessment, type AssessmentFieldError } from './assessment';
import { evaluateAssessment, evaluateBatch } from './evaluate';
import { rulesImpact, type StoredRecommendation } from './impact';
import { isRejected } from './recommendation';
import { CURRENT_RULESET_VERSION, getRuleset, RULESETS } from './registry';
import type { Ruleset } from './rule';

export interface CliOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** 0 all valid, 1 some item invalid (the others are still reported), 2 nothing could be evaluated. */
  readonly exitCode: 0 | 1 | 2;
}

/** Reads a whole text file; throws (as Node's fs does) when the file cannot be read. */
export type ReadTextFile = (path: string) => string;

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

  let text: string;
  try {
    text = readFile(options.file);
  } catch (error) {
    return usageError(`Cannot read "${options.file}": ${describeReadError(error)}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return usageError(`"${options.file}" is not valid JSON (${oneLine(error)}).`);
  }
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

function usageError(message: string): CliOutcome {
  return { stdout: '', stderr: `${message}\n`, exitCode: 2 };
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'the file does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return READ_ERRORS[code] ?? oneLine(error);
}

/** Error text squeezed onto one line, since stderr carries exactly one line. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
