import 'fake-indexeddb/auto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { envelopeHash, signedBytes } from '../../../../shared/events/envelope';
import type { EventEnvelope } from '../../../../shared/events/envelope';
import { attachHeadMirror, memoryHeadMirror } from '../../../../renderer/store/head-mirror';
import { readHead } from '../../../../renderer/store/event-log';
import { runSync, startBackgroundSync } from '../../../../renderer/sync/engine';
import { declareDamagedLost } from '../../../../renderer/sync/loss';
import { reconcile } from '../../../../renderer/sync/reconcile';
import { checkStoreNow } from '../../../../renderer/sync/self-check';
import { deviceReconciliation } from '../../../platform/reconciliation';
import { loadSyncStatus } from '../../../../renderer/sync/status';
import { startPlatform, verifiers } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { depsFor, enrolAppDevice, makeRecord, platformEvents } from './harness';
import type { AppDevice } from './harness';

/**
 * The tamper cases of issue 13, each done to the device's store as someone with access to it
 * could: the device's own check (sync/self-check.ts) must find it, name the event and the reason
 * in the sync status, and send nothing on a damaged chain.
 */

let platform: TestPlatform;
let device: AppDevice;
let mirror: ReturnType<typeof memoryHeadMirror>;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());
beforeEach(async () => {
  device = await enrolAppDevice(platform);
  mirror = memoryHeadMirror();
  attachHeadMirror(device.db, mirror);
});

const rid = (id: string) => `${device.name}/${id}`;

async function records(n: number, prefix = 'r'): Promise<void> {
  for (let i = 1; i <= n; i += 1)
    expect(await makeRecord(device, rid(`${prefix}-${i}`))).toMatchObject({ ok: true });
}

async function eventAt(seq: number): Promise<EventEnvelope> {
  const event = await device.db.events.where('seq').equals(seq).first();
  if (!event) throw new Error(`no event ${seq}`);
  return event;
}

/** The same event with another payload, hashed and signed again with the device's own key. */
async function resigned(event: EventEnvelope, payload: EventEnvelope['payload']) {
  const content = { ...event, payload };
  const hash = envelopeHash(content);
  const value = await device.signer.sign(signedBytes(hash));
  return { ...content, hash, sig: { alg: device.signer.algorithm, value } };
}

/** The event deleted with its outbox entry, and the stored head rolled back to the one before. */
async function deleteWithHeadRolledBack(event: EventEnvelope): Promise<void> {
  const { db } = device;
  await db.transaction('rw', [db.events, db.outbox, db.meta], () =>
    Promise.all([
      db.events.delete(event.eventId),
      db.outbox.delete(event.eventId),
      db.meta.put({ key: 'chainHead', value: { seq: event.seq - 1, hash: event.prevHash } }),
    ]),
  );
}

const sync = () => runSync(depsFor(platform, device));
const held = () => platformEvents(platform, device.identity.deviceId).map((e) => e.seq);
const damage = async () => (await loadSyncStatus(device.db)).damage;

