import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../../platform/faults';
import type { FaultKind } from '../../../platform/faults';
import { demoFinding, FINDING_KINDS } from '../../../platform/central';
import { KioskDb } from '../../../../renderer/store/db';
import { appendEvents, readHead } from '../../../../renderer/store/event-log';
import { isRecordSynced } from '../../../../renderer/store/records';
import { runSync } from '../../../../renderer/sync/engine';
import { reconcile } from '../../../../renderer/sync/reconcile';
import { startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { canonicalEvent, depsFor, enrolAppDevice, makeRecord, platformEvents } from './harness';
import type { AppDevice } from './harness';
import { testDataKeys } from '../../../support/data-keys';
import { attachHeadMirror, memoryHeadMirror } from '../../../../renderer/store/head-mirror';
import { MadeOracle, oracleDifferences } from './oracle';
import { mutateStore, STORE_MUTATIONS } from './mutations';
import type { StoreMutation } from './mutations';

/**
 * The randomized fault proof of issue 5: a seeded mix of every platform fault kind, app reloads
 * in the middle of a sync and page kills in the middle of a local write, with the invariant
 * checked after every sync: the platform holds exactly a prefix of the device's chain, each event
 * once and byte-identical; the device marks synced exactly what has a receipt; and at the end of
 * each run, once the network is clean, the platform holds all of it.
 *
 * Those checks compare the platform with the device's own store, so what the device itself loses
 * or alters is invisible to them. An oracle outside the store (oracle.ts) notes every event and
 * record as it is made; at the end of each run the platform must hold exactly that, byte for
 * byte, and nothing else. Three faults of the store itself (mutations.ts) are the test of the
 * test: each must make the oracle fail.
 *
 * Reproduce a failure with SYNC_FAULT_SEED=<printed seed>.
 */

const SEED = Number(process.env.SYNC_FAULT_SEED ?? 20_261_125);
const RUNS = 10;
const STEPS_PER_RUN = 50;
const TARGET_FAULTS = 1000;
const TIMEOUT_MS = 80;
/** Runs of each mutated proof: enough for every mutation to strike more than once. */
const MUTATION_RUNS = 2;

/** mulberry32: small, seedable, good enough to pick faults. */
function prng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Counts {
  platform: Record<FaultKind, number>;
  reloadBeforeSend: number;
  reloadAfterSend: number;
  pageKills: number;
  platformRestarts: number;
  syncs: number;
  records: number;
  mutations: number;
}

/** Aborts the Nth write (DBCore mutate) from now: a page killed in the middle of a transaction. */
interface KillSwitch {
  armed: number | null;
}

function openStore(name: string, kill: KillSwitch): KioskDb {
  const db = new KioskDb(name, testDataKeys());
  db.use({
    stack: 'dbcore',
    name: 'page-kill',
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req) => {
            if (kill.armed !== null) {
              kill.armed -= 1;
              if (kill.armed < 0) {
                kill.armed = null;
                return Promise.reject(new Error('page killed'));
              }
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return db;
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

/** Platform ⊆ device: a contiguous prefix of the chain, byte-identical, receipts matching. */
async function checkInvariant(device: AppDevice, final: boolean): Promise<void> {
  const { db } = device;
  const held = platformEvents(platform, device.identity.deviceId);
  const local = await db.events.orderBy('seq').toArray();
  const outbox = new Map((await db.outbox.toArray()).map((o) => [o.seq, o]));
  expect(held.map((e) => e.seq)).toEqual(held.map((_, i) => i + 1));
  expect(held.length).toBeLessThanOrEqual(local.length);
  held.forEach((h, i) => {
    expect(h.body).toBe(canonicalEvent(local[i]));
    if (i > 0) expect(local[i]?.prevHash).toBe(held[i - 1]?.hash);
  });
  for (const event of local) {
    const entry = outbox.get(event.seq);
    expect(entry?.eventId).toBe(event.eventId);
    expect(entry?.state).not.toBe('rejected');
    const platformCopy = held[event.seq - 1];
    if (entry?.receipt) expect(entry.receipt.receiptNo).toBe(platformCopy?.receipt_no);
    if (final) expect(entry?.receipt).toBeDefined();
  }
  for (const row of await db.records.toArray()) {
    const entries = await db.outbox.where('recordId').equals(row.recordId).toArray();
    expect(row.synced).toBe(isRecordSynced(entries) ? 1 : 0);
  }
  if (final) {
    expect(held).toHaveLength(local.length);
    const tally = await reconcile(db);
    expect(tally.addsUp).toBe(true);
    expect(tally.pending).toHaveLength(0);
  }
}

/** One run; returns the oracle's differences (the unmutated proof requires none). */
async function runOnce(
  random: () => number,
  counts: Counts,
  mutation: StoreMutation | null = null,
): Promise<string[]> {
  const kill: KillSwitch = { armed: null };
  const enrolled = await enrolAppDevice(platform);
  enrolled.db.close();
  const oracle = new MadeOracle();
  // The head kept outside IndexedDB, as the app keeps it; the mutated runs go without, so that
  // what they do is left to the oracle to find.
  const mirror = mutation ? null : memoryHeadMirror();
  const open = () => {
    const db = openStore(enrolled.name, kill);
    if (mirror) attachHeadMirror(db, mirror);
    return db;
  };
  const device: AppDevice = {
    ...enrolled,
    db: open(),
    signer: oracle.wrap(enrolled.signer),
  };
  let madeHere = 0;

  const reload = () => {
    device.db.close();
    device.db = open();
  };

  const makeSome = async () => {
    const n = 1 + Math.floor(random() * 4);
    for (let i = 0; i < n; i += 1) {
      madeHere += 1;
      const recordId = `${device.name}/r-${madeHere}`;
      const headBefore = await readHead(device.db);
      // A page kill during the write in one case out of five, at any of its writes.
      kill.armed = random() < 0.2 ? Math.floor(random() * 7) : null;
      oracle.begin();
      const outcome = await makeRecord(device, recordId).catch(() => null);
      const killed = outcome === null;
      kill.armed = null;
      if (outcome?.ok) oracle.made(recordId);
      else oracle.notMade();
      const [row, events, entries, image] = await Promise.all([
        device.db.records.get(recordId),
        device.db.events.where('recordId').equals(recordId).count(),
        device.db.outbox.where('recordId').equals(recordId).count(),
        device.db.blobs.get(`signature:${recordId}`),
      ]);
      if (killed) {
        counts.pageKills += 1;
        // Wholly absent: no row, no event, no outbox entry, no image, chain head unchanged.
        expect([row, events, entries, image]).toEqual([undefined, 0, 0, undefined]);
        expect(await readHead(device.db)).toEqual(headBefore);
        reload();
      } else {
        expect(outcome.ok).toBe(true);
        // Wholly there.
        expect([row?.recordId, events, entries, image?.data.length]).toEqual([recordId, 1, 1, 3]);
        counts.records += 1;
      }
    }
  };

  const audit = async () => {
    oracle.begin();
    const appended = await appendEvents(
      device.db,
      device.signer,
      () => [
        {
          deviceId: device.identity.deviceId,
          recordId: null,
          type: 'audit.clerk.signed-in',
          at: '2026-03-15T09:30:00+08:00',
          actor: { kind: 'clerk', id: 'c-7' },
          payload: { clerkId: 'c-7', role: 'clerk' },
        },
      ],
      async () => undefined,
    );
    if (appended.ok) oracle.made(null);
    else oracle.notMade();
  };

  const centralChange = async () => {
    const synced = await device.db.records.where('synced').equals(1).toArray();
    const row = synced[Math.floor(random() * synced.length)];
    if (!row) return;
    const kind = FINDING_KINDS[Math.floor(random() * FINDING_KINDS.length)] ?? 'kept';
    await platform.server.admin.createCentralChange(
      row.commitmentCode,
      demoFinding(kind, '2026-04-01'),
    );
  };

  let clockOffsetMs = 0;
  const faultySync = async () => {
    const rate = 0.55 + random() * 0.4;
    platform.server.setFaults({
      seed: Math.floor(random() * 2 ** 31),
      rate,
      kinds: [...FAULT_KINDS],
      delayMs: 5,
      hangMs: TIMEOUT_MS + 30,
      holdMs: 20,
      retryAfterSeconds: Math.floor(random() * 3),
    });
    // An app reload at a random exchange in one sync out of three: before or after it is sent.
    const reloadAt = random() < 0.35 ? 1 + Math.floor(random() * 8) : null;
    const afterSend = random() < 0.5;
    const page = new AbortController();
    let calls = 0;
    const fetchWithReload: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls !== reloadAt) return fetch(input, init);
      if (afterSend) {
        await fetch(input, init).catch(() => undefined);
        counts.reloadAfterSend += 1;
      } else counts.reloadBeforeSend += 1;
      page.abort();
      device.db.close();
      throw new TypeError('page unloaded');
    };
    // Each sync comes a few seconds of device time after the last, past any Retry-After (at most
    // 2 s here) a faulty run was told to honour.
    clockOffsetMs += 5_000;
    const offset = clockOffsetMs;
    const deps = depsFor(platform, device, {
      fetch: fetchWithReload,
      timeoutMs: TIMEOUT_MS,
      random,
      now: () => new Date(Date.now() + offset),
    });
    counts.syncs += 1;
    // A fault of the store itself, at the start of the push (the sync's first step).
    if (mutation && (await mutateStore(device.db, mutation, enrolled.signer)))
      counts.mutations += 1;
    await runSync(deps, {
      batchSize: 1 + Math.floor(random() * 6),
      retry: { maxAttempts: 4 },
      signal: page.signal,
    });
    for (const fault of platform.server.faultLog) counts.platform[fault.kind] += 1;
    platform.server.setFaults(null);
    if (page.signal.aborted) reload();
    // The device's own view is what the mutations corrupt: only the oracle judges them.
    if (!mutation) await checkInvariant(device, false);
  };

  for (let step = 0; step < STEPS_PER_RUN; step += 1) {
    const roll = random();
    if (roll < 0.35) await makeSome();
    else if (roll < 0.42) await audit();
    else if (roll < 0.46) await centralChange();
    else if (roll < 0.53) {
      await platform.server.restart();
      counts.platformRestarts += 1;
    } else await faultySync();
  }

  // The network comes back clean: everything reaches the platform, exactly once. The clock is
  // past any Retry-After (at most 2 s here) the last faulty run was told to honour.
  const afterRetryAfter = () => new Date(Date.now() + clockOffsetMs + 5_000);
  for (let i = 0; i < 3; i += 1) {
    const deps = depsFor(platform, device, { random, now: afterRetryAfter });
    const outcome = await runSync(deps, { batchSize: 50 });
    if (outcome.ok && (await device.db.outbox.where('state').equals('pending').count()) === 0)
      break;
  }
  const differences = oracleDifferences(platform, device.identity.deviceId, oracle);
  if (mutation) {
    device.db.close();
    return differences;
  }
  expect(differences).toEqual([]);
  await checkInvariant(device, true);
  const mine = new Set((await device.db.records.toArray()).map((r) => r.recordId));
  const centralHere = platform.server.admin.db
    .prepare<[], { record_id: string; change_id: string }>(
      'SELECT record_id, change_id FROM central_changes',
    )
    .all()
    .filter((c) => mine.has(c.record_id))
    .map((c) => c.change_id)
    .sort();
  const centralStored = (await device.db.central.toArray())
    .filter((c) => mine.has(c.recordId))
    .map((c) => c.changeId)
    .sort();
  expect(centralStored).toEqual(centralHere);
  device.db.close();
  return differences;
}

function newCounts(): Counts {
  return {
    platform: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    reloadBeforeSend: 0,
    reloadAfterSend: 0,
    pageKills: 0,
    platformRestarts: 0,
    syncs: 0,
    records: 0,
    mutations: 0,
  };
}

describe('randomized fault proof', () => {
  it('keeps exactly-once, byte-identical, chain-intact delivery through ≥ 1,000 injected faults', async () => {
    const started = Date.now();
    const random = prng(SEED);
    const counts = newCounts();
    for (let run = 0; run < RUNS; run += 1) await runOnce(random, counts);
    const platformFaults = Object.values(counts.platform).reduce((a, b) => a + b, 0);
    const total =
      platformFaults +
      counts.reloadBeforeSend +
      counts.reloadAfterSend +
      counts.pageKills +
      counts.platformRestarts;
    console.log(
      `sync fault proof: seed=${SEED} runs=${RUNS} syncs=${counts.syncs} records=${counts.records} ` +
        `faults=${total} (platform ${JSON.stringify(counts.platform)}, ` +
        `reloads ${counts.reloadBeforeSend}+${counts.reloadAfterSend}, page kills ${counts.pageKills}, ` +
        `restarts ${counts.platformRestarts}) result=invariant held in every run, ` +
        `the platform holds exactly what was made ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(total).toBeGreaterThanOrEqual(TARGET_FAULTS);
    for (const kind of FAULT_KINDS) expect(counts.platform[kind]).toBeGreaterThan(0);
    expect(counts.reloadBeforeSend + counts.reloadAfterSend).toBeGreaterThan(0);
    expect(counts.pageKills).toBeGreaterThan(0);
    // Alone it takes about a minute; beside the rest of the suite on two cores, up to four; on
    // the shared machine at a load average near 30 it held in 437 s.
  }, 600_000);
});

describe('the fault proof, tested', () => {
  it.each(STORE_MUTATIONS)(
    'fails when the store is mutated: %s',
    async (mutation) => {
      const random = prng(SEED);
      const counts = newCounts();
      const differences: string[] = [];
      for (let run = 0; run < MUTATION_RUNS; run += 1)
        differences.push(
          ...(await runOnce(random, counts, mutation)).map((d) => `run ${run + 1}: ${d}`),
        );
      console.log(
        `mutation ${mutation}: applied ${counts.mutations} times in ${MUTATION_RUNS} runs, ` +
          `records=${counts.records}; oracle ${differences.length > 0 ? 'FAILED (as it must)' : 'passed (the proof is blind)'}:\n  ` +
          differences.join('\n  '),
      );
      expect(counts.mutations).toBeGreaterThan(0);
      expect(differences).not.toEqual([]);
    },
    240_000,
  );
});
