import { logProblem } from '../host/problem-log';
import { chinaInstant } from '../../shared/time';
import { loadDeviceIdentity } from '../device/identity';
import type { KioskDb } from '../store/db';
import { failureCode } from '../platform/failure';
import { loadTrustedKeys } from '../platform/trust';
import { loadSettings } from '../settings/hall-settings';
import type { PhaseContext, PhaseResult, SyncDeps, SyncError } from './context';
import { isSyncRunning, withSyncLock } from './lock';
import { pullCentral } from './pull';
import { pendingCount, pushPending } from './push';
import type { PushSummary } from './push';
import { recheckProvisional } from './recheck';
import { timestampLetters } from './letter-timestamp';
import { sendEvidence } from './evidence';
import { checkAndReadChain, checkStoreNow, publishCheck } from './self-check';
import { rotateLegacyKey, rotationPending } from './key-rotation';
import { refreshCatalogue, refreshSnapshot } from './refresh';
import { DEFAULT_RETRY } from './retry';
import type { RetryPolicy } from './retry';
import { loadSyncStatus, updateSyncStatus } from './status';
import type { SyncStatus } from './status';

/**
 * One sync run: push the outbox, pull central changes, refresh the catalogue and the credit
 * snapshot, re-check provisional pre-checks (and push what that recorded), and have the platform
 * timestamp the signed letters of synced records (letter-timestamp.ts), then send the records'
 * files to the platform as evidence (evidence.ts). One run at a time
 * across tabs; its state is published (status.ts) for the clerk console.
 */

export type { SyncDeps } from './context';

export const SYNC_STEPS = [
  'push',
  'pull',
  'catalogue',
  'snapshot',
  'recheck',
  'timestamp',
  'evidence',
] as const;
export type SyncStep = (typeof SYNC_STEPS)[number];

export interface SyncOptions {
  /** Events per push batch (≤ MAX_PUSH_BATCH). */
  readonly batchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Default: the hall settings' clockToleranceSeconds. */
  readonly clockToleranceMs?: number;
  /** Default: all, in SYNC_STEPS order. */
  readonly steps?: readonly SyncStep[];
  /** Stops the run between exchanges and aborts the one in flight. */
  readonly signal?: AbortSignal;
  readonly pullLimit?: number;
}

export interface SyncOutcome {
  /** false: another tab or window was already syncing; nothing was done. */
  readonly ran: boolean;
  readonly ok: boolean;
  /** Machine code of the first error (status.lastError), null when ok. */
  readonly error: string | null;
  readonly errors: readonly SyncError[];
  readonly push: PushSummary | null;
  readonly pulled: number;
  readonly clockSkewMs: number | null;
}

export function syncErrorCode(error: SyncError): string {
  return error.kind === 'platform' ? failureCode(error.failure) : error.kind;
}

/** Failures after which the other steps cannot do better in this run. */
function endsRun(error: SyncError): boolean {
  if (error.kind === 'aborted' || error.kind === 'internal') return true;
  if (error.kind !== 'platform') return false;
  const kind = error.failure.kind;
  return kind !== 'http' && kind !== 'bad-response';
}

function isOffline(error: SyncError): boolean {
  return (
    error.kind === 'platform' &&
    (error.failure.kind === 'network' || error.failure.kind === 'timeout')
  );
}

const NOT_RUN: SyncOutcome = {
  ran: false,
  ok: false,
  error: null,
  errors: [],
  push: null,
  pulled: 0,
  clockSkewMs: null,
};

export async function runSync(deps: SyncDeps, options: SyncOptions = {}): Promise<SyncOutcome> {
  const locked = await withSyncLock(deps.db, () => syncLocked(deps, options));
  if (locked.ran && locked.value.error !== null && locked.value.error !== 'aborted')
    logProblem('warn', 'sync.failed', locked.value.error);
  return locked.ran ? locked.value : NOT_RUN;
}

