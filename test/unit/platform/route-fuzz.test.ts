import { describe, expect, it } from 'vitest';
import { fuzzPlatform, summary } from '../../platform-fuzz/fuzz';

/**
 * The seeded fuzzer of every platform route (test/platform-fuzz) at its small size; at full size
 * it runs as `npm run fuzz:platform` (10,000 requests).
 */
describe('every platform route under hostile input', () => {
  it('answers no 5xx, drops no connection, always with an error body, and stores nothing', async () => {
    const report = await fuzzPlatform({ seed: 20_261_205, count: 300 });
    console.info(summary(report));
    expect(report.requests).toBe(300);
    expect(report.byRoute.size).toBe(24);
    expect(report.failures).toEqual([]);
    expect(report.serverErrors).toBe(0);
    expect(report.storedChanged).toBe(false);
  }, 120_000);
});
