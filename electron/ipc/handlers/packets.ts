import { readFile, stat } from 'node:fs/promises';
import { recordAuditHead } from '../../audit/auditLog';
import { MAX_PACKET_CONTENT_BYTES, openPacket, sealPacket } from '../../packets/packetFile';
import { insertPacketsSent } from '../../repositories/packetsRepository';
import { actorOf } from '../../services/actor';
import { requireKeyring } from '../../services/authService';
import { recordExport } from '../../services/disclosuresService';
import { DomainError } from '../../services/errors';
import { buildReviewRequest, importReviewRequest } from '../../services/packetsService';
import type { HandlerMap } from '../registry';
import { saveAndRecordAtomically } from '../saveAndRecord';

/** Far above any packet's header and tag; a bigger file is refused before it is read into memory. */
const MAX_PACKET_FILE_BYTES = MAX_PACKET_CONTENT_BYTES + 64 * 1024;

export const packetsHandlers: Pick<HandlerMap, 'packets.exportRequest' | 'packets.import'> = {
  /**
   * A review request for the chosen submitted decisions (docs/PACKETS.md), sealed with the clinic's passphrase and
   * saved where the person chooses. Like every file leaving Stepwise it is saved if and only if it is recorded: the
   * export in the audit log, the decisions it carried, and a disclosure per case when it leaves the clinic.
   */
  'packets.exportRequest': {
    kind: 'query',
    audit: 'in-handler',
    activity: true,
    handle: async (input, ctx) => {
      const actor = actorOf(ctx);
      const source = { installationId: requireKeyring(ctx.vault).databaseId, appVersion: ctx.app.appVersion };
      const content = await ctx.db.transaction().execute((trx) => buildReviewRequest({ ...ctx, db: trx }, source, input.decisionIds));
      // The packet's key costs what a password's does: the production cost in the app (PACKET_KDF), less in tests.
      const bytes = await sealPacket(content, input.passphrase, { kdf: ctx.vault.passwordKdf });
      const caseIds = content.cases.map((item) => item.id);
      const decisionIds = content.decisions.map((decision) => decision.id);
      const suggestedName = `review-request-${ctx.clock.today()}.stepwise-packet`;
      const saved = await saveAndRecordAtomically(
        ctx,
        () => ctx.saveBinaryFile(suggestedName, bytes),
        async (db) => {
          await recordExport({ ...ctx, db }, { kind: 'review-request', caseIds, disclosure: input.disclosure }, 'packet', decisionIds.length);
          await insertPacketsSent(db, content.packetId, decisionIds, actor.id, ctx.clock.now().toISOString());
        },
      );
      return { ...saved, packetId: content.packetId, decisions: decisionIds.length, cases: caseIds.length };
    },
  },
  /**
   * Opens a packet chosen in the open dialog with the passphrase and writes a review request into this installation
   * in one transaction. The key is derived before the transaction opens; any refusal (the file, the passphrase, a
   * replay, a clash) throws before anything is written.
   */
  'packets.import': {
    kind: 'query',
    audit: 'in-handler',
    activity: true,
    handle: async (input, ctx) => {
      const file = await ctx.chooseFileToOpen('packet');
      if (file === null) return { opened: false, packetId: null, kind: null, decisions: 0, cases: 0, users: 0 };
      const size = (await stat(file)).size;
      if (size > MAX_PACKET_FILE_BYTES)
        throw new DomainError('invalid_input', 'The file is larger than any review packet Stepwise opens, so it was not opened.');
      const bytes = await readFile(file);
      const opened = await openPacket(bytes, input.passphrase, { appVersion: ctx.app.appVersion });
      if (!opened.ok) {
        const fields = opened.error.field === undefined ? [] : [{ path: opened.error.field, message: opened.error.message }];
        throw new DomainError('invalid_input', `${opened.error.message} Nothing was imported.`, fields);
      }
      const { content } = opened.value;
      if (content.kind !== 'review-request') {
        throw new DomainError(
          'conflict',
          'This is a sign-off packet: it answers a review request and is opened on the installation that sent the request. Nothing was imported.',
        );
      }
      const installationId = requireKeyring(ctx.vault).databaseId;
      const imported = await ctx.db.transaction().execute((trx) => importReviewRequest({ ...ctx, db: trx }, installationId, content));
      await recordAuditHead(ctx.vault);
      return { opened: true, kind: content.kind, ...imported };
    },
  },
};
