import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** A bound from the issue: below a value, at least a value, and at most so many times the baseline. */
export interface Bound {
  readonly below?: number;
  readonly atLeast?: number;
  readonly ratioAtMost?: number;
}

/** One printed line: the figure, the best raw SQLite or plain JS does on the same data, and the bound it is held to. */
export interface Measure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  /** How many times worse than the baseline: value / baseline for times and sizes, baseline / value for rates. */
  readonly ratio: number | null;
  readonly bound: Bound | null;
  readonly cases: number;
  /** Whether the bound is met; null where there is no bound. */
  readonly met: boolean | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type MeasureInput = Omit<Measure, 'ratio' | 'met' | 'cases'> & { readonly higherIsBetter?: boolean };

export function measure(cases: number, input: MeasureInput): Measure {
  const { higherIsBetter = false, ...fields } = input;
  const ratio =
    fields.baseline === null || fields.baseline === 0 || fields.value === 0
      ? null
      : higherIsBetter
        ? fields.baseline / fields.value
        : fields.value / fields.baseline;
  const bound = fields.bound;
  const met =
    bound === null
      ? null
      : (bound.below === undefined || fields.value < bound.below) &&
        (bound.atLeast === undefined || fields.value >= bound.atLeast) &&
        (bound.ratioAtMost === undefined || (ratio !== null && ratio <= bound.ratioAtMost));
  return {
    name: fields.name,
    value: round(fields.value),
    unit: fields.unit,
    baseline: fields.baseline === null ? null : round(fields.baseline),
    ratio: ratio === null ? null : round(ratio),
    bound,
    cases,
    met,
    ...(fields.detail ? { detail: fields.detail } : {}),
  };
}

export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** Nearest-rank percentile: with few samples the 95th is close to the slowest, which is what a person would notice. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

export const p95 = (samples: readonly number[]): number => percentile(samples, 0.95);

/**
 * The nearest-rank percentile over several requests' samples, each request weighing the same however many runs it
 * had. Pooling the samples instead would weigh each request by its number of runs, and the bench gives slow requests
 * fewer runs (to stay within its time): the slower a request, the less it would count.
 */
export function percentileOfGroups(groups: readonly (readonly number[])[], fraction: number): number {
  const weighted = groups
    .filter((samples) => samples.length > 0)
    .flatMap((samples) => samples.map((value) => ({ value, weight: 1 / samples.length })))
    .sort((a, b) => a.value - b.value);
  const total = weighted.reduce((sum, sample) => sum + sample.weight, 0);
  // A whole request's weight is 1, so a millionth of it absorbs the rounding of sums of thirds and sevenths.
  const reach = fraction * total - 1e-6;
  let cumulative = 0;
  for (const sample of weighted) {
    cumulative += sample.weight;
    if (cumulative >= reach) return sample.value;
  }
  return Number.NaN;
}
export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/**
 * Times work and the longest stretch the event loop was blocked while it ran: for a job that never yields the two
 * are equal, and a window waiting on the main process would freeze that long.
 */
export async function timedWithBlocking<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number; longestBlockMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  // Lets the histogram take its first reading before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const { value, ms } = await timed(work);
  await new Promise((resolve) => setTimeout(resolve, 10));
  histogram.disable();
  return { value, ms, longestBlockMs: histogram.max / 1e6 };
}

/**
 * Peak resident memory of this process so far, in MB. On Linux from VmHWM, the high-water mark of this process's own
 * memory: getrusage's maxRSS would carry over the bench parent's peak, which a spawned child inherits across exec.
 */
export function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to getrusage below.
  }
  return process.resourceUsage().maxRSS / 1024;
}

let appPeak: number | null = null;

/**
 * Records the process's peak memory now, right after the app's own path ran and before the job's diagnostics (raw
 * baselines, breakdowns into parts) hold their own copies: memory.peak judges the app, not the bench.
 */
export function markAppPeak(): void {
  appPeak = peakRssMb();
}

export function appPeakRssMb(): number | null {
  return appPeak;
}
