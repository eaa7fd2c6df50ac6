import { recordAuditHead } from '../../audit/auditLog';
import { recordExport } from '../../services/disclosuresService';
import { prepareExport } from '../../services/exportsService';
import type { HandlerMap } from '../registry';

export const exportsHandlers: Pick<HandlerMap, 'exports.save'> = {
  /**
   * Cases, assessments, decisions or episodes of the user's caseload as one file, written here in the main
   * process so the records never pass through the window. Read in one transaction, saved where the person
   * chooses, and only a saved file is recorded: the export, and one disclosure per case when it leaves the clinic.
   */
  'exports.save': {
    kind: 'query',
    audit: 'in-handler',
    handle: async (input, ctx) => {
      const file = await ctx.db.transaction().execute((trx) => prepareExport({ ...ctx, db: trx }, input));
      const counts = { cases: file.caseIds.length, rows: file.rows };
      const saved = await ctx.saveTextFile(file.suggestedName, file.content);
      if (!saved.saved) return { ...saved, ...counts };
      const record = { kind: file.kind, caseIds: file.caseIds, disclosure: input.disclosure };
      await ctx.db.transaction().execute((trx) => recordExport({ ...ctx, db: trx }, record, file.format, file.rows));
      await recordAuditHead(ctx.vault);
      return { ...saved, ...counts };
    },
  },
};
