import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { isAllowedExternalUrl } from '../../security/externalLinks';
import { checkExportCases, recordExport, type ExportRecord } from '../../services/disclosuresService';
import { DomainError, invalidField } from '../../services/errors';
import type { HandlerContext, SavedFile } from '../handlerContext';
import type { HandlerMap } from '../registry';
import { saveAndRecordAtomically } from '../saveAndRecord';

/**
 * A file the window made (a CSV, the case review as PDF): the cases it names are checked first, then the file is
 * written and recorded (and, when it leaves the clinic, entered in the disclosure log) together or not at all.
 */
async function saveAndRecord(ctx: HandlerContext, record: ExportRecord, format: 'csv' | 'pdf', save: () => Promise<SavedFile>): Promise<SavedFile> {
  await checkExportCases(ctx, record);
  return saveAndRecordAtomically(ctx, save, (db) => recordExport({ ...ctx, db }, record, format));
}

/** A file about one patient names that case: a clinician's attempt to export another's case is refused and recorded. */
const caseOfExport = async (input: { record: { caseIds: readonly string[] } }) => input.record.caseIds[0];

export const appHandlers: Pick<HandlerMap, 'app.info' | 'app.openExternal' | 'files.saveText' | 'files.savePdf'> = {
  'app.info': {
    kind: 'query',
    audit: 'not-audited',
    handle: async (_input, ctx) => ({
      ...ctx.app,
      databaseFile: ctx.vault.databaseFile,
      schemaVersion: ctx.vault.database.schemaVersion,
    }),
  },
  'app.openExternal': {
    kind: 'query',
    audit: 'not-audited',
    handle: async (input, ctx) => {
      if (!isAllowedExternalUrl(input.url)) {
        throw new DomainError('forbidden', 'Stepwise opens only https links to a short list of public reference sites; this link was blocked.', [
          { path: 'url', message: 'This address is not on the list of sites Stepwise may open.' },
        ]);
      }
      await ctx.openInSystemBrowser(input.url);
      return { opened: true };
    },
  },
  'files.saveText': {
    kind: 'query',
    audit: 'in-handler',
    caseOf: caseOfExport,
    handle: async (input, ctx) => {
      // The main process does not trust the window to have added it: a file without the notice is not written.
      if (!input.content.includes(REDISCLOSURE_NOTICE)) {
        throw invalidField('content', 'The file lacks the 42 CFR part 2 redisclosure notice, so it was not saved.');
      }
      return saveAndRecord(ctx, input.record, 'csv', () => ctx.saveTextFile(input.suggestedName, input.content));
    },
  },
  // The shell adds the redisclosure notice to the foot of every PDF page.
  'files.savePdf': {
    kind: 'query',
    audit: 'in-handler',
    caseOf: caseOfExport,
    handle: (input, ctx) => saveAndRecord(ctx, input.record, 'pdf', () => ctx.saveWindowAsPdf(input.suggestedName)),
  },
};
