import { useCallback, useEffect, useState } from 'react';
import type { Host } from '../host';

/** Kiosk mode left for maintenance locks itself again after this long without a touch. */
export const RELOCK_AFTER_MS = 5 * 60_000;

const ACTIVITY = ['pointerdown', 'keydown'] as const;

/**
 * Whether maintenance left kiosk mode, and the way back: a lock the staff can press, and a lock
 * that comes by itself once nobody has touched the screen for a while, so a supervisor who walks
 * away does not leave the next applicant a way out of the app.
 */
export function useMaintenanceLock(host: Host) {
  const [unlocked, setUnlocked] = useState(false);

  const lock = useCallback(async () => {
    const result = await host.invoke('kiosk.setLocked', { locked: true });
    if (result.ok) setUnlocked(!result.value.locked);
  }, [host]);

  useEffect(() => {
    if (!unlocked) return;
    let timer = setTimeout(() => void lock(), RELOCK_AFTER_MS);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void lock(), RELOCK_AFTER_MS);
    };
    for (const type of ACTIVITY) window.addEventListener(type, touched, { capture: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touched, { capture: true });
    };
  }, [unlocked, lock]);

  return { unlocked, setUnlocked, lock };
}
