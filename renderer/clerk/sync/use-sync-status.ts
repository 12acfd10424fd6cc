import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'react';
import type { KioskDb } from '../../store/db';
import { pendingCount } from '../../sync/push';
import { loadSyncStatus, subscribeSyncStatus, type SyncStatus } from '../../sync/status';

/**
 * The sync status as every tab sees it: the stored one first, then each change as announced. What
 * waits to be sent is counted live, since records, audits and receipts imports change it between
 * runs.
 */
export function useSyncStatus(db: KioskDb): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribeSyncStatus(db, (next) => {
      if (live) setStatus(next);
    });
    void loadSyncStatus(db).then((stored) => {
      // An announcement that arrived meanwhile is newer than what was read.
      if (live) setStatus((current) => current ?? stored);
    });
    const counted = liveQuery(() => pendingCount({ db })).subscribe({
      next: (n) => {
        if (live) setPending(n);
      },
      // A closed store: the stored count stands.
      error: () => undefined,
    });
    return () => {
      live = false;
      unsubscribe();
      counted.unsubscribe();
    };
  }, [db]);
  return useMemo(
    () => (status && pending !== null ? { ...status, pending } : status),
    [status, pending],
  );
}
