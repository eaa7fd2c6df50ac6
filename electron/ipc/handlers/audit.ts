import { appendAuditEvent, recordAuditHead, verifyAuditLog, type AuditDetails } from '../../audit/auditLog';
import { actorOf } from '../../services/actor';
import { auditCsv, listAudit } from '../../services/auditService';
import type { HandlerMap } from '../registry';

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
      const saved = await ctx.saveTextFile(`stepwise-audit-log-${ctx.clock.today()}.csv`, csv);
      if (saved.saved) {
        await ctx.db.transaction().execute((trx) =>
          appendAuditEvent(trx, {
            at: ctx.clock.now().toISOString(),
            userId: user.id,
            username: user.username,
            action: 'audit-exported',
            details: { rows },
          }),
        );
        await recordAuditHead(ctx.vault);
      }
      return saved;
    },
  },
};
