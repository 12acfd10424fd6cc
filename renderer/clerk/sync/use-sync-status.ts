import { useEffect, useState } from 'react';
import type { KioskDb } from '../../store/db';
import { loadSyncStatus, subscribeSyncStatus, type SyncStatus } from '../../sync/status';

/** The sync status as every tab sees it: the stored one first, then each change as announced. */
export function useSyncStatus(db: KioskDb): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribeSyncStatus(db, (next) => {
      if (live) setStatus(next);
    });
    void loadSyncStatus(db).then((stored) => {
      // An announcement that arrived meanwhile is newer than what was read.
      if (live) setStatus((current) => current ?? stored);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [db]);
  return status;
}
