/**
 * Sync on loopback: 10,000 records pushed to the reference platform (in this process, SQLite in
 * WAL mode on disk) over its wire protocol, in batches of MAX_PUSH_BATCH, each event signed and
 * sealed before the clock starts; timed: building each request, the POST, the platform's
 * verification, storage and receipts, and parsing the verdicts. Side by side, in the same run,
 * PouchDB replicating the same 10,000 documents (each the same signed event JSON) from an
 * in-memory database to a CouchDB-compatible server (express-pouchdb over PouchDB's LevelDB
 * adapter, on disk, also in this process), with the same batch size. Memory at the end covers
 * the whole process: both servers and both clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventEnvelope } from '../../shared/events/envelope';
import { MAX_PUSH_BATCH } from '../../shared/platform/limits';
import { PushResponseSchema } from '../../shared/platform/push';
import { PLATFORM_ROUTES } from '../../shared/platform/routes';
import { TestDevice, signedPayload, startPlatform } from '../unit/platform/helpers';
import type { TestPlatform } from '../unit/platform/helpers';
import { compare, report, summarise } from './harness';
import type { Figure } from './harness';

const RECORDS = 10_000;
const WARMUP_RECORDS = 1_000;
const RUNS = 3;
const MB = 1024 * 1024;

// PouchDB and express-pouchdb ship no types: the few members used here, checked at run time.
interface PouchDatabase {
  bulkDocs(docs: readonly object[]): Promise<readonly { ok?: boolean }[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
}
interface ReplicationResult {
  ok: boolean;
  docs_written: number;
  doc_write_failures: number;
}
interface PouchStatic {
  new (name: string, options?: { adapter?: string }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: { prefix?: string; adapter?: string }): PouchStatic;
  replicate(
    source: PouchDatabase,
    target: PouchDatabase,
    options: { batch_size: number },
  ): Promise<ReplicationResult>;
}
type ExpressPouch = (
  pouch: PouchStatic,
  options: { mode: string; inMemoryConfig: boolean; logPath: string },
) => RequestListener;

const require = createRequire(import.meta.url);
const PouchDB = (require('pouchdb') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
const expressPouch = require('express-pouchdb') as ExpressPouch;

const rate = (records: number, ms: number): number => records / (ms / 1000);

/** One device's chain of `count` signed records, sealed before any timing. */
async function sealedRecords(platform: TestPlatform, count: number): Promise<TestDevice> {
  const device = await TestDevice.enrolNew(platform);
  for (let n = 1; n <= count; n += 1) {
    await device.signRecord(`bench-${device.deviceId}-${n}`, signedPayload(n));
  }
  return device;
}

/** Pushes the device's chain in full batches, one after another, as the sync engine does. */
async function pushAll(platform: TestPlatform, device: TestDevice): Promise<number> {
  const url = `${platform.url}${PLATFORM_ROUTES.push.path}`;
  let accepted = 0;
  for (let i = 0; i < device.events.length; i += MAX_PUSH_BATCH) {
    const batch = device.batch(device.events.slice(i, i + MAX_PUSH_BATCH));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body: JSON.stringify(batch),
    });
    if (response.status !== 200) throw new Error(`push refused: ${await response.text()}`);
    const verdicts = PushResponseSchema.parse(await response.json()).verdicts;
    accepted += verdicts.filter((v) => v.verdict === 'accepted').length;
  }
  return accepted;
}

interface PlatformRun {
  readonly ms: number;
  readonly events: readonly EventEnvelope[];
}

async function platformRun(records: number): Promise<PlatformRun> {
  const platform = await startPlatform();
  try {
    const device = await sealedRecords(platform, records);
    const start = performance.now();
    const accepted = await pushAll(platform, device);
    const ms = performance.now() - start;
    if (accepted !== records) throw new Error(`${accepted} of ${records} accepted`);
    const held = platform.server.admin.state().devices.find((d) => d.deviceId === device.deviceId);
    if (held?.events !== records) throw new Error(`platform holds ${held?.events ?? 0} events`);
    return { ms, events: device.events };
  } finally {
    await platform.stop();
  }
}

/** The same signed event JSON as a document; the eventId is its idempotency key, as on push. */
function documents(events: readonly EventEnvelope[]): object[] {
  return events.map((event) => ({ _id: event.eventId, ...event }));
}

interface CouchServer {
  readonly url: string;
  close(): Promise<void>;
}

