import Dexie from 'dexie';
import {
  StoredChainHeadSchema,
  parseBridgeRequest,
  type BridgeChannel,
  type BridgeResponse,
  type HostResult,
} from '../../shared/bridge/contract';
import type { RawInvoke } from './host';
import { installIdCardSimulator, webIdRead } from './web-id-reader';
import { createWebLog, type WebLog } from './web-log';
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
 * Web mode has no OS keystore: the sealing key is a non-extractable WebCrypto key kept in a
 * database of its own. Script cannot read it out, but it sits on the same disk as the data, so
 * web mode (demo and tests) does not protect a copied disk image; the desktop host does.
 */
const SEALING_DB = 'credit-commitment-kiosk-web-keystore';
let sealing: Promise<CryptoKey> | undefined;
function sealingKey(): Promise<CryptoKey> {
  sealing ??= (async () => {
    const db = new Dexie(SEALING_DB);
    db.version(1).stores({ keys: '&id' });
    try {
      const stored = (await db.table('keys').get('sealing')) as { key?: unknown } | undefined;
      if (stored?.key instanceof CryptoKey) return stored.key;
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      // Another tab may have stored one first: theirs wins, so both seal alike.
      return await db.transaction('rw', db.table('keys'), async () => {
        const again = (await db.table('keys').get('sealing')) as { key?: unknown } | undefined;
        if (again?.key instanceof CryptoKey) return again.key;
        await db.table('keys').add({ id: 'sealing', key });
        return key;
      });
    } finally {
      db.close();
    }
  })();
  return sealing;
}

const IV_BYTES = 12;

/** Web mode keeps the device's chain head in localStorage: outside IndexedDB, not sealed. */
const chainHeadKey = (deviceId: string) => `credit-kiosk:chain-head:${deviceId}`;

let webLog: WebLog | undefined;
const theWebLog = () => (webLog ??= createWebLog(localStorage));

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
  'chain.head.load': async ({ deviceId }) => {
    const text = localStorage.getItem(chainHeadKey(deviceId));
    if (text === null) return { head: null };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    // An unreadable head is no head: the store is then checked without it.
    const parsed = StoredChainHeadSchema.safeParse(json);
    return { head: parsed.success && parsed.data.deviceId === deviceId ? parsed.data : null };
  },
  'chain.head.save': async (head) => {
    localStorage.setItem(chainHeadKey(head.deviceId), JSON.stringify(head));
    return { saved: true };
  },
  'idReader.read': async ({ photo }) => webIdRead(photo),
  'log.write': async (entry) => ({ written: theWebLog().write(entry) }),
  'log.recent': async ({ maxLines }) => ({ lines: theWebLog().recent(maxLines) }),
};

// Only the web build defines the flag (renderer/vite.config.ts): the desktop build has no hook.
if (import.meta.env.VITE_ID_CARD_SIMULATOR === 'on' && typeof window !== 'undefined') {
  installIdCardSimulator(window);
}

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
