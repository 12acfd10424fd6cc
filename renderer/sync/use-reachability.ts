import { useEffect } from 'react';
import { deviceClient } from './deps';
import { reportReachability, startReachabilityProbe } from './reachability';
import type { DeviceIdentity } from '../device/identity';
import type { KioskDb } from '../store/db';

/**
 * Keeps the console's status line true between sync runs (reachability.ts) on an enrolled
 * device; nothing in demo mode, where there is no platform. Stopped on unmount.
 */
export function useReachabilityProbe(services: {
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
    void deviceClient(db).then((client) => {
      if (!live || !client) return;
      stop = startReachabilityProbe({
        probe: (signal) => client.ping(signal),
        report: (online) => reportReachability(db, online),
        isOnline: () => navigator.onLine !== false,
        target: window,
      });
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [db, enrolled]);
}
