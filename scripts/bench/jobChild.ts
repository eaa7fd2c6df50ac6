// One bench job in a process of its own, so its peak memory is its own: the bench sends the request, this answers.
import v8 from 'node:v8';
import { isJobRequest, type Job, type JobName, type JobReport } from './job';
import { appPeakRssMb, peakRssMb } from './measure';

/** Loaded on demand, so a job's process holds only the code that job runs. */
const JOBS: Readonly<Record<JobName, () => Promise<Job>>> = {
  open: async () => (await import('./jobs/openJob')).openJob,
  caseload: async () => (await import('./jobs/caseloadJob')).caseloadJob,
  search: async () => (await import('./jobs/caseloadJob')).searchJob,
  metrics: async () => (await import('./jobs/metricsJob')).metricsJob,
  rulesImpact: async () => (await import('./jobs/rulesImpactJob')).rulesImpactJob,
  import: async () => (await import('./jobs/importJob')).importJob,
  inMemory: async () => (await import('./jobs/inMemoryJob')).inMemoryJob,
  ui: async () => (await import('./jobs/uiJob')).uiJob,
};

function reply(report: JobReport): void {
  process.send?.(report, () => process.exit(0));
}

process.once('message', (message: unknown) => {
  if (!isJobRequest(message)) {
    reply({ measures: [], peakRssMb: peakRssMb(), heapTotalMb: 0, error: 'The bench sent a request this job process does not understand.' });
    return;
  }
  const key = Buffer.from(message.keyHex, 'hex');
  JOBS[message.job]()
    .then((job) => job({ request: message, key }))
    .then((measures) =>
      reply({ measures, peakRssMb: peakRssMb(), appPeakRssMb: appPeakRssMb(), heapTotalMb: v8.getHeapStatistics().total_heap_size / 2 ** 20 }),
    )
    .catch((error: unknown) =>
      reply({ measures: [], peakRssMb: peakRssMb(), heapTotalMb: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
