import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/contract';
import type { Access } from '../../shared/contract/access';
import type { AuditAction } from '../../shared/contract/audit';
import type { SessionUser } from '../../shared/contract/auth';
import { hasAnyRole } from '../../shared/domain/roles';
import type { AppError, FieldError, Result } from '../../shared/contract/result';
import { appendAuditEvent, recordAuditHead, type AuditDetails } from '../audit/auditLog';
import { withRecords } from '../backup/restoreInProgress';
import { stopStatistics } from '../jobs/backgroundStatistics';
import { JobFailedError } from '../jobs/jobRunner';
import { describeError, scrubMessage, type Logger } from '../log/logger';
import { packStaleSpanBlocks } from '../repositories/spanBlocks';
import { loadSessionUser } from '../repositories/usersRepository';
import { caseAccessBasis, OUTSIDE_CASELOAD_MESSAGE } from '../services/caseAccess';
import { DomainError } from '../services/errors';
import type { HandlerContext } from './handlerContext';
import { endSession, idleTooLong } from './sessionLock';

/**
 * A query runs as it is; a command inside one database transaction on the main connection; a worker command's one
 * transaction runs on a worker's connection (a job that writes, the import), while the registry holds the main
 * connection so no other call reads or writes through it meanwhile, and it audits itself in that transaction.
 */
export type HandlerKind = 'query' | 'command' | 'worker-command';

export interface AuditedRecord {
  readonly type: string;
  readonly id: string;
}

/** What the audit log records when a call succeeds. Ids and short codes only, never the record's contents. */
export interface AuditSpec<C extends Channel> {
  readonly action: AuditAction;
  readonly record: (input: ParsedInput<C>, output: ChannelOutput<C>) => AuditedRecord | null;
  readonly details?: (input: ParsedInput<C>, output: ChannelOutput<C>) => AuditDetails;
}

export interface HandlerSpec<C extends Channel> {
  /** Commands (and worker commands) run inside one database transaction: all of their writes land, or none. */
  readonly kind: HandlerKind;
  readonly handle: (input: ParsedInput<C>, ctx: HandlerContext) => Promise<ChannelOutput<C>>;
  /**
   * Every channel says how it is audited: a spec the registry records (in the command's own transaction),
   * 'in-handler' for the few that record themselves (sign-in, exports), or 'not-audited' for calls that open
   * no patient record and change nothing.
   */
  readonly audit: AuditSpec<C> | 'in-handler' | 'not-audited';
  /**
   * Ends the session (lock, sign-out): background work on the database is asked to stop before the call waits for
   * the connection, which that work may hold (the planner statistics' job).
   */
  readonly endsSession?: boolean;
  /** For calls about one case: which case, so a clinician's access is checked before anything runs. */
  readonly caseOf?: (input: ParsedInput<C>, ctx: HandlerContext) => Promise<string | undefined>;
  /** Whether a call counts as the person being active (keeps the session from locking); commands always do. */
  readonly activity?: boolean;
  /**
   * Answered from the signed-in session without reading the database: an import's progress and Cancel must get
   * through while the import's transaction holds the database connection.
   */
  readonly sessionOnly?: boolean;
  /**
   * Work to start once the call has ended, succeeded or not (a command's or worker command's transaction committed or
   * rolled back): a background checkpoint, the planner's statistics after a sign-in.
   */
  readonly afterTransaction?: (ctx: HandlerContext, logger: Logger) => Promise<void>;
}

export type HandlerMap = { readonly [C in Channel]: HandlerSpec<C> };

