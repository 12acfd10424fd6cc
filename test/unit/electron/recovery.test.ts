import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY, needsRecovery, planRecovery } from '../../../electron/main/recovery';

describe('renderer recovery', () => {
  it('reloads a first crash at once and backs off on a crash loop up to the cap', () => {
    let history: readonly number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      const plan = planRecovery(history, 1_000_000 + i * 1000);
      history = plan.history;
      delays.push(plan.delayMs);
    }
    expect(delays.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(Math.max(...delays)).toBe(DEFAULT_RECOVERY.maxDelayMs);
    expect(delays.at(-1)).toBe(DEFAULT_RECOVERY.maxDelayMs);
  });

  it('forgets crashes older than the window, so a rare crash is always recovered quickly', () => {
    const old = [0, 1000, 2000, 3000, 4000, 5000];
    const plan = planRecovery(old, 5000 + DEFAULT_RECOVERY.windowMs + 1);
    expect(plan.delayMs).toBe(DEFAULT_RECOVERY.baseDelayMs);
    expect(plan.history).toEqual([5000 + DEFAULT_RECOVERY.windowMs + 1]);
  });

  it('ignores times from the future (a clock set back)', () => {
    expect(planRecovery([10_000, 20_000], 5_000).delayMs).toBe(DEFAULT_RECOVERY.baseDelayMs);
  });

  it('recovers from every exit but a clean one', () => {
    expect(needsRecovery('clean-exit')).toBe(false);
    for (const reason of ['crashed', 'killed', 'oom', 'abnormal-exit', 'launch-failed'])
      expect(needsRecovery(reason)).toBe(true);
  });
});
