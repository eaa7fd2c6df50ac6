import { cancelImport, checkImport, closeImport, commitImport, importProgress, importReportCsv, openImport } from '../../services/importService';
import { checkpointInBackground } from '../../jobs/backgroundCheckpoint';
import { refreshStatisticsInBackground } from '../../jobs/backgroundStatistics';
import { recordExport } from '../../services/disclosuresService';
import type { HandlerMap } from '../registry';
import { saveAndRecordAtomically } from '../saveAndRecord';

export const importsHandlers: Pick<
  HandlerMap,
  'imports.open' | 'imports.check' | 'imports.commit' | 'imports.progress' | 'imports.cancel' | 'imports.saveReport' | 'imports.close'
> = {
  // Reading a file writes nothing; what the file holds is recorded only when it is imported.
  'imports.open': {
    kind: 'query',
    audit: 'not-audited',
    activity: true,
    handle: async (input, ctx) => {
      const file = await ctx.chooseFileToImport();
      if (file === null) return { cancelled: true as const };
      return openImport(ctx, input.kind, file);
    },
  },
  'imports.check': { kind: 'query', audit: 'not-audited', activity: true, handle: (input, ctx) => checkImport(ctx, input) },
  // Checked again and written in one transaction on a worker thread, which audits it there (electron/import/importJobs.ts).
  'imports.commit': {
    kind: 'worker-command',
    handle: (input, ctx) => commitImport(ctx, input),
    // A large import holds the connections' automatic checkpoints and leaves the planner's statistics behind its
    // tables: workers copy the log, then gather the statistics (issue 11). The checkpoint's connection, open first,
    // keeps a lock meanwhile from copying the log on the main thread as the last connection closes.
    afterTransaction: (ctx, logger) => refreshStatisticsInBackground(ctx, logger, checkpointInBackground(ctx, logger)),
    audit: 'in-handler',
  },
  'imports.progress': {
    kind: 'query',
    audit: 'not-audited',
    sessionOnly: true,
    activity: true,
    handle: async (input, ctx) => importProgress(ctx, input.importId),
  },
  'imports.cancel': {
    kind: 'query',
    audit: 'not-audited',
    sessionOnly: true,
    activity: true,
    handle: async (input, ctx) => cancelImport(ctx, input.importId),
  },
  'imports.close': {
    kind: 'query',
    audit: 'not-audited',
    sessionOnly: true,
    handle: async (input, ctx) => {
      closeImport(ctx, input.importId);
      return { done: true as const };
    },
  },
  // The report quotes the file's cells, which may name patients: it leaves like any export, notice, audit and all.
  'imports.saveReport': {
    kind: 'query',
    audit: 'in-handler',
    handle: async (input, ctx) => {
      const { content, suggestedName } = importReportCsv(ctx, input.importId);
      const record = { kind: 'import-report' as const, caseIds: [], disclosure: input.disclosure };
      return saveAndRecordAtomically(
        ctx,
        () => ctx.saveTextFile(suggestedName, content),
        (db) => recordExport({ ...ctx, db }, record, 'csv'),
      );
    },
  },
};
