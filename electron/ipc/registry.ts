import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/contract';
import type { AppError, FieldError, Result } from '../../shared/contract/result';
import { describeError, type Logger } from '../log/logger';
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

  async function run<C extends Channel>(channel: C, input: unknown): Promise<Result<unknown>> {
    const spec = contract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const fields = fieldErrorsFromZod(parsed.error);
      const first = fields[0];
      const message = first ? describeFieldError(first, fields.length) : 'The request was not valid.';
      return { ok: false, error: { code: 'invalid_input', message, fields } };
    }
    const handler = handlers[channel] as HandlerSpec<C>;
    const value =
      handler.kind === 'command'
        ? await context.db.transaction().execute((trx) => handler.handle(parsed.data as ParsedInput<C>, { ...context, db: trx }))
        : await handler.handle(parsed.data as ParsedInput<C>, context);
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

function describeFieldError(first: FieldError, count: number): string {
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
  return `${first.message} [${first.path}]${more} Nothing was changed.`;
}
