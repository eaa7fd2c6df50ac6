import type { SessionUser } from '../../shared/contract/auth';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

/** The signed-in user; the registry has already refused calls without one, so this is a guard. */
export function actorOf(ctx: Pick<ServiceContext, 'actor'>): SessionUser {
  if (!ctx.actor) throw new DomainError('unauthenticated', 'Sign in to continue.');
  return ctx.actor;
}
