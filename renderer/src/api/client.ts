import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/contract/result';

/** What the preload exposes; in the end-to-end harness the same shape is bound by Playwright. */
export interface StepwiseBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    readonly stepwise?: StepwiseBridge;
  }
}

const BRIDGE_MISSING: AppError = {
  code: 'unavailable',
  message: 'Stepwise is not connected to its database. Restart the app; if this persists, reinstall it.',
};

type SessionEndedListener = () => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/** Any call that finds no one signed in (signed out, locked, app restarted) tells these listeners. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** The renderer's only way to reach data: typed by the contract, never throws. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const bridge = window.stepwise;
  if (!bridge) return { ok: false, error: BRIDGE_MISSING };
  let result: Result<ChannelOutput<C>>;
  try {
    result = (await bridge.invoke(channel, input)) as Result<ChannelOutput<C>>;
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'The request could not reach Stepwise. Nothing was changed; try again.' } };
  }
  if (!result.ok && result.error.code === 'unauthenticated') for (const listener of [...sessionEndedListeners]) listener();
  return result;
}

/** For data-fetching hooks, which expect a rejected promise on failure. */
export class RequestError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'RequestError';
  }
}

export async function callOrThrow<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await call(channel, input);
  if (!result.ok) throw new RequestError(result.error);
  return result.value;
}
