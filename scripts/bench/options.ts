import { JOB_NAMES, type JobName } from './job';

export interface BenchOptions {
  /** The caseload sizes to build and measure, smallest first. */
  readonly scales: readonly number[];
  readonly jobs: readonly JobName[];
  readonly seed: number;
  /** The day the reference caseload is generated for. */
  readonly today: string;
  /** Exit with a failure when a bound is missed; the CI run only prints its figures. */
  readonly assert: boolean;
}

export const BENCH_USAGE = `npm run bench [-- --cases 10000,100000] [--ci] [--jobs open,caseload,...] [--seed 2026]
  --cases  caseload sizes to build and measure (default 10000 and 100000; env BENCH_CASES)
  --ci     the reduced run for CI: 10,000 cases, figures printed, bounds not asserted
  --jobs   only these measures: ${JOB_NAMES.join(', ')} (env BENCH_JOBS)`;

const DEFAULT_SCALES = [10_000, 100_000];
export const REFERENCE_SEED = 2026;
export const REFERENCE_DAY = '2026-11-29';

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const valueOf = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const ci = argv.includes('--ci');
  const casesText = valueOf('--cases') ?? env.BENCH_CASES;
  const scales = ci && casesText === undefined ? [10_000] : casesText === undefined ? DEFAULT_SCALES : list(casesText).map(Number);
  if (scales.some((scale) => !Number.isInteger(scale) || scale < 1)) throw new Error(`--cases takes whole numbers above 0.\n${BENCH_USAGE}`);
  const jobsText = valueOf('--jobs') ?? env.BENCH_JOBS;
  const jobs = jobsText === undefined ? [...JOB_NAMES] : list(jobsText);
  const unknown = jobs.filter((job) => !(JOB_NAMES as readonly string[]).includes(job));
  if (unknown.length > 0) throw new Error(`Unknown job ${unknown.join(', ')}.\n${BENCH_USAGE}`);
  const seedText = valueOf('--seed');
  const seed = seedText === undefined ? REFERENCE_SEED : Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`--seed takes a whole number.\n${BENCH_USAGE}`);
  return { scales: [...scales].sort((a, b) => a - b), jobs: jobs as JobName[], seed, today: REFERENCE_DAY, assert: !ci };
}
