import type { KioskDb } from '../store/db';

/**
 * One sync at a time across tabs and windows: the Web Locks API where there is one (the lock is
 * released when its page goes away, so a reload never leaves it held). Without it (Node, tests)
 * one sync per open store object: a reopened store is a new page.
 */
const running = new WeakSet<KioskDb>();
const syncLockName = (db: KioskDb) => `credit-kiosk:sync:${db.name}`;

export type Locked<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

export async function withSyncLock<T>(db: KioskDb, task: () => Promise<T>): Promise<Locked<T>> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) {
    return locks.request(
      syncLockName(db),
      { ifAvailable: true },
      async (lock): Promise<Locked<T>> =>
        lock ? { ran: true, value: await task() } : { ran: false },
    );
  }
  if (running.has(db)) return { ran: false };
  running.add(db);
  try {
    return { ran: true, value: await task() };
  } finally {
    running.delete(db);
  }
}

/** Whether a sync holds the lock now, in this page or another. */
export async function isSyncRunning(db: KioskDb): Promise<boolean> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return running.has(db);
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === syncLockName(db));
}
