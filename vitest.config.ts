import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    // Vitest's default leaves one core free, so a 2-core CI machine ran one file at a time. Many
    // files wait on Chromium, crypto and timers, and a second worker cut the run from 294 s to
    // 186 s (6 December 2026).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    coverage: {
      provider: 'v8',
      include: [
        'shared/**/*.ts',
        'renderer/store/**/*.ts',
        'renderer/sync/**/*.ts',
        'test/platform/**/*.ts',
        'test/platform-fuzz/**/*.ts',
      ],
      // Interfaces only: nothing to execute, so nothing to cover.
      exclude: ['shared/crypto/signing.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'test-results/coverage',
      // The renderer's store and sync hold the records and their delivery: gated too, a little
      // under their lines covered on 5 December 2026 (88.1 % and 89.1 %), to be raised, not lowered.
      thresholds: {
        // The union of every area below (the platform's lower figure pulls it down): a floor.
        lines: 90,
        // The domain, where every rule of the product lives (96.3 % on 6 December 2026).
        'shared/**/*.ts': { lines: 95 },
        'renderer/store/**/*.ts': { lines: 85 },
        'renderer/sync/**/*.ts': { lines: 88 },
        // The reference platform and its fuzzer, measured by test/unit/platform and the renderer
        // tests that talk to it (79.7 % and 87.9 % of lines on 6 December 2026; the command lines
        // cli.ts and run.ts are run only by hand and by e2e): gated a little under.
        'test/platform/**/*.ts': { lines: 79 },
        'test/platform-fuzz/**/*.ts': { lines: 87 },
      },
    },
  },
});
