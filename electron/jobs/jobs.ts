import type { MetricsReport } from '../../shared/contract/reports';
import type { RulesImpactReport } from '../../shared/contract/rules';
import type { ServiceContext } from '../services/context';
import type { ExportRecordsRequest } from '../../shared/contract/exports';
import { prepareExport, type PreparedExport } from '../services/exportsService';
import { metricsReport, type MetricsReportRequest } from '../services/reportsService';
import { reviewRulesImpact } from '../services/rulesService';

/**
 * The long jobs that run on a worker thread with a connection of their own (docs/BENCHMARKS.md, issue 11): each
 * can take well over 50 ms at 100,000 cases, and better-sqlite3 is synchronous, so on the main process's event
 * loop it would freeze the window. Each is a read of the database by an existing service, run unchanged in one
 * read transaction, so what it reads is one consistent snapshot.
 */
export interface JobTypes {
  'rules-impact': { input: { readonly targetVersion: string }; output: RulesImpactReport };
  metrics: { input: MetricsReportRequest; output: MetricsReport };
  export: { input: ExportRecordsRequest; output: PreparedExport };
}
export type JobKind = keyof JobTypes;
export type JobInput<K extends JobKind> = JobTypes[K]['input'];
export type JobOutput<K extends JobKind> = JobTypes[K]['output'];

/** What a job may use: the database (read-only, one transaction), and the clock and person of the call that started it. */
export type JobContext = Pick<ServiceContext, 'db' | 'clock' | 'actor' | 'sessionId'>;

type JobTable = { readonly [K in JobKind]: (ctx: JobContext, input: JobInput<K>) => Promise<JobOutput<K>> };

export const JOBS: JobTable = {
  'rules-impact': (ctx, input) => reviewRulesImpact(ctx, input.targetVersion),
  metrics: (ctx, input) => metricsReport(ctx, input),
  export: (ctx, input) => prepareExport(ctx, input),
};

export function isJobKind(value: unknown): value is JobKind {
  return typeof value === 'string' && Object.hasOwn(JOBS, value);
}
