import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE_CHANNEL, isChannel } from '../../shared/contract/channels';

/** The renderer's only door to the main process: one function, contract channels only. */
const bridge = Object.freeze({
  invoke: (channel: unknown, input: unknown): Promise<unknown> => {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', message: `Unknown request "${String(channel).slice(0, 80)}". Nothing was changed.` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input);
  },
});

contextBridge.exposeInMainWorld('stepwise', bridge);
