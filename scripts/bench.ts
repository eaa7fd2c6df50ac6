// The benchmark suite (docs/BENCHMARKS.md): builds the reference database at each size, runs every job in a process
// of its own against it, and prints one JSON line per measure plus one line of machine facts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReferenceDatabase } from './bench/buildReference';
import type { JobName, JobReport, JobRequest } from './bench/job';
import { machineFacts } from './bench/machine';
import { measure, type Measure } from './bench/measure';
import { bundleJobChild } from './bench/bundleJobs';
import { BENCH_USAGE, parseBenchOptions } from './bench/options';

/** Jobs that stand for work the main process does on the database; their peak memory is the main process's. */
const MAIN_PROCESS_JOBS: readonly JobName[] = ['open', 'caseload', 'search', 'metrics', 'rulesImpact', 'import'];

function runJob(jobChild: string, request: JobRequest): Promise<JobReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [jobChild], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: JobReport | null = null;
    child.on('message', (message) => {
      report = message as JobReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (report) resolve(report);
      else reject(new Error(`The ${request.job} job ended (exit code ${code}) without reporting.`));
    });
    child.send(request);
  });
}

const print = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.error(BENCH_USAGE);
    return 0;
  }
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const started = performance.now();
  print(machineFacts());
  const lines: Measure[] = [];
  const failures: string[] = [];
  if (!fs.existsSync(path.resolve('out/main/jobWorker.js'))) {
    console.error('The app is not built: out/main/jobWorker.js is missing. Run "npm run build" first ("npm run bench" does).');
    return 1;
  }
  const jobChild = await bundleJobChild();
  // The in-memory benches do not depend on the caseload's size: they run once, with the largest.
  const largest = options.scales.at(-1);
  for (const cases of options.scales) {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `stepwise-bench-${cases}-`));
    try {
      console.error(`bench: building the reference database of ${cases.toLocaleString('en-US')} cases in ${workDir}`);
      const reference = buildReferenceDatabase(workDir, cases, options.seed, options.today);
      print(reference.line);
      const peaks: Partial<Record<JobName, { peakRssMb: number; heapTotalMb: number; appPeakRssMb?: number }>> = {};
      for (const job of options.jobs.filter((name) => name !== 'inMemory' || cases === largest)) {
        const jobStarted = performance.now();
        const report = await runJob(jobChild, {
          job,
          file: reference.file,
          keyHex: reference.key.toString('hex'),
          cases,
          seed: options.seed,
          today: options.today,
          workDir,
        });
        if (report.error) failures.push(`${job} at ${cases} cases: ${report.error}`);
        for (const line of report.measures) {
          print(line);
          lines.push(line);
        }
        const appPeak = report.appPeakRssMb ?? null;
        peaks[job] = {
          peakRssMb: Math.round(report.peakRssMb),
          heapTotalMb: Math.round(report.heapTotalMb),
          ...(appPeak === null ? {} : { appPeakRssMb: Math.round(appPeak) }),
        };
        console.error(`bench: ${job} at ${cases.toLocaleString('en-US')} cases took ${Math.round((performance.now() - jobStarted) / 1000)} s`);
      }
      // The app's own peak where the job marked it (before its diagnostics), else the job's whole peak.
      const measured = MAIN_PROCESS_JOBS.flatMap((job) => {
        const peak = peaks[job];
        return peak ? [[job, peak.appPeakRssMb ?? peak.peakRssMb] as const] : [];
      });
      if (measured.length > 0) {
        const [worstJob, worst] = measured.reduce((a, b) => (b[1] > a[1] ? b : a));
        const memory = measure(cases, {
          name: 'memory.peak',
          value: worst,
          unit: 'MB',
          baseline: peaks.open?.peakRssMb ?? null,
          bound: { below: 300 },
          detail: { worstJob, byJob: peaks },
        });
        print(memory);
        lines.push(memory);
      }
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }
  const missed = lines.filter((line) => line.met === false);
  console.error(
    `Bench finished in ${Math.round((performance.now() - started) / 1000)} s: ${lines.filter((line) => line.met === true).length} bounds met, ${missed.length} missed${
      missed.length > 0 ? ` (${missed.map((line) => `${line.name}@${line.cases}`).join(', ')})` : ''
    }.`,
  );
  for (const failure of failures) console.error(`Job failed: ${failure}`);
  if (failures.length > 0) return 1;
  return options.assert && missed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