describe('the device checks its own chain', () => {
  it('names an already-synced event altered on the device', async () => {
    await records(3);
    expect((await sync()).ok).toBe(true);
    const second = await eventAt(2);
    // Altered in place, and (worse) altered and re-signed with the device's key.
    await device.db.events.put({ ...second, payload: { ...second.payload, validUntil: '2099' } });
    expect(await sync()).toMatchObject({ ok: false, error: 'store-damaged' });
    expect(await damage()).toEqual([{ seq: 2, eventId: second.eventId, reason: 'altered' }]);

    await device.db.events.put(await resigned(second, { ...second.payload, validUntil: '2099' }));
    await records(1, 'later');
    expect(await sync()).toMatchObject({ ok: false, error: 'store-damaged' });
    expect(await damage()).toEqual([
      { seq: 2, eventId: second.eventId, reason: 'not-as-receipted' },
    ]);
    expect(held()).toEqual([1, 2, 3]);
  });

  it('notices at start the last pending event deleted with the head rolled back', async () => {
    await records(2);
    expect((await sync()).ok).toBe(true);
    await records(1, 'unsent');
    const third = await eventAt(3);
    await deleteWithHeadRolledBack(third);
    // At start, before any network: the head kept outside IndexedDB is ahead of the store.
    const check = await checkStoreNow(device.db, verifiers);
    expect(check).toEqual({
      ok: false,
      damage: [{ seq: 3, eventId: third.eventId, reason: 'rolled-back' }],
    });
    expect(await loadSyncStatus(device.db)).toMatchObject({
      lastError: 'store-damaged',
      damage: [{ seq: 3, reason: 'rolled-back' }],
    });
    // The lost seq is not taken again by a new record.
    expect(await makeRecord(device, rid('after'))).toEqual({
      ok: false,
      error: 'chain-rolled-back',
    });
    expect((await readHead(device.db)).seq).toBe(2);
    expect((await sync()).error).toBe('store-damaged');
  });

  it('the background sync checks the store at start, offline or not', async () => {
    await records(2);
    const second = await eventAt(2);
    await device.db.events.put({ ...second, payload: { ...second.payload, validUntil: '2099' } });
    const stop = startBackgroundSync(
      {
        ...depsFor(platform, device),
        client: depsFor({ url: 'http://127.0.0.1:9' }, device).client,
      },
      { intervalMs: 60_000 },
    );
    await expect
      .poll(damage, { timeout: 5_000 })
      .toEqual([{ seq: 2, eventId: second.eventId, reason: 'altered' }]);
    stop();
  });

  it('names an event re-signed with the device key, pending at the head or within the chain', async () => {
    await records(3);
    const head = await eventAt(3);
    await device.db.events.put(await resigned(head, { ...head.payload, validUntil: '2099' }));
    expect(await sync()).toMatchObject({ ok: false, error: 'store-damaged' });
    expect(await damage()).toEqual([{ seq: 3, eventId: head.eventId, reason: 'head-rewritten' }]);

    await device.db.events.put(head);
    const first = await eventAt(1);
    await device.db.events.put(await resigned(first, { ...first.payload, validUntil: '2099' }));
    expect(await sync()).toMatchObject({ ok: false, error: 'store-damaged' });
    // Its successor is as the device signed it, and it was chained to another hash.
    expect(await damage()).toEqual([{ seq: 1, eventId: first.eventId, reason: 'broken-link' }]);
    expect(held()).toEqual([]);
  });

  it('stops safely on two pending payloads swapped, saying which and why, run after run', async () => {
    await records(1);
    expect((await sync()).ok).toBe(true);
    await records(3, 'pending');
    const [a, b] = [await eventAt(2), await eventAt(3)];
    await device.db.transaction('rw', device.db.events, () =>
      Promise.all([
        device.db.events.put({ ...a, payload: b.payload }),
        device.db.events.put({ ...b, payload: a.payload }),
      ]),
    );
    for (let run = 0; run < 3; run += 1) {
      expect(await sync()).toMatchObject({ ok: false, error: 'store-damaged' });
      expect(await damage()).toEqual([
        { seq: 2, eventId: a.eventId, reason: 'altered' },
        { seq: 3, eventId: b.eventId, reason: 'altered' },
      ]);
    }
    expect(held()).toEqual([1]);
  });

  it('names an event whose sealed payload was moved to another row (unreadable)', async () => {
    await records(3);
    const [a, b] = [await eventAt(2), await eventAt(3)];
    // Swapped below the at-rest layer: each sealed value is bound to its own row.
    const raw = device.db.backendDB();
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('events', 'readwrite');
      const store = tx.objectStore('events');
      const ra = store.get(a.eventId);
      const rb = store.get(b.eventId);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error('swap failed'));
      rb.onsuccess = () => {
        const rowA = ra.result as Record<string, unknown>;
        const rowB = rb.result as Record<string, unknown>;
        store.put({ ...rowA, $sealed: rowB.$sealed });
        store.put({ ...rowB, $sealed: rowA.$sealed });
      };
    });
    for (let run = 0; run < 2; run += 1) {
      expect(await sync()).toMatchObject({ ok: false, error: 'store-damaged' });
      expect(await damage()).toEqual([
        { seq: 2, eventId: a.eventId, reason: 'unreadable' },
        { seq: 3, eventId: b.eventId, reason: 'unreadable' },
      ]);
    }
  });

  it('finds nothing wrong with an untouched chain', async () => {
    await records(3);
    expect((await sync()).ok).toBe(true);
    expect(await checkStoreNow(device.db, verifiers)).toEqual({ ok: true, checked: 3 });
    expect(await damage()).toEqual([]);
  });
});

