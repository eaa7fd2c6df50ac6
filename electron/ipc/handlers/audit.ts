import { appendAuditEvent, verifyAuditLog, type AuditDetails } from '../../audit/auditLog';
import { actorOf } from '../../services/actor';
import { auditCsv, listAudit } from '../../services/auditService';
import type { HandlerMap } from '../registry';
import { saveAndRecordAtomically } from '../saveAndRecord';

export const auditHandlers: Pick<HandlerMap, 'audit.list' | 'audit.verify' | 'audit.export'> = {
  'audit.list': { kind: 'query', audit: 'not-audited', handle: (input, ctx) => listAudit(ctx, input.filter, input.page, input.pageSize) },
  'audit.verify': {
    kind: 'query',
    audit: {
      action: 'audit-verified',
      record: () => null,
      details: (_input, verdict): AuditDetails =>
        verdict.intact ? { intact: true, events: verdict.events } : { intact: false, firstBrokenRow: verdict.firstBrokenRow },
    },
    handle: async (_input, ctx) => ({ ...(await verifyAuditLog(ctx.db, ctx.vault.keyring()?.audit)), checkedAt: ctx.clock.now().toISOString() }),
  },
  'audit.export': {
    kind: 'query',
    audit: 'in-handler',
    handle: async (input, ctx) => {
      const user = actorOf(ctx);
      const { csv, rows } = await auditCsv(ctx, input.filter);
      // The log leaves like any export: the file is written if and only if its 'audit-exported' event is committed.
      return saveAndRecordAtomically(
        ctx,
        () => ctx.saveTextFile(`stepwise-audit-log-${ctx.clock.today()}.csv`, csv),
        (db) =>
          appendAuditEvent(db, {
            at: ctx.clock.now().toISOString(),
            userId: user.id,
            username: user.username,
            action: 'audit-exported',
            details: { rows },
          }),
      );
    },
  },
};
