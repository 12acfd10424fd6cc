import { createHost, type Host, type RawInvoke } from './host';
import { webInvoke } from './web-host';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent in a plain browser. */
    readonly kioskHost?: { readonly invoke: RawInvoke };
  }
  interface ImportMetaEnv {
    /** 'electron' in the desktop build (electron.vite.config.ts), fixed when it is built. */
    readonly VITE_KIOSK_HOST?: 'electron';
  }
}

/**
 * The desktop build found no preload bridge. It must not fall back to the web host, whose
 * keystore keeps the data key beside the data: the app stops and says so instead.
 */
export class DesktopHostMissingError extends Error {
  constructor() {
    super('the desktop build found no host bridge (the preload did not load)');
    this.name = 'DesktopHostMissingError';
  }
}

/**
 * The host is chosen when the app is built, not guessed at run time: the desktop build only ever
 * talks to Electron's preload (and carries no web host), the web build only to the browser.
 */
export function detectHost(): Host {
  if (import.meta.env.VITE_KIOSK_HOST === 'electron') {
    const bridge = window.kioskHost;
    if (!bridge) throw new DesktopHostMissingError();
    return createHost(bridge.invoke);
  }
  return createHost(webInvoke);
}

export type { Host } from './host';
