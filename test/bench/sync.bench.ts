/**
 * Sync of 10,000 records, equal work on both sides, in the same run, both in Chromium reading
 * Chromium's IndexedDB and writing to a server on loopback that stores on disk:
 *
 * - ours: the real sync engine (`runSync`, the push step) over a device store seeded through the
 *   kiosk's own submit, pushing to the reference platform (this process, SQLite in WAL mode). Timed
 *   from the call to its return: the chain self-check (every signature), the batch plans stored
 *   before sending, the POSTs, the platform's verification, storage and receipts, the device's
 *   check of every receipt's timestamp token, the outbox and record rows updated.
 * - peer: PouchDB (its IndexedDB adapter) holding the very same signed events as documents,
 *   replicating them to express-pouchdb (PouchDB's LevelDB adapter on disk, this process), in
 *   batches of the same size. Timed: `PouchDB.replicate` from call to return.
 *
 * Checked after each run: the platform holds exactly the device's events (same hashes, seq order),
 * the CouchDB server holds exactly their ids. Seeding either side is not timed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { createServer, type Plugin } from 'vite';
import { MAX_PUSH_BATCH } from '../../shared/platform/limits';
import { DEMO_HALL } from '../platform/seed';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/chromium';
import { startPlatform } from '../unit/platform/helpers';
import { compare, report, summarise } from './harness';
import type { Figure } from './harness';
import type { EngineRun, PouchRun, SeededDevice, SyncSeed } from './pages/sync-bench';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const RECORDS = arg('records', 10_000);
const RUNS = arg('runs', 3);
const WARMUP_RECORDS = 500;
const MB = 1024 * 1024;

interface PouchStatic {
  defaults(options: { prefix?: string }): PouchStatic;
}
type ExpressPouch = (
  pouch: PouchStatic,
  options: { mode: string; inMemoryConfig: boolean; logPath: string },
) => RequestListener;
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchStatic;
const expressPouch = require('express-pouchdb') as ExpressPouch;

const rate = (records: number, ms: number): number => records / (ms / 1000);

/** express-pouchdb mounted at /couch on the page's own server: no CORS asked of PouchDB. */
function couchPlugin(dir: string): Plugin {
  const app = expressPouch(PouchDB.defaults({ prefix: `${dir}/` }), {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(dir, 'log.txt'),
  });
  return {
    name: 'bench-couch',
    configureServer(server) {
      server.middlewares.use('/couch', app);
    },
  };
}

