import type { KioskDb } from '../store/db';
import { loadSyncStatus, updateSyncStatus } from './status';

/**
 * A short reachability probe while the console is open. Between sync runs (every five minutes)
 * nothing else asks the platform, so after it stopped the status line went on saying "online"
 * until the next run: a supervisor ending the day read a stale line. The probe asks every minute
 * whether the platform answers at all, at once when the window says it is back online, and says
 * offline at once when the window says the connection is gone. While unanswered it backs off
 * (1, 2, 4, 8, at most 10 minutes), so a hall without network is not asked sixty times an hour.
 */

export const PROBE_INTERVAL_MS = 60_000;
export const PROBE_MAX_INTERVAL_MS = 10 * 60_000;
export const PROBE_TIMEOUT_MS = 10_000;

export interface ReachabilityDeps {
  /** True when the platform answered (any answer); false or a throw when it did not. */
  readonly probe: (signal: AbortSignal) => Promise<boolean>;
  /** Told every result; it decides whether the stored status changes. */
  readonly report: (online: boolean) => Promise<void> | void;
  /** The window's own view of the connection; false skips the request (counted as unanswered). */
  readonly isOnline?: () => boolean;
  /** Where the `online` and `offline` events come from (the window); null where there is none. */
  readonly target?: EventTarget | null;
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
  readonly timeoutMs?: number;
}

/** The wait before the next probe after `failures` unanswered ones in a row (doubling after 2). */
export function probeDelay(failures: number, intervalMs: number, maxIntervalMs: number): number {
  return Math.min(intervalMs * 2 ** Math.min(Math.max(failures - 1, 0), 30), maxIntervalMs);
}

/** Starts probing now; returns the stop function. */
export function startReachabilityProbe(deps: ReachabilityDeps): () => void {
  const intervalMs = deps.intervalMs ?? PROBE_INTERVAL_MS;
  const maxIntervalMs = deps.maxIntervalMs ?? PROBE_MAX_INTERVAL_MS;
  const timeoutMs = deps.timeoutMs ?? PROBE_TIMEOUT_MS;
  const isOnline = deps.isOnline ?? (() => true);
  const target = deps.target ?? null;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: AbortController | null = null;
  let stopped = false;

  const tell = (online: boolean) => {
    void Promise.resolve()
      .then(() => deps.report(online))
      .catch(() => undefined);
  };
  const schedule = () => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void run(), probeDelay(failures, intervalMs, maxIntervalMs));
  };
  const run = async () => {
    timer = null;
    if (stopped) return;
    inFlight?.abort();
    let answered = false;
    if (isOnline()) {
      const controller = new AbortController();
      inFlight = controller;
      const timeout = setTimeout(() => controller.abort(), timeoutMs);
      try {
        answered = await deps.probe(controller.signal);
      } catch {
        answered = false;
      } finally {
        clearTimeout(timeout);
      }
      // Stopped, or overtaken by an online/offline event that started its own probe.
      if (stopped || inFlight !== controller) return;
      inFlight = null;
    }
    failures = answered ? 0 : failures + 1;
    tell(answered);
    schedule();
  };
  const onOnline = () => {
    failures = 0;
    if (timer !== null) clearTimeout(timer);
    void run();
  };
  const onOffline = () => {
    inFlight?.abort();
    inFlight = null;
    failures += 1;
    tell(false);
    schedule();
  };
  target?.addEventListener('online', onOnline);
  target?.addEventListener('offline', onOffline);
  void run();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    inFlight?.abort();
    target?.removeEventListener('online', onOnline);
    target?.removeEventListener('offline', onOffline);
  };
}

/** Writes a probe's result into the stored sync status, only when it changes what is shown. */
export async function reportReachability(db: KioskDb, online: boolean): Promise<void> {
  const status = await loadSyncStatus(db);
  if (status.online !== online) await updateSyncStatus(db, { online });
}
