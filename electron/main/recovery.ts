/**
 * How the main process brings back a renderer that crashed or hung, without reloading in a
 * tight loop when the page dies again at once (a broken build, a poisoned local database).
 */
export interface RecoveryPolicy {
  /** Recoveries are counted over this sliding window. */
  readonly windowMs: number;
  /** Delay of the first recovery in a window; each further one doubles it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A hung page gets this long to answer again before it is reloaded. */
  readonly hangGraceMs: number;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  windowMs: 10 * 60_000,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  hangGraceMs: 15_000,
};

export interface RecoveryPlan {
  readonly delayMs: number;
  /** Recovery times still inside the window, this one included: the next call's input. */
  readonly history: readonly number[];
}

/**
 * The delay before the next reload, given the times of earlier ones. A kiosk never gives up (no
 * one is there to restart it), but the delay grows to the cap so a crash loop costs little.
 */
export function planRecovery(
  history: readonly number[],
  now: number,
  policy: RecoveryPolicy = DEFAULT_RECOVERY,
): RecoveryPlan {
  const recent = history.filter((t) => t <= now && now - t < policy.windowMs);
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** recent.length);
  return { delayMs, history: [...recent, now] };
}

/** Render-process exits that need no recovery: the app itself is closing the page. */
export function needsRecovery(reason: string): boolean {
  return reason !== 'clean-exit';
}
