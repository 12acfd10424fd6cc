import {
  parseBridgeRequest,
  type BridgeChannel,
  type BridgeResponse,
  type HostResult,
} from '../../shared/bridge/contract';
import type { RawInvoke } from './host';
import type { z } from 'zod';
import type { bridgeContract } from '../../shared/bridge/contract';

type Req<C extends BridgeChannel> = z.output<(typeof bridgeContract)[C]['request']>;
type Handlers = { [C in BridgeChannel]: (request: Req<C>) => Promise<BridgeResponse<C>> };

const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });

function download(name: string, mimeType: string, data: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * In web mode the sealing key lives only in this page's memory: data sealed with it cannot be
 * opened after the tab closes, which is the point (no key on disk beside the data).
 */
let sessionKey: Promise<CryptoKey> | undefined;
function sealingKey(): Promise<CryptoKey> {
  sessionKey ??= crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return sessionKey;
}

const IV_BYTES = 12;

const handlers: Handlers = {
  'app.info': async () => ({
    host: 'web',
    appVersion: import.meta.env.VITE_APP_VERSION ?? '0.0.0-web',
    os: navigator.platform || 'web',
    windowMode: location.hash.startsWith('#/counter') ? 'counter' : 'kiosk',
  }),
  'network.status': async () => ({ online: navigator.onLine }),
  'print.listPrinters': async () => ({ printers: [] }),
  'print.pdf': async ({ pdf, title }) => {
    download(`${title}.pdf`, 'application/pdf', pdf);
    return { printed: false, via: 'download' };
  },
  'file.save': async ({ suggestedName, mimeType, data }) => {
    download(suggestedName, mimeType, data);
    return { saved: true };
  },
  'secret.seal': async ({ plaintext }) => {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const body = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await sealingKey(),
        plaintext as BufferSource,
      ),
    );
    const sealed = new Uint8Array(IV_BYTES + body.byteLength);
    sealed.set(iv);
    sealed.set(body, IV_BYTES);
    return { sealed };
  },
  'secret.unseal': async ({ sealed }) => {
    // A copy on a plain ArrayBuffer: WebCrypto refuses views of shared memory.
    const bytes = new Uint8Array(sealed);
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) },
      await sealingKey(),
      bytes.subarray(IV_BYTES),
    );
    return { plaintext: new Uint8Array(plaintext) };
  },
  'kiosk.setLocked': async ({ locked }) => {
    if (locked && !document.fullscreenElement) await document.documentElement.requestFullscreen();
    if (!locked && document.fullscreenElement) await document.exitFullscreen();
    return { locked: Boolean(document.fullscreenElement) };
  },
  'idReader.read': async () => ({ available: false }),
};

/** The browser as a host: what a web page can do, and a clear "no" for the rest. */
export const webInvoke: RawInvoke = async (channel, request) => {
  const checked = parseBridgeRequest(channel, request);
  if (!checked.ok) return checked;
  const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
  try {
    return ok(await handler(checked.value));
  } catch (error) {
    return { ok: false, error: { code: 'failed', detail: String(error) } };
  }
};
