/**
 * Channel names only, without schemas, so the preload script can check a channel
 * without bundling zod. A unit test keeps this list equal to the contract's keys.
 */
export const CHANNELS = ['app.info', 'app.openExternal', 'cases.list', 'cases.create', 'demo.status', 'demo.load', 'rules.impact'] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** The single Electron IPC channel that carries every contract call. */
export const IPC_INVOKE_CHANNEL = 'stepwise:invoke';
