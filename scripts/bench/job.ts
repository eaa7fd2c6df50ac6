import type { Measure } from './measure';

export const JOB_NAMES = ['open', 'caseload', 'search', 'metrics', 'rulesImpact', 'import', 'inMemory', 'ui'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What the bench tells a job process: which job, and the reference database with its key. */
export interface JobRequest {
  readonly job: JobName;
  readonly file: string;
  readonly keyHex: string;
  readonly cases: number;
  readonly seed: number;
  readonly today: string;
  /** A folder the job may write into (the import's CSV file and databases). */
  readonly workDir: string;
}

export interface JobReport {
  readonly measures: readonly Measure[];
  readonly peakRssMb: number;
  /** The peak right after the app's path ran (markAppPeak), when the job marked it: what memory.peak judges. */
  readonly appPeakRssMb?: number | null;
  /** V8's heap size when the job ended: it keeps its high-water mark for a while, a hint of what the job held. */
  readonly heapTotalMb: number;
  readonly error?: string;
}

export interface JobContext {
  readonly request: JobRequest;
  readonly key: Buffer;
}

export type Job = (context: JobContext) => Promise<Measure[]>;

export function isJobRequest(value: unknown): value is JobRequest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof JobRequest, unknown>>;
  return (
    typeof candidate.job === 'string' &&
    (JOB_NAMES as readonly string[]).includes(candidate.job) &&
    typeof candidate.file === 'string' &&
    typeof candidate.keyHex === 'string' &&
    typeof candidate.cases === 'number' &&
    typeof candidate.seed === 'number' &&
    typeof candidate.today === 'string' &&
    typeof candidate.workDir === 'string'
  );
}
