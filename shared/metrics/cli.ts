import { readJsonFile, toJson, usageError, type CliOutcome, type ReadTextFile } from '../cli/jsonFile';
import { unwrapNoticeFile } from '../exports/interchangeFile';
import { computeMetrics } from './computeMetrics';
import { parseEpisodes } from './episodeInterchange';

export const METRICS_USAGE = 'Usage: npm run -s metrics -- <episodes.json>';

const METRICS_HELP = `${METRICS_USAGE}

Reads a JSON array of episodes (interchange format v1, see docs/METRICS.md):
  { "caseId", "level": "inpatient"|"iop"|"outpatient", "start": "YYYY-MM-DD", "end": "YYYY-MM-DD"|null, "endReason": string|null }
or a file exported by Stepwise, which wraps that array as { "notice": "<42 CFR part 2 notice>", "episodes": [...] }
and prints { transitions, lengthOfStay, continuityAfterInpatient, returnToHigherWithin30, dropoutRate } as JSON.

Exit codes:
  0  metrics printed on stdout
  1  invalid episodes: stderr holds one line of JSON, {"errors":[{"index","field","message"}, ...]}
  2  the file is missing, unreadable, not JSON or not an array, or the options are wrong (one line on stderr)
`;

/**
 * The metrics CLI without its Node shell: arguments, reading, validation and the metrics, with the file reader
 * passed in so the whole behaviour is testable and the module stays pure. Invalid input prints no metrics at all:
 * figures over part of the data would look complete and mislead.
 */
export function runMetricsCli(argv: readonly string[], readFile: ReadTextFile): CliOutcome {
  if (argv.includes('--help') || argv.includes('-h')) return { stdout: METRICS_HELP, stderr: '', exitCode: 0 };
  const files = argv.filter((argument) => argument !== '--');
  const option = files.find((argument) => argument.startsWith('-') && argument !== '-');
  if (option !== undefined) return usageError(`Unknown option ${option}. ${METRICS_USAGE}`);
  const [file, ...extra] = files;
  if (file === undefined) return usageError(`Give the episodes file to read. ${METRICS_USAGE}`);
  if (extra.length > 0) return usageError(`Give exactly one episodes file (got ${files.length}). ${METRICS_USAGE}`);

  const read = readJsonFile(file, readFile);
  if (!read.ok) return usageError(read.message);
  // A file exported by Stepwise carries the redisclosure notice around the array.
  const data = unwrapNoticeFile(read.data, 'episodes');
  if (!Array.isArray(data)) return usageError(`"${file}" holds ${describeJson(data)}, not a JSON array of episodes.`);

  const parsed = parseEpisodes(data);
  if (!parsed.ok) return { stdout: '', stderr: `${JSON.stringify({ errors: parsed.errors })}\n`, exitCode: 1 };
  return { stdout: toJson(computeMetrics(parsed.episodes)), stderr: '', exitCode: 0 };
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