async function startCouch(dir: string): Promise<CouchServer> {
  const ServerPouch = PouchDB.defaults({ prefix: `${dir}/` });
  const app = expressPouch(ServerPouch, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(dir, 'log.txt'),
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let pouchRunNo = 0;
async function pouchRun(couch: CouchServer, docs: readonly object[]): Promise<number> {
  pouchRunNo += 1;
  const source = new PouchDB(`bench-source-${pouchRunNo}`, { adapter: 'memory' });
  const target = new PouchDB(`${couch.url}/bench-${pouchRunNo}`);
  try {
    const written = await source.bulkDocs(docs);
    if (written.some((r) => r.ok !== true)) throw new Error('source bulkDocs failed');
    const start = performance.now();
    const result = await PouchDB.replicate(source, target, { batch_size: MAX_PUSH_BATCH });
    const ms = performance.now() - start;
    const held = (await target.info()).doc_count;
    if (!result.ok || result.docs_written !== docs.length || held !== docs.length) {
      throw new Error(`replicated ${result.docs_written}, server holds ${held}`);
    }
    return ms;
  } finally {
    await source.destroy();
  }
}

const couchDir = mkdtempSync(join(tmpdir(), 'bench-couch-'));
const couch = await startCouch(couchDir);
try {
  // Warm-up of both sides (code loading, JIT), untimed.
  await pouchRun(couch, documents((await platformRun(WARMUP_RECORDS)).events));

  const platformMs: number[] = [];
  const pouchMs: number[] = [];
  let eventBytes = 0;
  for (let run = 1; run <= RUNS; run += 1) {
    // Each run is a new device on a new platform database; PouchDB gets the very same events.
    const ours = await platformRun(RECORDS);
    eventBytes = Buffer.byteLength(JSON.stringify(ours.events));
    platformMs.push(ours.ms);
    pouchMs.push(await pouchRun(couch, documents(ours.events)));
    const last = (list: readonly number[]) => list.at(-1) ?? Number.NaN;
    console.log(
      `run ${run}: platform push ${last(platformMs).toFixed(0)} ms ` +
        `(${rate(RECORDS, last(platformMs)).toFixed(0)} records/s), ` +
        `PouchDB replicate ${last(pouchMs).toFixed(0)} ms ` +
        `(${rate(RECORDS, last(pouchMs)).toFixed(0)} records/s)`,
    );
  }

  const timed = (name: string, samples: readonly number[]): Figure => {
    const median = summarise(name, samples).median;
    return summarise(name, samples, 'ms', {
      records: RECORDS,
      recordsPerSecond: rate(RECORDS, median),
      eventMB: eventBytes / MB,
    });
  };
  const batches = Math.ceil(RECORDS / MAX_PUSH_BATCH);
  const ours = timed(
    `platform push ${RECORDS} records (${batches} × ${MAX_PUSH_BATCH}, loopback)`,
    platformMs,
  );
  const peer = timed(`PouchDB replicate ${RECORDS} docs → express-pouchdb (LevelDB)`, pouchMs);
  const memory = process.memoryUsage();
  // run.mjs passes --expose-gc: what is still held once garbage is collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const collected = process.memoryUsage();
  const atEnd = summarise('process memory at end (RSS)', [memory.rss / MB], 'MB', {
    rssMB: memory.rss / MB,
    heapUsedMB: memory.heapUsed / MB,
    heapTotalMB: memory.heapTotal / MB,
    externalMB: memory.external / MB,
    ...(gc ? { rssAfterGcMB: collected.rss / MB, heapUsedAfterGcMB: collected.heapUsed / MB } : {}),
  });
  const comparison = compare(ours, peer);
  console.log(
    `records/s (median): platform ${rate(RECORDS, ours.median).toFixed(0)}, ` +
      `PouchDB ${rate(RECORDS, peer.median).toFixed(0)}; ` +
      `memory at end: RSS ${(memory.rss / MB).toFixed(1)} MB, ` +
      `heapUsed ${(memory.heapUsed / MB).toFixed(1)} MB` +
      (gc ? ` (after gc: heapUsed ${(collected.heapUsed / MB).toFixed(1)} MB)` : ''),
  );
  report('sync', [ours, peer, atEnd], [comparison]);
} finally {
  await couch.close();
  rmSync(couchDir, { recursive: true, force: true });
}
