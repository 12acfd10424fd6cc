import { createHost, type Host, type RawInvoke } from './host';
import { webInvoke } from './web-host';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent in a plain browser. */
    readonly kioskHost?: { readonly invoke: RawInvoke };
  }
}

/** Electron's preload when present, else the browser. Chosen once at start-up. */
export function detectHost(): Host {
  const electron = window.kioskHost;
  return createHost(electron ? electron.invoke : webInvoke);
}

export type { Host } from './host';