export interface Registry {
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

export interface RegistryOptions {
  readonly handlers: HandlerMap;
  readonly context: HandlerContext;
  readonly logger: Logger;
}

/** A call slower than this is logged (issue 11): interactive calls should stay well under it. */
export const SLOW_CALL_MS = 100;

const INTERNAL_ERROR: AppError = {
  code: 'internal',
  message: 'Stepwise could not complete this action and nothing was changed. The details were written to the log file.',
};

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

/** The one place where IPC input is parsed, access checked, transactions opened, calls audited and errors turned into results. */
export function createRegistry(options: RegistryOptions): Registry {
  const { handlers, context, logger } = options;
  const { session, vault, clock } = context;
  for (const [channel, handler] of Object.entries(handlers) as [Channel, HandlerSpec<Channel>][]) {
    // The registry's audit entry would land in a transaction of its own, after the worker's: not one action, one transaction.
    if (handler.kind === 'worker-command' && handler.audit !== 'in-handler')
      throw new Error(`The worker command ${channel} must audit in its own transaction ('in-handler')`);
  }

  /** Re-read on every call, so a deactivation or a change of roles takes effect at once. */
  async function currentUser(): Promise<SessionUser | null> {
    const signedIn = session.user;
    if (!signedIn) return null;
    if (!vault.isOpen) {
      session.end();
      return null;
    }
    const fresh = await loadSessionUser(vault.database.db, signedIn.id);
    if (fresh) session.refresh(fresh);
    else session.end();
    return fresh;
  }

  async function audit(
    user: SessionUser,
    action: AuditAction,
    record: AuditedRecord | null,
    details: AuditDetails,
    outcome: 'ok' | 'denied',
  ): Promise<void> {
    await vault.database.db.transaction().execute((trx) =>
      appendAuditEvent(trx, {
        at: clock.now().toISOString(),
        userId: user.id,
        username: user.username,
        action,
        recordType: record?.type ?? null,
        recordId: record?.id ?? null,
        outcome,
        details,
      }),
    );
    await recordAuditHead(vault);
  }

  async function run<C extends Channel>(channel: C, input: unknown): Promise<Result<unknown>> {
    const spec = contract[channel];
    const handler = handlers[channel] as HandlerSpec<C>;
    if (idleTooLong(session, clock)) {
      const minutes = session.autoLockMinutes;
      await endSession({ vault, session, clock, imports: context.imports }, 'inactivity');
      // A public call (the status, a new sign-in) goes on with nobody signed in; any other is refused.
      if (spec.access !== 'public') {
        const message = `Stepwise locked after ${minutes} minute${minutes === 1 ? '' : 's'} without activity. Sign in again.`;
        return { ok: false, error: { code: 'unauthenticated', message } };
      }
    }
    // Only for a call that will end the session (someone is signed in, the input is valid): a refused one stops nothing.
    if (handler.endsSession === true && session.user && spec.input.safeParse(input).success) stopStatistics(vault);
    const user = handler.sessionOnly === true ? (vault.isOpen ? session.user : null) : await currentUser();
    const denied = accessProblem(spec.access, user);
    if (denied) {
      if (user && denied.code === 'forbidden') await audit(user, 'access-denied', { type: 'channel', id: channel }, {}, 'denied');
      return { ok: false, error: denied };
    }
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const fields = fieldErrorsFromZod(parsed.error);
      const first = fields[0];
      const message = first ? describeFieldError(first, fields.length) : 'The request was not valid.';
      return { ok: false, error: { code: 'invalid_input', message, fields } };
    }
    const data = parsed.data as ParsedInput<C>;
    // The database is whatever the vault has open for this call; locked, any use of it is refused.
    const database = vault.isOpen ? vault.database : null;
    const callContext: HandlerContext = {
      ...context,
      db: database ? database.db : context.db,
      actor: user,
      ...(user ? { sessionId: session.id } : {}),
    };
    if (user && handler.caseOf) {
      const caseId = await handler.caseOf(data, callContext);
      if (caseId !== undefined && (await caseAccessBasis(callContext, caseId)) === null) {
        await audit(user, 'access-denied', { type: 'case', id: caseId }, { channel }, 'denied');
        return { ok: false, error: { code: 'forbidden', message: OUTSIDE_CASELOAD_MESSAGE } };
      }
    }
    const auditSpec = typeof handler.audit === 'object' ? handler.audit : null;
    const record = async (db: HandlerContext['db'], output: ChannelOutput<C>): Promise<void> => {
      if (!auditSpec || !user) return;
      const target = auditSpec.record(data, output);
      await appendAuditEvent(db, {
        at: clock.now().toISOString(),
        userId: user.id,
        username: user.username,
        action: auditSpec.action,
        recordType: target?.type ?? null,
        recordId: target?.id ?? null,
        details: auditSpec.details?.(data, output) ?? {},
      });
    };
    const value =
      handler.kind === 'command'
        ? await callContext.db
            .transaction()
            .execute(async (trx) => {
              const output = await handler.handle(data, { ...callContext, db: trx });
              await record(trx, output);
              // Any care change made in this transaction leaves its spans packed for the metrics report.
              if (database) packStaleSpanBlocks(database.sqlite);
              return output;
            })
            .finally(() => startAfterTransaction(handler, callContext, logger))
        : handler.kind === 'worker-command'
          ? await callContext.db
              .connection()
              .execute((held) => handler.handle(data, { ...callContext, db: held }))
              .finally(() => startAfterTransaction(handler, callContext, logger))
          : await handler.handle(data, callContext).finally(() => startAfterTransaction(handler, callContext, logger));
    if (handler.kind === 'query' && auditSpec) await callContext.db.transaction().execute((trx) => record(trx, value));
    if (user && (handler.kind !== 'query' || handler.activity === true)) session.touch();
    if (auditSpec || handler.kind === 'worker-command') await recordAuditHead(vault);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      logger.error('Handler returned output that breaks the contract', { channel, issues: fieldErrorsFromZod(checked.error) });
      return { ok: false, error: INTERNAL_ERROR };
    }
    return { ok: true, value: checked.data };
  }

  return {
    async invoke(channel, input) {
      if (!isChannel(channel)) {
        return {
          ok: false,
          error: { code: 'unknown_channel', message: `Unknown request "${String(channel).slice(0, 80)}". Nothing was changed.` },
        };
      }
      const started = performance.now();
      try {
        // A call that reads the records waits for a restore replacing them (its worker prepares the copy for seconds)
        // and then runs on the restored database, and a restore waits for the calls under way; one answered from the
        // session alone (a job's progress) does neither.
        const sessionOnly = (handlers[channel] as HandlerSpec<typeof channel>).sessionOnly === true;
        return await (sessionOnly ? run(channel, input) : withRecords(vault, () => run(channel, input)));
      } catch (error) {
        if (error instanceof DomainError) {
          if (error.cause !== undefined) {
            const job = error.cause instanceof JobFailedError ? { job: error.cause.detail } : {};
            logger.warn('Request refused', { channel, message: scrubMessage(error.message), ...describeError(error.cause), ...job });
          }
          return { ok: false, error: { code: error.code, message: error.message, fields: error.fields } };
        }
        // A job's own failure, as its worker described it (scrubbed there): where it failed, and its code.
        const job = error instanceof JobFailedError ? { job: error.detail } : {};
        logger.error('Request failed', { channel, ...describeError(error), ...job });
        return { ok: false, error: INTERNAL_ERROR };
      } finally {
        // The channel and the time only, never the input or output: a slow call is a lead, not a record.
        const ms = performance.now() - started;
        if (ms > SLOW_CALL_MS) logger.warn('Slow IPC call', { channel, ms: Math.round(ms) });
      }
    },
  };
}

/** Starts a handler's after-transaction work without waiting for it; whatever it throws is logged, never the caller's. */
function startAfterTransaction<C extends Channel>(handler: HandlerSpec<C>, ctx: HandlerContext, logger: Logger): void {
  const after = handler.afterTransaction;
  if (!after) return;
  Promise.resolve()
    .then(() => after(ctx, logger))
    .catch((error: unknown) => logger.warn('Work after a transaction failed', describeError(error)));
}

/** Checked before the input is even parsed, so a caller without access learns nothing about the channel. */
function accessProblem(access: Access, user: SessionUser | null): AppError | undefined {
  if (access === 'public') return undefined;
  if (!user) return { code: 'unauthenticated', message: 'Stepwise is locked. Sign in to continue. Nothing was changed.' };
  if (access === 'signed-in') return undefined;
  // A temporary password opens only the door to choosing a new one.
  if (user.mustChangePassword) return { code: 'forbidden', message: 'Choose a new password before continuing.' };
  if (hasAnyRole(user.roles, access)) return undefined;
  return { code: 'forbidden', message: 'Your role does not allow this action. Nothing was changed.' };
}

function describeFieldError(first: FieldError, count: number): string {
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
  return `${first.message} [${first.path}]${more} Nothing was changed.`;
}