async function syncLocked(deps: SyncDeps, options: SyncOptions): Promise<SyncOutcome> {
  const { db } = deps;
  const startedAt = chinaInstant(deps.now());
  const errors: SyncError[] = [];
  let push: PushSummary | null = null;
  let pulled = 0;
  let skew: number | null = null;
  let online = true;
  let saidOffline = false;
  let waitMs = 0;
  let askedUntil: string | null = null;
  try {
    await updateSyncStatus(db, {
      running: true,
      phase: 'idle',
      progress: { done: 0, total: 0 },
      lastAttemptAt: startedAt,
    });
    const [device, trusted, settings] = await Promise.all([
      loadDeviceIdentity(db),
      loadTrustedKeys(db),
      loadSettings(db),
    ]);
    ({ waitMs, askedUntil } = await waitAsked(db, deps.now()));
    if (!device || device.demo) errors.push({ kind: 'not-enrolled' });
    else if (trusted.length === 0) errors.push({ kind: 'no-platform-key' });
    else if (waitMs > 0) errors.push(askedToWait(waitMs));
    if (device && !device.demo && trusted.length > 0 && waitMs <= 0) {
      const ctx: PhaseContext = {
        ...deps,
        device,
        trusted,
        retry: { ...DEFAULT_RETRY, ...options.retry },
        signal: options.signal,
        // The first unanswered request says "offline" at once; the run's end says what it found.
        onUnreachable: async () => {
          if (saidOffline) return;
          saidOffline = true;
          await updateSyncStatus(db, { online: false });
        },
        report: async ({ phase, done, total }) => {
          await updateSyncStatus(db, {
            ...(phase ? { phase } : {}),
            progress: { done: done ?? 0, total: total ?? 0 },
          });
        },
      };
      const steps = options.steps ?? SYNC_STEPS;
      // Before each push, the device checks its own chain: a damaged store sends nothing, and
      // the status names each damaged event (self-check.ts).
      const checkedPush = async (): Promise<PhaseResult<PushSummary>> => {
        // A key rotation sent and not yet approved: the events after its head are signed with a
        // key the platform does not know yet, so nothing is pushed until it approves (or it is
        // dropped). Sent again unchanged, it gets the same approval (key-rotation.ts).
        if (await rotationPending(db)) {
          const rotated = await rotateLegacyKey(ctx);
          if (!rotated.ok) return rotated;
          if (rotated.value !== 'rotated' && (await rotationPending(db)))
            return { ok: false, error: { kind: 'key-rotation-pending' } };
        }
        // Read again: a rotation in this run changed the device's key.
        const current = (await loadDeviceIdentity(db)) ?? device;
        const { check, events } = await checkAndReadChain({
          db,
          device: current,
          trusted,
          verifiers: deps.verifiers,
        });
        await publishCheck(db, check);
        if (!check.ok) return { ok: false, error: { kind: 'store-damaged' } };
        // The events just checked go out as read, not opened again (the run holds the sync lock;
        // an event appended since is read from the store).
        return pushPending(ctx, options.batchSize, new Map(events.map((e) => [e.eventId, e])));
      };
      const run = async <T>(step: () => Promise<PhaseResult<T>>): Promise<T | null> => {
        const result = await step();
        if (result.ok) return result.value;
        errors.push(result.error);
        if (isOffline(result.error)) online = false;
        return null;
      };
      for (const step of steps) {
        if (step === 'push') {
          const pushed = await run(checkedPush);
          push = merge(push, pushed);
          // With the whole chain at the platform, a legacy key is replaced by a sealed one.
          if (pushed) await run(() => rotateLegacyKey(ctx));
        } else if (step === 'pull') {
          pulled += (await run(() => pullCentral(ctx, options.pullLimit)))?.applied ?? 0;
        } else if (step === 'catalogue') {
          await run(() => refreshCatalogue(ctx));
        } else if (step === 'snapshot') {
          await run(() => refreshSnapshot(ctx));
        } else if (step === 'evidence') {
          await run(() => sendEvidence(ctx));
        } else if (step === 'timestamp') {
          // Last: the letters of records this run's pushes made synced are timestamped too.
          await run(() => timestampLetters(ctx));
        } else {
          const rechecked = await run(() => recheckProvisional(ctx));
          // What the re-check recorded goes out in the same run.
          if (rechecked && rechecked.checked > 0 && steps.includes('push')) {
            push = merge(push, await run(checkedPush));
          }
        }
        const last = errors.at(-1);
        if (last && endsRun(last)) break;
      }
      skew = push?.clockSkewMs ?? null;
      if (skew !== null) {
        const toleranceMs = options.clockToleranceMs ?? settings.clockToleranceSeconds * 1000;
        await updateSyncStatus(db, {
          clockSkewMs: skew,
          clockSkewFlagged: Math.abs(skew) > toleranceMs,
        });
      }
    }
  } catch {
    // The store went away under the run (a reload, a closed page): nothing half-written stays,
    // since every write of the run is its own transaction.
    errors.push({ kind: 'internal' });
  }
  const first = errors[0];
  const error = first ? syncErrorCode(first) : null;
  // A run that waited as asked keeps the instant it was given; any other takes what it was told.
  const notBefore = waitMs > 0 ? askedUntil : notBeforeAfter(errors, deps.now());
  // A run the app stopped (the screen closed, a mode switch) found out nothing: the last real
  // outcome stays what the clerk sees.
  const stopped = error === 'aborted';
  const finished: Partial<SyncStatus> = {
    running: false,
    phase: 'idle',
    progress: { done: 0, total: 0 },
    ...(stopped ? {} : { online, lastError: error, notBefore }),
    ...(error === null ? { lastSuccessAt: chinaInstant(deps.now()) } : {}),
  };
  try {
    await updateSyncStatus(db, { ...finished, pending: await pendingCount({ db }) });
  } catch {
    // As above: a closed store keeps its last stored status; the next run rewrites it.
  }
  return { ran: true, ok: error === null, error, errors, push, pulled, clockSkewMs: skew };
}

