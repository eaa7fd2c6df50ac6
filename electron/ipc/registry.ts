import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/contract';
import type { Access } from '../../shared/contract/access';
import type { SessionUser } from '../../shared/contract/auth';
import { hasAnyRole } from '../../shared/domain/roles';
import type { AppError, FieldError, Result } from '../../shared/contract/result';
import { describeError, type Logger } from '../log/logger';
import { loadSessionUser } from '../repositories/usersRepository';
import { DomainError } from '../services/errors';
import type { HandlerContext } from './handlerContext';

export type HandlerKind = 'query' | 'command';

export interface HandlerSpec<C extends Channel> {
  /** Commands run inside one database transaction: all of their writes land, or none. */
  readonly kind: HandlerKind;
  readonly handle: (input: ParsedInput<C>, ctx: HandlerContext) => Promise<ChannelOutput<C>>;
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

/** The one place where IPC input is parsed, transactions opened and errors turned into results. */
export function createRegistry(options: RegistryOptions): Registry {
  const { handlers, context, logger } = options;

  /** Re-read on every call, so a deactivation or a change of roles takes effect at once. */
  async function currentUser(): Promise<SessionUser | null> {
    const signedIn = context.session.user;
    if (!signedIn) return null;
    if (!context.vault.isOpen) {
      context.session.end();
      return null;
    }
    const fresh = await loadSessionUser(context.vault.database.db, signedIn.id);
    if (fresh) context.session.begin(fresh);
    else context.session.end();
    return fresh;
  }

  async function run<C extends Channel>(channel: C, input: unknown): Promise<Result<unknown>> {
    const spec = contract[channel];
    const user = await currentUser();
    const denied = accessProblem(spec.access, user);
    if (denied) return { ok: false, error: denied };
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const fields = fieldErrorsFromZod(parsed.error);
      const first = fields[0];
      const message = first ? describeFieldError(first, fields.length) : 'The request was not valid.';
      return { ok: false, error: { code: 'invalid_input', message, fields } };
    }
    const handler = handlers[channel] as HandlerSpec<C>;
    // The database is whatever the vault has open for this call; locked, any use of it is refused.
    const callContext: HandlerContext = { ...context, db: context.vault.isOpen ? context.vault.database.db : context.db, actor: user };
    const value =
      handler.kind === 'command'
        ? await callContext.db.transaction().execute((trx) => handler.handle(parsed.data as ParsedInput<C>, { ...callContext, db: trx }))
        : await handler.handle(parsed.data as ParsedInput<C>, callContext);
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
      try {
        return await run(channel, input);
      } catch (error) {
        if (error instanceof DomainError) {
          return { ok: false, error: { code: error.code, message: error.message, fields: error.fields } };
        }
        logger.error('Request failed', { channel, ...describeError(error) });
        return { ok: false, error: INTERNAL_ERROR };
      }
    },
  };
}

/** Checked before the input is even parsed, so a caller without access learns nothing about the channel. */
function accessProblem(access: Access, user: SessionUser | null): AppError | undefined {
  if (access === 'public') return undefined;
  if (!user) return { code: 'unauthenticated', message: 'Sign in to continue. Nothing was changed.' };
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
