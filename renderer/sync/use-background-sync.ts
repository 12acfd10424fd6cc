import { useEffect } from 'react';
import { deviceSyncDeps } from './deps';
import { startBackgroundSync } from './engine';
import type { DeviceIdentity } from '../device/identity';
import type { KioskDb } from '../store/db';

/** How often an enrolled device syncs by itself while online (and at once when back online). */
export const BACKGROUND_SYNC_INTERVAL_MS = 5 * 60_000;

/**
 * Syncs in the background while the kiosk or the console is open on an enrolled device; nothing
 * in demo mode. One run at a time across tabs (the engine's lock), stopped on unmount.
 */
export function useBackgroundSync(services: {
  readonly db: KioskDb;
  readonly demo: boolean;
  readonly device: DeviceIdentity;
}): void {
  const { db, demo, device } = services;
  const enrolled = !demo && !device.demo;
  useEffect(() => {
    if (!enrolled) return;
    let stop: (() => void) | null = null;
    let live = true;
    void deviceSyncDeps(db).then((deps) => {
      if (live && deps)
        stop = startBackgroundSync(deps, { intervalMs: BACKGROUND_SYNC_INTERVAL_MS });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [db, enrolled]);
}