/** How long the platform still asked to be left alone (a stored Retry-After), and until when. */
async function waitAsked(
  db: KioskDb,
  now: Date,
): Promise<{ readonly waitMs: number; readonly askedUntil: string | null }> {
  const { notBefore } = await loadSyncStatus(db);
  const waitMs = notBefore === null ? 0 : Math.max(0, Date.parse(notBefore) - now.getTime());
  return { waitMs, askedUntil: notBefore };
}

function askedToWait(ms: number): SyncError {
  return {
    kind: 'platform',
    failure: {
      kind: 'retry-after',
      status: 429,
      code: 'rate-limited',
      seconds: Math.ceil(ms / 1000),
    },
  };
}

/**
 * Until when the next run must wait: a Retry-After this run could not wait out (longer than the
 * retry policy waits within a run) carries over; any other outcome clears it.
 */
function notBeforeAfter(errors: readonly SyncError[], now: Date): string | null {
  for (const e of errors)
    if (e.kind === 'platform' && e.failure.kind === 'retry-after')
      return chinaInstant(new Date(now.getTime() + e.failure.seconds * 1000));
  return null;
}

function merge(a: PushSummary | null, b: PushSummary | null): PushSummary | null {
  if (!a || !b) return a ?? b;
  const skew =
    a.clockSkewMs === null ||
    (b.clockSkewMs !== null && Math.abs(b.clockSkewMs) > Math.abs(a.clockSkewMs))
      ? b.clockSkewMs
      : a.clockSkewMs;
  return {
    accepted: a.accepted + b.accepted,
    duplicate: a.duplicate + b.duplicate,
    rejected: a.rejected + b.rejected,
    batches: a.batches + b.batches,
    clockSkewMs: skew,
  };
}

export interface BackgroundSyncOptions extends Omit<SyncOptions, 'signal'> {
  readonly intervalMs: number;
}

/**
 * Runs a sync now and every `intervalMs` while online (window online/offline events where there
 * is a window), and at once when the connection comes back. Returns the stop function.
 */
/**
 * A run cut off by a crash or a closed window left `running` in the stored status; with no sync
 * holding the lock, nothing is running, and the status says so (else "Sync now" stays disabled
 * until the next run, which may be days away without network).
 */
export async function clearStaleRunning(db: KioskDb): Promise<void> {
  if (!(await loadSyncStatus(db)).running || (await isSyncRunning(db))) return;
  await updateSyncStatus(db, { running: false, phase: 'idle', progress: { done: 0, total: 0 } });
}

export function startBackgroundSync(deps: SyncDeps, options: BackgroundSyncOptions): () => void {
  const stopper = new AbortController();
  const target = typeof window === 'undefined' ? null : window;
  const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;

  const schedule = () => {
    if (stopper.signal.aborted) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(tick, options.intervalMs);
  };
  const tick = () => {
    timer = null;
    if (stopper.signal.aborted) return;
    if (!isOnline() || running) {
      schedule();
      return;
    }
    running = runSync(deps, { ...options, signal: stopper.signal })
      .catch(() => undefined)
      .finally(() => {
        running = null;
        schedule();
      });
  };
  const onOnline = () => {
    void updateSyncStatus(deps.db, { online: true }).catch(() => undefined);
    if (timer !== null) clearTimeout(timer);
    tick();
  };
  const onOffline = () => {
    void updateSyncStatus(deps.db, { online: false }).catch(() => undefined);
  };
  target?.addEventListener('online', onOnline);
  target?.addEventListener('offline', onOffline);
  // At start, online or not: the device checks its own chain against the receipts it holds and
  // the head kept outside IndexedDB, so that a rolled-back or altered store is named at once.
  void clearStaleRunning(deps.db)
    .then(() => checkStoreNow(deps.db, deps.verifiers))
    .catch(() => undefined)
    .finally(tick);
  return () => {
    stopper.abort();
    if (timer !== null) clearTimeout(timer);
    target?.removeEventListener('online', onOnline);
    target?.removeEventListener('offline', onOffline);
  };
}
