import type { PlatformResult } from '../platform/client';
import { isTransient } from '../platform/failure';

export interface RetryPolicy {
  /** Tries per exchange in one run, the first included. */
  readonly maxAttempts: number;
  readonly baseMs: number;
  /** Longest backoff between two tries. */
  readonly capMs: number;
  /** A Retry-After longer than this ends the run instead (the next run honours it anew). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseMs: 500,
  capMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

export interface RetryDeps {
  /** [0, 1), like Math.random; injectable so a test knows every wait. */
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Told at once when the platform could not be reached (network error or timeout), before the
   * retries wait it out: the status line must not say "online" through half a minute of backoff.
   */
  readonly onUnreachable?: () => Promise<void>;
}

/** "Full jitter" (AWS architecture blog): uniform in [0, min(cap, base·2^n)). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Sends again what may succeed later (network, timeout, 5xx, 408, 429), waiting the platform's
 * Retry-After when it gave one, else a jittered backoff; anything else is returned at once, since
 * sending it unchanged would get the same answer.
 */
export async function withRetry<T>(
  deps: RetryDeps,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  send: () => Promise<PlatformResult<T>>,
): Promise<PlatformResult<T>> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await send();
    if (result.ok || !isTransient(result.failure) || attempt + 1 >= policy.maxAttempts) {
      return result;
    }
    if (signal?.aborted) return { ok: false, failure: { kind: 'aborted' } };
    const failure = result.failure;
    if (failure.kind === 'network' || failure.kind === 'timeout') await deps.onUnreachable?.();
    const wait =
      failure.kind === 'retry-after'
        ? failure.seconds * 1000
        : backoffMs(policy, attempt, deps.random);
    if (wait > policy.maxRetryAfterMs) return result;
    await deps.sleep(wait, signal);
  }
}
