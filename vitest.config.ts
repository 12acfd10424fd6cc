import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts', 'renderer/store/**/*.ts', 'renderer/sync/**/*.ts'],
      // Interfaces only: nothing to execute, so nothing to cover.
      exclude: ['shared/crypto/signing.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'test-results/coverage',
      // The renderer's store and sync hold the records and their delivery: gated too, a little
      // under their lines covered on 5 December 2026 (88.1 % and 89.1 %), to be raised, not lowered.
      thresholds: {
        lines: 95,
        'renderer/store/**/*.ts': { lines: 85 },
        'renderer/sync/**/*.ts': { lines: 88 },
      },
    },
  },
});
