import { recordExport } from '../../services/disclosuresService';
import { runTrackedJob } from '../../jobs/jobTarget';
import type { HandlerMap } from '../registry';
import { saveAndRecordAtomically } from '../saveAndRecord';

export const exportsHandlers: Pick<HandlerMap, 'exports.save'> = {
  /**
   * Cases, assessments, decisions or episodes of the user's caseload as one file, written here in the main
   * process so the records never pass through the window. Read in one transaction, saved where the person
   * chooses, and a file is saved if and only if it is recorded (saveAndRecordAtomically): the export, and one
   * disclosure per case when it leaves the clinic.
   */
  'exports.save': {
    kind: 'query',
    audit: 'in-handler',
    handle: async ({ jobId, ...input }, ctx) => {
      // Read in one transaction on a worker thread: at 100,000 cases the file takes seconds to build.
      const file = await runTrackedJob(ctx, 'export', input, jobId);
      const counts = { cases: file.caseIds.length, rows: file.rows };
      const record = { kind: file.kind, caseIds: file.caseIds, disclosure: input.disclosure };
      const saved = await saveAndRecordAtomically(
        ctx,
        () => ctx.saveTextFile(file.suggestedName, file.content),
        (db) => recordExport({ ...ctx, db }, record, file.format, file.rows),
      );
      return { ...saved, ...counts };
    },
  },
};
