import type { Job, JobName } from './job';

/** Each job's code, loaded on demand, so a job's process holds only the code that job runs. */
export const JOB_MODULES: Readonly<Record<JobName, () => Promise<Job>>> = {
  open: async () => (await import('./jobs/openJob')).openJob,
  caseload: async () => (await import('./jobs/caseloadJob')).caseloadJob,
  search: async () => (await import('./jobs/caseloadJob')).searchJob,
  metrics: async () => (await import('./jobs/metricsJob')).metricsJob,
  rulesImpact: async () => (await import('./jobs/rulesImpactJob')).rulesImpactJob,
  import: async () => (await import('./jobs/importJob')).importJob,
  inMemory: async () => (await import('./jobs/inMemoryJob')).inMemoryJob,
  ui: async () => (await import('./jobs/uiJob')).uiJob,
};
