import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PROBE_INTERVAL_MS,
  PROBE_MAX_INTERVAL_MS,
  PROBE_TIMEOUT_MS,
  probeDelay,
  reportReachability,
  startReachabilityProbe,
} from '../../../../renderer/sync/reachability';
import { loadSyncStatus, updateSyncStatus } from '../../../../renderer/sync/status';
import { PlatformClient } from '../../../../renderer/platform/client';
import { KioskDb } from '../../../../renderer/store/db';
import { testDataKeys } from '../../../support/data-keys';

/** A platform that answers while `up`, and a record of when it was asked. */
function fakePlatform() {
  const state = { up: true, asked: [] as number[] };
  const probe = vi.fn((signal: AbortSignal) => {
    state.asked.push(Date.now());
    return state.up
      ? Promise.resolve(true)
      : new Promise<boolean>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
  });
  return { state, probe };
}

describe('the reachability probe', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says offline within a minute of the platform stopping, and online again when it answers', async () => {
    const { state, probe } = fakePlatform();
    const seen: boolean[] = [];
    const stop = startReachabilityProbe({ probe, report: (online) => void seen.push(online) });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([true]);

    state.up = false;
    // The next probe, a minute on, waits at most its timeout for an answer.
    await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS + PROBE_TIMEOUT_MS);
    expect(seen).toEqual([true, false]);
    expect(Date.now()).toBeLessThanOrEqual(PROBE_INTERVAL_MS + PROBE_TIMEOUT_MS);

    state.up = true;
    await vi.advanceTimersByTimeAsync(2 * PROBE_INTERVAL_MS);
    expect(seen.at(-1)).toBe(true);
    stop();
  });

  it('backs off while unanswered (1, 2, 4, 8, then every 10 minutes) and asks every minute once back', async () => {
    const { state, probe } = fakePlatform();
    state.up = false;
    const stop = startReachabilityProbe({ probe, report: () => undefined });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    const gaps = state.asked.slice(1).map((at, i) => at - (state.asked[i] ?? 0));
    // Each gap is the timeout spent waiting plus the wait before the next probe.
    expect(gaps.slice(0, 6)).toEqual(
      [1, 2, 4, 8, 10, 10].map((minutes) => minutes * 60_000 + PROBE_TIMEOUT_MS),
    );
    expect(state.asked.length).toBeLessThan(10);

    state.up = true;
    await vi.advanceTimersByTimeAsync(PROBE_MAX_INTERVAL_MS + PROBE_TIMEOUT_MS);
    const back = state.asked.length;
    await vi.advanceTimersByTimeAsync(3 * PROBE_INTERVAL_MS);
    expect(state.asked.length - back).toBe(3);
    stop();
  });

  it('follows the window: offline at once without asking, and asks at once when back online', async () => {
    const { probe } = fakePlatform();
    const target = new EventTarget();
    let windowOnline = true;
    const seen: boolean[] = [];
    const stop = startReachabilityProbe({
      probe,
      report: (online) => void seen.push(online),
      isOnline: () => windowOnline,
      target,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(1);

    windowOnline = false;
    target.dispatchEvent(new Event('offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([true, false]);
    // While the window says offline, the network is not asked, and the waits grow.
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(seen.every((online, i) => i === 0 || !online)).toBe(true);

    windowOnline = true;
    target.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(seen.at(-1)).toBe(true);

    stop();
    target.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('waits a minute while answered, then 1, 2, 4 and 8 minutes, never more than 10', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((f) => probeDelay(f, 60_000, 600_000) / 60_000)).toEqual([
      1, 1, 2, 4, 8, 10, 10, 10,
    ]);
  });
});

describe('the probe on a real client and store', () => {
  it('counts any answer as reachable and a network error as not', async () => {
    let fail = false;
    const asked: RequestInit[] = [];
    const client = new PlatformClient({
      baseUrl: 'http://platform.test/',
      fetch: (input, init) => {
        asked.push(init);
        expect(input).toBe('http://platform.test/');
        return fail
          ? Promise.reject(new TypeError('Failed to fetch'))
          : Promise.resolve(new Response('not found', { status: 404 }));
      },
    });
    const signal = new AbortController().signal;
    expect(await client.ping(signal)).toBe(true);
    fail = true;
    expect(await client.ping(signal)).toBe(false);
    // No body and no credentials: nothing of the device goes out with a probe.
    expect(asked[0]).toMatchObject({ method: 'GET', credentials: 'omit' });
    expect(asked[0]?.headers).toBeUndefined();
  });

  it('changes the stored status line only when the answer differs from it', async () => {
    const db = new KioskDb(`reachability-${Math.random()}`, testDataKeys());
    await updateSyncStatus(db, { online: true, lastError: 'network' });
    const spy = vi.spyOn(db, 'transaction');
    await reportReachability(db, true);
    expect(spy).not.toHaveBeenCalled();
    await reportReachability(db, false);
    expect(await loadSyncStatus(db)).toMatchObject({ online: false, lastError: 'network' });
    await reportReachability(db, true);
    expect((await loadSyncStatus(db)).online).toBe(true);
    db.close();
  });
});