describe('a damaged store recovered by the supervisor procedure', () => {
  const declare = () => declareDamagedLost(depsFor(platform, device), 'sup-1');
  const platformView = () =>
    deviceReconciliation(platform.server.admin.db, device.identity.deviceId);

  it('a rolled-back head: the lost seq is declared, later records go through, the platform shows the loss', async () => {
    await records(2);
    expect((await sync()).ok).toBe(true);
    await records(1, 'unsent');
    const third = await eventAt(3);
    await deleteWithHeadRolledBack(third);
    const declared = await declare();
    expect(declared).toMatchObject({
      ok: true,
      lost: [{ seq: 3, reason: 'rolled-back', linkHash: (await eventAt(2)).hash }],
      approval: { lost: [{ seq: 3, state: 'lost' }] },
    });
    expect(await damage()).toEqual([]);
    await records(2, 'later');
    expect(await sync()).toMatchObject({ ok: true, push: { accepted: 2, rejected: 0 } });
    expect(held()).toEqual([1, 2, 4, 5]);
    expect(platformView()).toMatchObject({
      head: 5,
      received: 4,
      declaredLost: [
        { seq: 3, eventId: third.eventId, reason: 'rolled-back', supervisorId: 'sup-1' },
      ],
      undeclaredGaps: [],
    });
  });

  it('two pending payloads swapped: both declared lost, every other record synced, the reconciliation says so', async () => {
    await records(1);
    expect((await sync()).ok).toBe(true);
    await records(3, 'p');
    const [a, b] = [await eventAt(2), await eventAt(3)];
    await device.db.transaction('rw', device.db.events, () =>
      Promise.all([
        device.db.events.put({ ...a, payload: b.payload }),
        device.db.events.put({ ...b, payload: a.payload }),
      ]),
    );
    expect(await declare()).toMatchObject({
      ok: true,
      lost: [
        { seq: 2, reason: 'altered' },
        { seq: 3, reason: 'altered' },
      ],
    });
    await records(1, 'after');
    expect(await sync()).toMatchObject({ ok: true, push: { accepted: 2, rejected: 0 } });
    expect(held()).toEqual([1, 4, 5]);
    const tally = await reconcile(device.db);
    expect(tally.rejected.map((r) => [r.recordId, r.codes])).toEqual([
      [rid('p-1'), ['declared-lost']],
      [rid('p-2'), ['declared-lost']],
    ]);
    expect(tally).toMatchObject({ pending: [], addsUp: true });
    expect(tally.accepted.map((r) => r.recordId).sort()).toEqual(
      [rid('r-1'), rid('p-3'), rid('after-1')].sort(),
    );
    expect(platformView().declaredLost.map((d) => d.seq)).toEqual([2, 3]);
  });

  it('a pending event deleted from the store: once declared lost, the reconciliation adds up again', async () => {
    await records(1);
    expect((await sync()).ok).toBe(true);
    await records(2, 'p');
    // Only the event goes (its outbox entry stays), behind the app's back.
    const gone = await eventAt(2);
    await device.db.events.delete(gone.eventId);
    const before = await reconcile(device.db);
    expect(before).toMatchObject({ addsUp: false, events: { missing: 1 } });
    expect(await declare()).toMatchObject({ ok: true, lost: [{ seq: 2 }] });
    expect(await sync()).toMatchObject({ ok: true });
    const after = await reconcile(device.db);
    expect(after.events.missing).toBe(0);
    expect(after.rejected.map((r) => [r.recordId, r.codes])).toEqual([
      [rid('p-1'), ['declared-lost']],
    ]);
    expect(after).toMatchObject({ pending: [], addsUp: true });
  });

  it('a synced event altered on the device: the platform holds it, nothing is lost centrally', async () => {
    await records(3);
    expect((await sync()).ok).toBe(true);
    const second = await eventAt(2);
    await device.db.events.put({ ...second, payload: { ...second.payload, validUntil: '2099' } });
    expect(await declare()).toMatchObject({
      ok: true,
      approval: { lost: [{ seq: 2, state: 'held' }] },
    });
    await records(1, 'later');
    expect(await sync()).toMatchObject({ ok: true, push: { accepted: 1 } });
    expect(held()).toEqual([1, 2, 3, 4]);
    expect(platformView()).toMatchObject({ declaredLost: [], undeclaredGaps: [] });
  });

  it('a pending head re-signed: declared lost, the chain goes on from the event before it', async () => {
    await records(3);
    const head = await eventAt(3);
    await device.db.events.put(await resigned(head, { ...head.payload, validUntil: '2099' }));
    expect(await declare()).toMatchObject({
      ok: true,
      lost: [{ seq: 3, reason: 'head-rewritten', linkHash: (await eventAt(2)).hash }],
    });
    await records(1, 'later');
    expect(await sync()).toMatchObject({ ok: true });
    expect(held()).toEqual([1, 2, 4]);
    expect(platformView().declaredLost.map((d) => d.seq)).toEqual([3]);
  });

  it("the platform's reconciliation command names the declared loss, and the sum adds up", async () => {
    await records(2);
    expect((await sync()).ok).toBe(true);
    await records(2, 'unsent');
    const fourth = await eventAt(4);
    await deleteWithHeadRolledBack(fourth);
    const declared = await declare();
    expect(declared.ok).toBe(true);
    if (!declared.ok) return;
    await records(1, 'later');
    expect(await sync()).toMatchObject({ ok: true, push: { accepted: 2 } });
    const id = device.identity.deviceId;
    const cli = (deviceId: string) =>
      promisify(execFile)(
        process.execPath,
        [
          ...['--import', 'tsx', 'test/platform/cli.ts', 'reconciliation'],
          ...['--db', platform.dbPath, '--device', deviceId],
        ],
        { timeout: 60_000 },
      );
    const { stdout } = await cli(id);
    expect(stdout.trim().split('\n')).toEqual([
      `device ${id}: head 5, received 4, refused 0, declared lost 1, undeclared gaps 0`,
      `  declared lost: seq 4 ${fourth.eventId} (rolled-back), ` +
        `declaration ${declared.approval.declarationId} by supervisor sup-1`,
      '  adds up: 4 + 0 + 1 = 5',
    ]);
    await expect(cli('130102-01.99')).rejects.toMatchObject({
      stderr: expect.stringContaining('refused: unknown-device'),
    });
  }, 120_000);

  it('refuses to declare anything of a whole chain, and the platform refuses a declaration not signed by the device', async () => {
    await records(2);
    expect(await declare()).toEqual({ ok: false, error: 'nothing-damaged' });
    const second = await eventAt(2);
    await device.db.events.put({ ...second, payload: { ...second.payload, validUntil: '2099' } });
    const forger = await enrolAppDevice(platform);
    const forged = await declareDamagedLost(
      { ...depsFor(platform, device), signer: forger.signer },
      'sup-1',
    );
    expect(forged).toEqual({ ok: false, error: 'malformed' });
    expect(platformView().declaredLost).toEqual([]);
  });
});
