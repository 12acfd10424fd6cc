import { z } from 'zod';
import type { KioskDb } from '../store/db';
import { readMeta, SyncStatusSchema, writeMeta } from '../store/meta';

export { SYNC_PHASES, SyncStatusSchema, type SyncPhase } from '../store/meta';

/**
 * What the clerk sees of sync: stored in meta (so a new tab starts from the last known state) and
 * announced on a BroadcastChannel (so every tab and window of the app follows the one running sync).
 */

export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const INITIAL_STATUS: SyncStatus = {
  online: true,
  running: false,
  phase: 'idle',
  progress: { done: 0, total: 0 },
  pending: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  clockSkewMs: null,
  clockSkewFlagged: false,
  notBefore: null,
  damage: [],
};

const CHANNEL = 'credit-kiosk:sync-status';

type Listener = (status: SyncStatus) => void;
const listeners = new Map<string, Set<Listener>>();

export async function loadSyncStatus(db: KioskDb): Promise<SyncStatus> {
  return (await readMeta(db, 'syncStatus')) ?? INITIAL_STATUS;
}

function announce(dbName: string, status: SyncStatus): void {
  listeners.get(dbName)?.forEach((listener) => listener(status));
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ db: dbName, status });
  channel.close();
}

/** Merges `patch` into the stored status and tells every listener, in this tab and others. */
export async function updateSyncStatus(
  db: KioskDb,
  patch: Partial<SyncStatus>,
): Promise<SyncStatus> {
  const next = await db.transaction('rw', db.meta, async () => {
    const merged = { ...(await loadSyncStatus(db)), ...patch };
    return writeMeta(db, 'syncStatus', merged);
  });
  announce(db.name, next);
  return next;
}

const MessageSchema = z.object({ db: z.string(), status: SyncStatusSchema }).strict();

/** Calls `listener` on every status change of this store; returns the unsubscribe function. */
export function subscribeSyncStatus(db: KioskDb, listener: Listener): () => void {
  const set = listeners.get(db.name) ?? new Set<Listener>();
  listeners.set(db.name, set);
  set.add(listener);
  let channel: BroadcastChannel | null = null;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (message: MessageEvent<unknown>) => {
      const parsed = MessageSchema.safeParse(message.data);
      if (parsed.success && parsed.data.db === db.name) listener(parsed.data.status);
    };
  }
  return () => {
    set.delete(listener);
    channel?.close();
  };
}