const couchDir = mkdtempSync(join(tmpdir(), 'bench-couch-'));
const platform = await startPlatform({ allowOrigins: 'loopback' });
const server = await createServer({
  root: process.cwd(),
  configFile: false,
  plugins: [react(), couchPlugin(couchDir)],
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0 },
});
await server.listen();
const executablePath = chromiumExecutable();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
let codes = 0;
try {
  const page = await browser.newPage();
  const origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/u, '');
  await page.goto(`${origin}/test/bench/pages/sync.html`);
  await page.waitForFunction(
    () => typeof window.runEngineBench === 'function' && typeof window.PouchDB === 'function',
  );

  const engineRun = async (count: number): Promise<EngineRun & SeededDevice> => {
    codes += 1;
    const enrolmentCode = `SYNCBENCH${String(codes).padStart(6, '0')}`;
    platform.server.admin.addEnrolmentCode(enrolmentCode, DEMO_HALL);
    const seed: SyncSeed = {
      platformUrl: platform.url,
      hallCode: DEMO_HALL,
      enrolmentCode,
      trustedKey: platform.server.trustedKey,
      count,
    };
    const seeded = await page.evaluate((s) => window.seedEngineBench(s), seed);
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const run = await page.evaluate((id) => window.runEngineBench(id), seeded.deviceId);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(
        `${process.env.BENCH_PROFILE}/page-${count}.cpuprofile`,
        JSON.stringify(profile),
      );
    }
    if (!run.ok || run.accepted !== count)
      throw new Error(`engine: ${run.error ?? 'ok'}, ${run.accepted} of ${count} accepted`);
    const held = platform.server.admin.db
      .prepare<[string], { hash: string }>(
        'SELECT hash FROM events WHERE device_id = ? ORDER BY seq',
      )
      .all(run.deviceId)
      .map((r) => r.hash);
    if (held.length !== count || held.some((h, i) => h !== run.hashes[i]))
      throw new Error(`the platform holds ${held.length} events, not the device's ${count}`);
    return { ...run, seedMs: seeded.seedMs };
  };
  let dbs = 0;
  const pouchRun = async (run: EngineRun): Promise<PouchRun> => {
    dbs += 1;
    const result = await page.evaluate(([deviceId, url]) => window.runPouchBench(deviceId, url), [
      run.deviceId,
      `${origin}/couch/bench-${dbs}`,
    ] as const);
    const expected = run.hashes.length;
    if (
      result.written !== expected ||
      result.failures !== 0 ||
      result.serverIds.length !== expected
    )
      throw new Error(`PouchDB wrote ${result.written}, server holds ${result.serverIds.length}`);
    return result;
  };

  // Warm-up of both sides (code loading, JIT, the platform's statements), untimed.
  await pouchRun(await engineRun(WARMUP_RECORDS));

  const engineMs: number[] = [];
  const pouchMs: number[] = [];
  const seedMs: number[] = [];
  for (let i = 1; i <= RUNS; i += 1) {
    // Each run is a new device with a new store; PouchDB gets the very same events.
    const ours = await engineRun(RECORDS);
    const ids = new Set(ours.hashes.map((_, n) => `${ours.deviceId}:${n + 1}`));
    const peer = await pouchRun(ours);
    if (peer.serverIds.some((id) => !id.startsWith(ours.deviceId)) || ids.size !== RECORDS)
      throw new Error('PouchDB server holds other documents');
    engineMs.push(ours.ms);
    pouchMs.push(peer.ms);
    seedMs.push(ours.seedMs);
    console.log(
      `run ${i}: engine push ${ours.ms.toFixed(0)} ms (${rate(RECORDS, ours.ms).toFixed(0)} records/s), ` +
        `PouchDB replicate ${peer.ms.toFixed(0)} ms (${rate(RECORDS, peer.ms).toFixed(0)} records/s); ` +
        `seeding ${RECORDS} submits took ${(ours.seedMs / 1000).toFixed(1)} s (untimed)`,
    );
  }

  const timed = (name: string, samples: readonly number[]): Figure => {
    const median = summarise(name, samples).median;
    return summarise(name, samples, 'ms', {
      records: RECORDS,
      recordsPerSecond: rate(RECORDS, median),
    });
  };
  const batches = Math.ceil(RECORDS / MAX_PUSH_BATCH);
  const ours = timed(
    `runSync push ${RECORDS} records, Chromium IndexedDB → reference platform (${batches} × ${MAX_PUSH_BATCH})`,
    engineMs,
  );
  const peer = timed(
    `PouchDB replicate ${RECORDS} docs, Chromium IndexedDB → express-pouchdb (LevelDB)`,
    pouchMs,
  );
  const seeding = summarise(`seeding: ${RECORDS} kiosk submits (untimed above)`, seedMs);
  const memory = process.memoryUsage();
  const node = summarise('Node process memory at end (RSS: both servers)', [memory.rss / MB], 'MB');
  const comparison = compare(ours, peer);
  console.log(
    `records/s (median): engine ${rate(RECORDS, ours.median).toFixed(0)}, ` +
      `PouchDB ${rate(RECORDS, peer.median).toFixed(0)}: ` +
      `${comparison.ratio.toFixed(2)}× PouchDB's rate (goal ≥ 2×)`,
  );
  report('sync', [ours, peer, seeding, node], [comparison]);
} finally {
  await browser.close();
  await server.close();
  await platform.stop();
  rmSync(couchDir, { recursive: true, force: true });
}
