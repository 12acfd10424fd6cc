import type { StoredChainHead } from '../../shared/bridge/contract';
import type { Host } from '../host/host';
import type { KioskDb } from './db';

/**
 * The chain head kept outside IndexedDB (by the host: the settings file, or localStorage in web
 * mode). Every append saves the new head after its transaction; the self-check
 * (sync/self-check.ts) compares it with the store, so a store rolled back or cut short is noticed.
 * The store may be ahead of the mirror (a crash between the two writes), never behind it.
 */
export interface HeadMirror {
  load(deviceId: string): Promise<StoredChainHead | null>;
  save(head: StoredChainHead): Promise<void>;
}

const mirrors = new WeakMap<KioskDb, HeadMirror>();

export function attachHeadMirror(db: KioskDb, mirror: HeadMirror): void {
  mirrors.set(db, mirror);
}

export function headMirrorOf(db: KioskDb): HeadMirror | null {
  return mirrors.get(db) ?? null;
}

/** The mirror through the host bridge. A failing host loses no record: it only knows less. */
export function hostHeadMirror(host: Host): HeadMirror {
  // Appends happen one at a time under the chain lock, and each saves here: after the first
  // load, the last head seen in this page is the host's (another window's appends only move it
  // on, which a comparison with the store never mistakes for a rollback).
  const known = new Map<string, StoredChainHead | null>();
  return {
    async load(deviceId) {
      const cached = known.get(deviceId);
      if (cached !== undefined) return cached;
      const answer = await host.invoke('chain.head.load', { deviceId });
      const head = answer.ok ? answer.value.head : null;
      if (answer.ok) known.set(deviceId, head);
      return head;
    },
    async save(head) {
      known.set(head.deviceId, head);
      const answer = await host.invoke('chain.head.save', head);
      if (!answer.ok) known.delete(head.deviceId);
    },
  };
}

/** A mirror held in memory (tests, benchmarks). */
export function memoryHeadMirror(): HeadMirror & { readonly heads: Map<string, StoredChainHead> } {
  const heads = new Map<string, StoredChainHead>();
  return {
    heads,
    load: async (deviceId) => heads.get(deviceId) ?? null,
    save: async (head) => {
      heads.set(head.deviceId, head);
    },
  };
}
