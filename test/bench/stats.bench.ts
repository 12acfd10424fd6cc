/**
 * The statistics screen's figures over 100,000 stored records in Chromium's IndexedDB (goal: the
 * median ≤ 1 s), beside a plain indexed count of the same records in the same run. Both must
 * count the same records (checked before the ratio is printed).
 */
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium';
import { compare, report, summarise } from './harness';

const RECORDS = 100_000;
const RUNS = 10;
const GOAL_MS = 1_000;

const executablePath = chromiumExecutable();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
const server = await createServer({
  root: process.cwd(),
  configFile: false,
  plugins: [react()],
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0 },
});
await server.listen();
try {
  const page = await browser.newPage();
  await page.goto(`${server.resolvedUrls?.local[0] ?? ''}test/bench/pages/stats.html`);
  await page.waitForFunction(() => typeof window.seedStatsBench === 'function');
  const { seedMs } = await page.evaluate((n) => window.seedStatsBench(n), RECORDS);
  await page.evaluate(() => window.runStats(2));
  const ours = await page.evaluate((runs) => window.runStats(runs), RUNS);
  await page.evaluate(() => window.runPlainCount(2));
  const peer = await page.evaluate((runs) => window.runPlainCount(runs), RUNS);
  if (ours.total !== RECORDS || peer.total !== RECORDS)
    throw new Error(`counted ${ours.total} and ${peer.total}, not ${RECORDS}`);
  const figure = summarise('statistics: read rows + figures', ours.samples, 'ms', {
    records: RECORDS,
  });
  const count = summarise('plain indexed count of the same rows', peer.samples, 'ms', {
    records: RECORDS,
  });
  report('stats', [figure, count], [compare(figure, count)]);
  console.log(
    `both counted ${RECORDS} records; statistics median ${figure.median.toFixed(0)} ms: ` +
      (figure.median <= GOAL_MS ? `within the ${GOAL_MS} ms goal` : `over the ${GOAL_MS} ms goal`),
  );
  console.log(`seeded ${RECORDS} rows in ${(seedMs / 1000).toFixed(1)} s`);
} finally {
  await server.close();
  await browser.close();
}
