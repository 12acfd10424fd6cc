import { contextBridge, ipcRenderer } from 'electron';
import { isBridgeChannel } from '../../shared/bridge/contract';

// Must match electron/main/ipc.ts; kept literal so the preload bundle stays tiny.
const IPC_CHANNEL = 'kiosk-host:invoke';

// The only thing the page gets: calls to the contract's channels. No ipcRenderer, no Node.
contextBridge.exposeInMainWorld('kioskHost', {
  invoke: (channel: unknown, request: unknown): Promise<unknown> =>
    isBridgeChannel(channel)
      ? ipcRenderer.invoke(IPC_CHANNEL, channel, request)
      : Promise.resolve({
          ok: false,
          error: { code: 'invalid-request', detail: 'unknown channel' },
        }),
});
