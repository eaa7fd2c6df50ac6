import { isAllowedExternalUrl } from '../../security/externalLinks';
import { DomainError } from '../../services/errors';
import type { HandlerMap } from '../registry';

export const appHandlers: Pick<HandlerMap, 'app.info' | 'app.openExternal' | 'files.saveText' | 'files.savePdf'> = {
  'app.info': {
    kind: 'query',
    handle: async (_input, ctx) => ({
      ...ctx.app,
      databaseFile: ctx.vault.databaseFile,
      schemaVersion: ctx.vault.database.schemaVersion,
    }),
  },
  'app.openExternal': {
    kind: 'query',
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
  'files.saveText': { kind: 'query', handle: (input, ctx) => ctx.saveTextFile(input.suggestedName, input.content) },
  'files.savePdf': { kind: 'query', handle: (input, ctx) => ctx.saveWindowAsPdf(input.suggestedName) },
};
