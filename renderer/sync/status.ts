import { z } from 'zod';
import { ChainDamageSchema } from '../../shared/events/damage';
import type { KioskDb } from '../store/db';

/**
 * What the clerk sees of sync: stored in meta (so a new tab starts from the last known state) and
 * announced on a BroadcastChannel (so every tab and window of the app follows the one running sync).
 */

export const SYNC_PHASES = ['idle', 'push', 'pull', 'catalogue', 'snapshot', 'recheck'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export const SyncStatusSchema = z
  .object({
    online: z.boolean(),
    running: z.boolean(),
    phase: z.enum(SYNC_PHASES),
    progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).strict(),
    /** Events not yet answered by the platform. */
    pending: z.number().int().min(0),
    lastSuccessAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    /** A machine code (failure.ts, engine errors); the console translates it. */
    lastError: z.string().max(100).nullable(),
    /** Device clock minus platform time at the last receipt; null before any. */
    clockSkewMs: z.number().nullable(),
    /** |clockSkewMs| above the hall's tolerance: the clerk is told to fix the clock. */
    clockSkewFlagged: z.boolean(),
    /**
     * The platform asked (Retry-After) not to be called before this instant: honoured by every
     * run, background or "Sync now", across reloads. Defaulted for statuses stored before it.
     */
    notBefore: z.string().nullable().default(null),
    /**
     * Events of the device's own chain found damaged by its self-check (sync/self-check.ts), by
     * name; empty when the chain is whole. Nothing is pushed while it is not.
     */
    damage: z.array(ChainDamageSchema).max(50).default([]),
  })
  .strict();
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

const STATUS_KEY = 'syncStatus';
const CHANNEL = 'credit-kiosk:sync-status';

type Listener = (status: SyncStatus) => void;
const listeners = new Map<string, Set<Listener>>();

export async function loadSyncStatus(db: KioskDb): Promise<SyncStatus> {
  const parsed = SyncStatusSchema.safeParse((await db.meta.get(STATUS_KEY))?.value);
  return parsed.success ? parsed.data : INITIAL_STATUS;
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
    await db.meta.put({ key: STATUS_KEY, value: merged });
    return merged;
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
