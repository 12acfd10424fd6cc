import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './test/support/chromium';

const executablePath = chromiumExecutable();
const WEB_PORT = 4173;
/** The reference platform's port (clerk-sync.spec.ts names it too). */
const PLATFORM_PORT = 8787;
/** A fresh platform database each run, made here rather than by a shell (Windows runs this too). */
const platformDb = join(mkdtempSync(join(tmpdir(), 'kiosk-platform-')), 'platform.db');
/**
 * The reference platform's admin token: made once here and inherited by the platform started
 * below and by the test workers (platform-helpers.ts sends it). A platform reused outside CI must
 * have been started with the same PLATFORM_ADMIN_TOKEN.
 */
process.env.PLATFORM_ADMIN_TOKEN ??= randomBytes(24).toString('base64url');

export default defineConfig({
  testDir: 'test/e2e',
  // The tests' own tsconfig. Left to itself, Playwright reads tsconfig.json with every project it
  // references and applies their path mappings to the tests too: the renderer's maps `qrcode` to a
  // declaration file, so a test's `import QRCode from 'qrcode'` loaded an empty module.
  tsconfig: './tsconfig.test.json',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Long flows on a 2-core machine that may be busy: a slow run must not read as a failure.
  timeout: 120_000,
  reporter: [['list'], ['./test/support/skip-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}/`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 900 },
        launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
      },
    },
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
  webServer: [
    {
      command: `npx vite build --config renderer/vite.config.ts --logLevel warn && npx vite preview --config renderer/vite.config.ts --port ${WEB_PORT}`,
      url: `http://127.0.0.1:${WEB_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The reference platform (test/platform) for the specs that sync (clerk-sync.spec.ts): a
      // fresh database each start, signing with the demo key the app ships as trusted. A platform
      // already on the port is reused outside CI; those specs take an unused enrolment code. It
      // reads its admin token from PLATFORM_ADMIN_TOKEN; /admin/state answers 401 without it,
      // which Playwright counts as ready.
      command: `npx tsx test/platform/cli.ts serve --port ${PLATFORM_PORT} --db "${platformDb}" --demo-key`,
      url: `http://127.0.0.1:${PLATFORM_PORT}/admin/state`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
