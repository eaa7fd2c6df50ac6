import { readFile, stat } from 'node:fs/promises';
import { recordAuditHead } from '../../audit/auditLog';
import { MAX_PACKET_CONTENT_BYTES, openPacket, sealPacket } from '../../packets/packetFile';
import { insertPacketsSent } from '../../repositories/packetsRepository';
import { actorOf } from '../../services/actor';
import { requireKeyring } from '../../services/authService';
import { recordExport } from '../../services/disclosuresService';
import { DomainError } from '../../services/errors';
import { packetsOverview, resolvePacketConflict } from '../../services/packetsOverviewService';
import { buildReviewRequest, importReviewRequest } from '../../services/packetsService';
import { buildSignOff, importSignOff } from '../../services/signOffService';
import type { HandlerContext } from '../handlerContext';
import type { HandlerMap } from '../registry';
import { saveAndRecordAtomically } from '../saveAndRecord';

/** Far above any packet's header and tag; a bigger file is refused before it is read into memory. */
const MAX_PACKET_FILE_BYTES = MAX_PACKET_CONTENT_BYTES + 64 * 1024;

export const packetsHandlers: Pick<
  HandlerMap,
  'packets.exportRequest' | 'packets.import' | 'packets.exportSignOff' | 'packets.overview' | 'packets.resolveConflict'
> = {
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
          await insertPacketsSent(
            db,
            { packetId: content.packetId, kind: 'review-request', inReplyTo: null },
            decisionIds,
            actor.id,
            ctx.clock.now().toISOString(),
          );
        },
      );
      return { ...saved, packetId: content.packetId, decisions: decisionIds.length, cases: caseIds.length };
    },
  },
  /**
   * The sign-off answering a review request imported here: the outcomes the signed-in supervisor gave, sealed and
   * saved like the request (the export recorded with the file, a disclosure per case when it leaves the clinic).
   */
  'packets.exportSignOff': {
    kind: 'query',
    audit: 'in-handler',
    activity: true,
    handle: async (input, ctx) => {
      const actor = actorOf(ctx);
      const source = { installationId: requireKeyring(ctx.vault).databaseId, appVersion: ctx.app.appVersion };
      const built = await ctx.db.transaction().execute((trx) => buildSignOff({ ...ctx, db: trx }, source, input.requestPacketId));
      const { content } = built;
      const bytes = await sealPacket(content, input.passphrase, { kdf: ctx.vault.passwordKdf });
      const decisionIds = content.outcomes.map((outcome) => outcome.decisionId);
      const caseIds = await casesOfDecisions(ctx, decisionIds);
      const saved = await saveAndRecordAtomically(
        ctx,
        () => ctx.saveBinaryFile(`review-sign-off-${ctx.clock.today()}.stepwise-packet`, bytes),
        async (db) => {
          await recordExport({ ...ctx, db }, { kind: 'review-sign-off', caseIds, disclosure: input.disclosure }, 'packet', decisionIds.length);
          await insertPacketsSent(
            db,
            { packetId: content.packetId, kind: 'sign-off', inReplyTo: content.inReplyTo },
            decisionIds,
            actor.id,
            ctx.clock.now().toISOString(),
          );
        },
      );
      const count = (outcome: 'approved' | 'returned') => content.outcomes.filter((item) => item.outcome === outcome).length;
      return {
        ...saved,
        packetId: content.packetId,
        approved: count('approved'),
        returned: count('returned'),
        waiting: built.waiting,
        reviewedByOthers: built.reviewedByOthers,
      };
    },
  },
  /**
   * Opens a packet chosen in the open dialog with the passphrase and applies it in one transaction: a review request
   * (supervisors) joins the review queue; a sign-off applies its outcomes or holds them as conflicts. The key is
   * derived before the transaction opens; any refusal (the file, the passphrase, a replay, a clash) writes nothing.
   */
  'packets.import': {
    kind: 'query',
    audit: 'in-handler',
    activity: true,
    handle: async (input, ctx) => {
      const file = await ctx.chooseFileToOpen('packet');
      if (file === null) return { ...NOTHING_IMPORTED, opened: false };
      const bytes = await readPacketFile(file);
      const opened = await openPacket(bytes, input.passphrase, { appVersion: ctx.app.appVersion });
      if (!opened.ok) {
        const fields = opened.error.field === undefined ? [] : [{ path: opened.error.field, message: opened.error.message }];
        throw new DomainError('invalid_input', `${opened.error.message} Nothing was imported.`, fields);
      }
      const { content } = opened.value;
      const installationId = requireKeyring(ctx.vault).databaseId;
      if (content.kind === 'review-request') {
        if (!actorOf(ctx).roles.includes('supervisor')) {
          throw new DomainError('forbidden', 'This is a review request: a supervisor opens it to review the decisions in it. Nothing was imported.');
        }
        const imported = await ctx.db.transaction().execute((trx) => importReviewRequest({ ...ctx, db: trx }, installationId, content));
        await recordAuditHead(ctx.vault);
        return { ...NOTHING_IMPORTED, ...imported, opened: true, kind: content.kind };
      }
      const applied = await ctx.db.transaction().execute((trx) => importSignOff({ ...ctx, db: trx }, installationId, content));
      await recordAuditHead(ctx.vault);
      return { ...NOTHING_IMPORTED, ...applied, opened: true, kind: content.kind, reviewerName: content.reviewer.displayName };
    },
  },
  'packets.overview': {
    kind: 'query',
    audit: 'not-audited',
    handle: (_input, ctx) => packetsOverview(ctx),
  },
  'packets.resolveConflict': {
    kind: 'query',
    audit: 'in-handler',
    activity: true,
    handle: async (input, ctx) => {
      const resolved = await ctx.db.transaction().execute((trx) => resolvePacketConflict({ ...ctx, db: trx }, input.conflictId, input.resolution));
      await recordAuditHead(ctx.vault);
      return resolved;
    },
  },
};

const NOTHING_IMPORTED = {
  opened: true,
  packetId: null,
  kind: null,
  decisions: 0,
  cases: 0,
  users: 0,
  approved: 0,
  returned: 0,
  alreadyApplied: 0,
  conflicts: 0,
  reviewerName: null,
} as const;

async function casesOfDecisions(ctx: HandlerContext, decisionIds: readonly string[]): Promise<string[]> {
  if (decisionIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('decisions')
    .select('case_id')
    .distinct()
    .where('id', 'in', [...decisionIds])
    .orderBy('case_id')
    .execute();
  return rows.map((row) => row.case_id);
}

/** The chosen file's bytes, or a sentence: it may have gone (a removed USB stick) or be far too big to be a packet. */
async function readPacketFile(file: string): Promise<Buffer> {
  try {
    if ((await stat(file)).size > MAX_PACKET_FILE_BYTES) {
      throw new DomainError('invalid_input', 'The file is larger than any review packet Stepwise opens, so it was not opened.');
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'invalid_input',
      'The packet file could not be read: it may have been moved, or the drive it is on removed. Nothing was imported.',
    );
  }
}
