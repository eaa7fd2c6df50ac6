import { createBackup, inspectBackup, listBackups, restoreBackup } from '../../services/backupService';
import { refreshStatisticsInBackground } from '../../jobs/backgroundStatistics';
import type { HandlerMap } from '../registry';

// Queries on purpose: a backup (VACUUM INTO) cannot run inside a transaction, and a restore replaces the database the
// transaction would belong to. Each records its own audit event once the file work is done.
export const backupsHandlers: Pick<HandlerMap, 'backups.list' | 'backups.create' | 'backups.inspect' | 'backups.restore'> = {
  'backups.list': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => listBackups(ctx) },
  'backups.create': { kind: 'query', audit: 'in-handler', activity: true, handle: (input, ctx) => createBackup(ctx, 'manual', input.jobId) },
  'backups.inspect': { kind: 'query', audit: 'not-audited', activity: true, handle: (input, ctx) => inspectBackup(ctx, input.name, input.jobId) },
  'backups.restore': {
    kind: 'query',
    audit: 'in-handler',
    activity: true,
    handle: (input, ctx) => restoreBackup(ctx, input.name, input.jobId),
    // The restored records' statistics are the backup's; any that are due are gathered off the event loop.
    afterTransaction: refreshStatisticsInBackground,
  },
};
