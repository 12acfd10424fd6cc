import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../../shared/events/envelope';
import type { EventEnvelope } from '../../../../shared/events/envelope';
import { timestampTokenContent } from '../../../../shared/platform/push';
import { loadCatalogue } from '../../../../renderer/services/catalogue';
import { loadStoredSnapshot } from '../../../../renderer/services/credit-snapshot';
import { KioskDb } from '../../../../renderer/store/db';
import { appendEvents } from '../../../../renderer/store/event-log';
import { loadRecordView } from '../../../../renderer/store/records';
import { verifyPlatformSignature } from '../../../../renderer/platform/trust';
import { clearStaleRunning, runSync, startBackgroundSync } from '../../../../renderer/sync/engine';
import { deviceSyncDeps } from '../../../../renderer/sync/deps';
import { saveSettings, DEFAULT_SETTINGS } from '../../../../renderer/settings/hall-settings';
import { loadPushPlan } from '../../../../renderer/sync/push';
import { listProvisionalHits } from '../../../../renderer/sync/recheck';
import { reconcile } from '../../../../renderer/sync/reconcile';
import {
  loadSyncStatus,
  subscribeSyncStatus,
  updateSyncStatus,
} from '../../../../renderer/sync/status';
import type { SyncStatus } from '../../../../renderer/sync/status';
import { demoFinding } from '../../../platform/central';
import { DEMO_REGISTER } from '../../../platform/seed';
import { COMPANY, startPlatform, verifiers } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import {
  PROVISIONAL,
  canonicalEvent,
  depsFor,
  enrolAppDevice,
  makeRecord,
  platformEvents,
} from './harness';
import type { AppDevice } from './harness';
import { testDataKeys } from '../../../support/data-keys';

let platform: TestPlatform;
let device: AppDevice;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());
beforeEach(async () => {
  platform.server.setFaults(null);
  device = await enrolAppDevice(platform);
});

/** Record ids are unique per platform (its records table), so each device's are its own. */
const rid = (id: string) => `${device.name}/${id}`;

async function records(n: number, prefix = 'r'): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    const made = await makeRecord(device, rid(`${prefix}-${i}`));
    expect(made).toMatchObject({ ok: true });
  }
}

async function localEvents(): Promise<EventEnvelope[]> {
  return device.db.events.orderBy('seq').toArray();
}

/** Counts the requests the engine makes, by path. */
function countingFetch(calls: string[]): typeof fetch {
  return (input, init) => {
    calls.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
}

describe('push', () => {
  it('sends every event exactly once, byte-identical, and marks records synced with verified receipts', async () => {
    await records(3);
    const deps = depsFor(platform, device);
    const outcome = await runSync(deps, { batchSize: 2 });
    expect(outcome).toMatchObject({ ran: true, ok: true, error: null });
    expect(outcome.push).toMatchObject({ accepted: 3, duplicate: 0, rejected: 0, batches: 2 });

    const held = platformEvents(platform, device.identity.deviceId);
    const mine = await localEvents();
    expect(held.map((e) => e.body)).toEqual(mine.map(canonicalEvent));
    const outbox = await device.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => o.state)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(outbox.map((o) => o.receipt?.receiptNo)).toEqual(held.map((e) => e.receipt_no));
    for (const [i, o] of outbox.entries()) {
      const receipt = o.receipt;
      if (!receipt) throw new Error('no receipt');
      const content = timestampTokenContent(mine[i]?.hash ?? '', receipt.platformTime);
      expect(
        await verifyPlatformSignature(
          content,
          receipt.token,
          [platform.server.trustedKey],
          verifiers,
        ),
      ).toBe(true);
    }
    expect((await device.db.records.toArray()).map((r) => r.synced)).toEqual([1, 1, 1]);
    expect(await loadPushPlan({ db: device.db })).toBeNull();

    const calls: string[] = [];
    const again = await runSync(depsFor(platform, device, { fetch: countingFetch(calls) }));
    expect(again.push).toMatchObject({ accepted: 0, batches: 0 });
    expect(calls).not.toContain('/v1/push');
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(3);
  });

  it('resends the same batch under the same batchId after a crash between send and verdict storage', async () => {
    await records(4);
    const sentBatchIds: string[] = [];
    let crashed = false;
    const page = new AbortController();
    // The platform commits, then the page dies before the answer is read: a reload follows.
    const crashing: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (path === '/v1/push') {
        sentBatchIds.push((JSON.parse(String(init?.body)) as { batchId: string }).batchId);
        if (!crashed) {
          crashed = true;
          await fetch(input, init);
          device.db.close();
          page.abort();
          throw new TypeError('page unloaded');
        }
      }
      return fetch(input, init);
    };
    const first = await runSync(depsFor(platform, device, { fetch: crashing }), {
      signal: page.signal,
    });
    expect(first.ok).toBe(false);
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(4);

    device.db = new KioskDb(device.name, testDataKeys());
    const plan = await loadPushPlan({ db: device.db });
    expect(plan?.eventIds).toHaveLength(4);
    expect(await device.db.outbox.where('state').equals('pending').count()).toBe(4);

    // The reload comes an hour later: the stored answer's times are an hour old, which is not
    // the device clock's fault.
    const later = () => new Date(Date.now() + 3_600_000);
    const second = await runSync(depsFor(platform, device, { fetch: crashing, now: later }));
    expect(second.ok).toBe(true);
    expect(second.clockSkewMs).toBeNull();
    expect((await loadSyncStatus(device.db)).clockSkewFlagged).toBe(false);
    expect(sentBatchIds).toHaveLength(2);
    expect(sentBatchIds[1]).toBe(sentBatchIds[0]);
    expect(sentBatchIds[0]).toBe(plan?.batchId);
    const held = platformEvents(platform, device.identity.deviceId);
    expect(held.map((e) => e.body)).toEqual((await localEvents()).map(canonicalEvent));
    expect((await device.db.records.toArray()).every((r) => r.synced === 1)).toBe(true);
    const batches = platform.server.admin.db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM batches WHERE device_id = ?')
      .get(device.identity.deviceId);
    expect(batches?.n).toBe(1);
  });

  it('honours Retry-After and backs off with full jitter on 5xx', async () => {
    await records(1);
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'rate-limit', '2': 'status-503', '3': 'status-500', '4': 'status-500' },
      exchanges: ['push'],
      retryAfterSeconds: 7,
    });
    const deps = depsFor(platform, device, { random: () => 0.5 });
    const outcome = await runSync(deps, {
      steps: ['push'],
      retry: { baseMs: 20, capMs: 150, maxAttempts: 6 },
    });
    expect(outcome.ok).toBe(true);
    // 7 s twice as told, then half (random 0.5) of min(cap, base·2^n) for retries 2 and 3.
    expect(deps.waits).toEqual([7000, 7000, 40, 75]);
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(1);
  });

  it('honours a Retry-After longer than a run waits in the next runs too, then clears it', async () => {
    await records(1);
    platform.server.setFaults({
      seed: 1,
      schedule: { '1': 'rate-limit' },
      exchanges: ['push'],
      retryAfterSeconds: 3600,
    });
    const first = await runSync(depsFor(platform, device), { steps: ['push'] });
    expect(first).toMatchObject({ ok: false, error: 'rate-limited' });
    const asked = (await loadSyncStatus(device.db)).notBefore;
    expect(Date.parse(asked ?? '') - Date.now()).toBeGreaterThan(3_590_000);

    // "Sync now" a minute later: the platform is not called.
    const calls: string[] = [];
    const soon = () => new Date(Date.now() + 60_000);
    const again = await runSync(
      depsFor(platform, device, { fetch: countingFetch(calls), now: soon }),
      {
        steps: ['push'],
      },
    );
    expect(again).toMatchObject({ ok: false, error: 'rate-limited' });
    expect(calls).toEqual([]);
    expect((await loadSyncStatus(device.db)).notBefore).toBe(asked);

    // After the hour: sent, and the wait is over.
    platform.server.setFaults(null);
    const later = () => new Date(Date.now() + 3_601_000);
    const after = await runSync(depsFor(platform, device, { now: later }), { steps: ['push'] });
    expect(after.ok).toBe(true);
    expect((await loadSyncStatus(device.db)).notBefore).toBeNull();
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(1);
  });

  it('gives up for this run after the last attempt and records the error', async () => {
    await records(1);
    platform.server.setFaults({ seed: 1, rate: 1, kinds: ['status-500'], exchanges: ['push'] });
    const deps = depsFor(platform, device);
    const outcome = await runSync(deps, { steps: ['push'], retry: { maxAttempts: 3 } });
    expect(outcome).toMatchObject({ ok: false, error: 'internal' });
    expect(deps.waits).toHaveLength(2);
    expect(await loadSyncStatus(device.db)).toMatchObject({
      running: false,
      lastError: 'internal',
      pending: 1,
    });
    expect(await device.db.outbox.where('state').equals('pending').count()).toBe(1);
  });

  it('never resends a 4xx blindly', async () => {
    await records(1);
    const calls: string[] = [];
    // A proxy that mangles the body: the platform refuses it as malformed.
    const mangling: typeof fetch = (input, init) => {
      calls.push(new URL(String(input)).pathname);
      return fetch(input, { ...init, body: '{"interfaceVersion":1}' });
    };
    const deps = depsFor(platform, device, { fetch: mangling });
    const outcome = await runSync(deps, { steps: ['push'] });
    expect(outcome).toMatchObject({ ok: false, error: 'malformed' });
    expect(calls).toEqual(['/v1/push']);
    expect(deps.waits).toEqual([]);
  });
});

describe('rejection and tampering', () => {
  it('an altered local event stops the push before anything is sent, named in the status', async () => {
    await records(3);
    const second = (await localEvents())[1];
    if (!second) throw new Error('no event');
    await device.db.events.put({
      ...second,
      payload: { ...second.payload, validUntil: '2099-12-31' },
    });
    const calls: string[] = [];
    const outcome = await runSync(depsFor(platform, device, { fetch: countingFetch(calls) }), {
      steps: ['push'],
    });
    expect(outcome).toMatchObject({ ok: false, error: 'store-damaged', push: null });
    expect(calls).toEqual([]);
    expect((await loadSyncStatus(device.db)).damage).toEqual([
      { seq: 2, eventId: second.eventId, reason: 'altered' },
    ]);
    const outbox = await device.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => o.state)).toEqual(['pending', 'pending', 'pending']);
    // Every later run says the same, never 'internal'.
    const again = await runSync(depsFor(platform, device, { fetch: countingFetch(calls) }));
    expect(again.error).toBe('store-damaged');
    expect(calls.filter((c) => c === '/v1/push')).toEqual([]);
  });

  it('an event the platform refuses for its content holds back neither later records nor later syncs', async () => {
    await records(1);
    // A device and a platform that disagree on a payload's schema (say, after a platform update).
    const odd = await appendEvents(
      device.db,
      device.signer,
      () => [
        {
          deviceId: device.identity.deviceId,
          recordId: rid('odd'),
          type: 'record.signed',
          at: '2026-03-15T09:30:00+08:00',
          actor: { kind: 'applicant' },
          payload: { unexpected: true },
        },
      ],
      () => Promise.resolve(null),
    );
    expect(odd).toMatchObject({ ok: true });
    await records(2, 's');
    const outcome = await runSync(depsFor(platform, device), { steps: ['push'] });
    expect(outcome.push).toMatchObject({ accepted: 3, rejected: 1 });
    const outbox = await device.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => [o.state, o.rejection?.code])).toEqual([
      ['accepted', undefined],
      ['rejected', 'schema'],
      ['accepted', undefined],
      ['accepted', undefined],
    ]);
    const rows = await device.db.records.orderBy('recordId').toArray();
    expect(rows.map((r) => [r.recordId, r.synced])).toEqual([
      [rid('r-1'), 1],
      [rid('s-1'), 1],
      [rid('s-2'), 1],
    ]);
    await records(1, 't');
    const next = await runSync(depsFor(platform, device), { steps: ['push'] });
    expect(next.push).toMatchObject({ accepted: 1, rejected: 0 });
    expect(platformEvents(platform, device.identity.deviceId).map((e) => e.seq)).toEqual([
      1, 3, 4, 5,
    ]);
  });

  it('a deleted local record is found missing before the push, and nothing is sent', async () => {
    await records(3);
    const second = (await localEvents())[1];
    if (!second) throw new Error('no event');
    await device.db.transaction('rw', [device.db.events, device.db.outbox], async () => {
      await device.db.events.delete(second.eventId);
      await device.db.outbox.delete(second.eventId);
    });
    const outcome = await runSync(depsFor(platform, device), { steps: ['push'] });
    expect(outcome.error).toBe('store-damaged');
    expect((await loadSyncStatus(device.db)).damage).toEqual([
      { seq: 2, eventId: second.eventId, reason: 'missing' },
    ]);
    expect(platformEvents(platform, device.identity.deviceId)).toEqual([]);
  });

  it('a synced record replaced by a re-signed one is a chain fork', async () => {
    await records(2);
    await runSync(depsFor(platform, device), { steps: ['push'] });
    const [first, second] = await localEvents();
    if (!first || !second) throw new Error('no events');
    const forged = await sealEvent(
      {
        deviceId: second.deviceId,
        recordId: second.recordId,
        type: second.type,
        at: second.at,
        actor: second.actor,
        payload: { ...second.payload, validUntil: '2099-12-31' },
      },
      { seq: first.seq, hash: first.hash },
      device.signer,
    );
    if (!forged.ok) throw new Error('seal failed');
    await device.db.transaction('rw', [device.db.events, device.db.outbox], async () => {
      await device.db.events.put(forged.event);
      await device.db.outbox.put({
        eventId: second.eventId,
        seq: second.seq,
        recordId: second.recordId,
        state: 'pending',
        attempts: 0,
      });
    });
    await runSync(depsFor(platform, device), { steps: ['push'] });
    expect((await device.db.outbox.get(second.eventId))?.rejection?.code).toBe('chain-fork');
  });
});

describe('pull', () => {
  it('applies a central change once and folds it into the record', async () => {
    await records(2);
    await runSync(depsFor(platform, device));
    const row = await device.db.records.get(rid('r-1'));
    if (!row) throw new Error('no row');
    const made = await platform.server.admin.createCentralChange(
      row.commitmentCode,
      demoFinding('broken', '2026-04-01'),
    );
    expect(made).toMatchObject({ ok: true });

    const outcome = await runSync(depsFor(platform, device));
    expect(outcome.pulled).toBe(1);
    expect(await device.db.central.count()).toBe(1);
    expect((await device.db.records.get(rid('r-1')))?.state).toBe('broken');
    expect((await device.db.records.get(rid('r-2')))?.state).toBe('signed');
    expect((await loadRecordView(device.db, rid('r-1')))?.fulfilment?.status).toBe('not-kept');

    // From the beginning again (a lost cursor): the same change is not applied twice.
    await device.db.meta.delete('pullCursor');
    const again = await runSync(depsFor(platform, device));
    expect(again.pulled).toBe(0);
    expect(await device.db.central.count()).toBe(1);
    expect((await device.db.records.get(rid('r-1')))?.state).toBe('broken');
  });

  it('refuses central changes whose platform signature does not verify', async () => {
    await records(1);
    await runSync(depsFor(platform, device));
    const row = await device.db.records.get(rid('r-1'));
    const made = await platform.server.admin.createCentralChange(
      row?.commitmentCode ?? '',
      demoFinding('kept', '2026-04-01'),
    );
    expect(made).toMatchObject({ ok: true });
    const heldBefore = await device.db.central.count();
    const cursorBefore = await device.db.meta.get('pullCursor');
    const forging: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (new URL(String(input)).pathname !== '/v1/pull') return response;
      const body = (await response.json()) as { changes: { commitmentCode: string }[] };
      body.changes.forEach((c) => (c.commitmentCode = c.commitmentCode.replace(/.$/, '9')));
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const outcome = await runSync(depsFor(platform, device, { fetch: forging }), {
      steps: ['pull'],
    });
    expect(outcome.error).toBe('bad-central-signature');
    expect(await device.db.central.count()).toBe(heldBefore);
    expect(await device.db.meta.get('pullCursor')).toEqual(cursorBefore);
  });
});

describe('refresh and re-check', () => {
  it('stores the verified catalogue and credit snapshot, then finds them current', async () => {
    const outcome = await runSync(depsFor(platform, device));
    expect(outcome.ok).toBe(true);
    const catalogue = await loadCatalogue(device.db, false);
    expect(catalogue?.source).toBe('platform');
    const snapshot = await loadStoredSnapshot(device.db);
    expect(snapshot?.unrepaired.size).toBeGreaterThan(0);
    const calls: string[] = [];
    await runSync(depsFor(platform, device, { fetch: countingFetch(calls) }));
    expect(calls).toContain('/v1/catalogue');
    expect((await loadStoredSnapshot(device.db))?.issuedAt).toBe(snapshot?.issuedAt);
  });

  it('re-checks provisional pre-checks online and lists a hit for the clerk', async () => {
    const bad = DEMO_REGISTER.find((e) => e.status === 'unrepaired' && e.idType === 'uscc');
    if (!bad) throw new Error('no unrepaired entity in the seed');
    await makeRecord(device, rid('p-hit'), {
      entity: { ...COMPANY, idNumber: bad.identifier, name: bad.name },
      precheck: PROVISIONAL,
    });
    // Earlier tests' findings change COMPANY's status on this platform; this one stays 'repaired'.
    const repaired = DEMO_REGISTER.find((e) => e.status === 'repaired');
    await makeRecord(device, rid('p-clean'), {
      entity: { ...COMPANY, idNumber: repaired?.identifier ?? '', name: repaired?.name ?? '' },
      precheck: PROVISIONAL,
    });
    // A credit repair by a listed entity: the record is why it came, so the re-check is no hit.
    await makeRecord(device, rid('p-repair'), {
      entity: { ...COMPANY, idNumber: bad.identifier, name: bad.name },
      commitmentType: 'credit-repair',
      precheck: PROVISIONAL,
    });
    await makeRecord(device, rid('ordinary'));
    const outcome = await runSync(depsFor(platform, device));
    expect(outcome.ok).toBe(true);
    const hits = await listProvisionalHits(device.db);
    expect(hits.map((h) => [h.recordId, h.status])).toEqual([[rid('p-hit'), 'unrepaired']]);
    expect((await loadRecordView(device.db, rid('p-repair')))?.recheck?.outcome).toBe(
      'not-eligible',
    );
    const rows = await device.db.records.toArray();
    expect(rows.every((r) => r.provisional === 0)).toBe(true);
    expect(rows.every((r) => r.synced === 1)).toBe(true);
    expect((await loadRecordView(device.db, rid('p-hit')))?.recheck?.outcome).toBe('not-eligible');
    // The re-checks are signed events of the chain and reached the platform in the same run.
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(7);
  });
});

describe('status, skew, lock and reconciliation', () => {
  it('flags a device clock off by more than the tolerance', async () => {
    await records(1);
    const ahead = () => new Date(Date.now() + 10 * 60_000);
    const outcome = await runSync(depsFor(platform, device, { now: ahead }), {
      steps: ['push'],
    });
    expect(outcome.clockSkewMs).toBeGreaterThan(9 * 60_000);
    const status = await loadSyncStatus(device.db);
    expect(status.clockSkewFlagged).toBe(true);

    await records(1, 's');
    await runSync(depsFor(platform, device), { steps: ['push'], clockToleranceMs: 5 * 60_000 });
    expect(await loadSyncStatus(device.db)).toMatchObject({ clockSkewFlagged: false });
  });

  it('publishes progress to subscribers and ends with the pending count and last success', async () => {
    await records(3);
    const seen: SyncStatus[] = [];
    const stop = subscribeSyncStatus(device.db, (s) => seen.push(s));
    await runSync(depsFor(platform, device), { batchSize: 1 });
    stop();
    expect(seen[0]?.running).toBe(true);
    expect(
      seen.some((s) => s.phase === 'push' && s.progress.done === 2 && s.progress.total === 3),
    ).toBe(true);
    expect(seen.at(-1)).toMatchObject({
      running: false,
      phase: 'idle',
      pending: 0,
      lastError: null,
    });
    expect(seen.at(-1)?.lastSuccessAt).not.toBeNull();
  });

  it('runs one sync at a time per store', async () => {
    await records(2);
    const deps = depsFor(platform, device);
    const [a, b] = await Promise.all([runSync(deps), runSync(deps)]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(2);
  });

  it('reconciles made = accepted + rejected + pending, and says when it does not add up', async () => {
    await records(2, 'a');
    await runSync(depsFor(platform, device), { steps: ['push'] });
    // A record the platform refuses for its content (a device and platform that disagree).
    const odd = await appendEvents(
      device.db,
      device.signer,
      () => [
        {
          deviceId: device.identity.deviceId,
          recordId: rid('x-1'),
          type: 'record.signed',
          at: '2026-03-15T09:30:00+08:00',
          actor: { kind: 'applicant' },
          payload: { unexpected: true },
        },
      ],
      () => Promise.resolve(null),
    );
    expect(odd).toMatchObject({ ok: true });
    await runSync(depsFor(platform, device), { steps: ['push'] });
    await records(2, 'p');

    const result = await reconcile(device.db);
    expect(result.made).toHaveLength(5);
    expect(result.accepted.map((r) => r.recordId).sort()).toEqual([rid('a-1'), rid('a-2')]);
    expect(result.rejected.map((r) => [r.recordId, r.codes])).toEqual([[rid('x-1'), ['schema']]]);
    expect(result.pending.map((r) => r.recordId).sort()).toEqual([rid('p-1'), rid('p-2')]);
    expect(result.addsUp).toBe(true);
    expect(result.accepted[0]?.commitmentCode).toMatch(/^\d{20}$/);

    const lost = await device.db.outbox.where('recordId').equals(rid('p-1')).first();
    await device.db.outbox.delete(lost?.eventId ?? '');
    const broken = await reconcile(device.db);
    expect(broken.addsUp).toBe(false);
    expect(broken.unaccounted).toEqual([
      expect.objectContaining({ recordId: rid('p-1'), reason: 'no-outbox-entry' }),
    ]);
  });
});

describe('background and on-demand', () => {
  it('syncs in the background until stopped, and records going offline', async () => {
    await records(2);
    const calls: string[] = [];
    const stop = startBackgroundSync(depsFor(platform, device, { fetch: countingFetch(calls) }), {
      intervalMs: 30,
    });
    await expect.poll(() => platformEvents(platform, device.identity.deviceId).length).toBe(2);
    await expect.poll(() => calls.filter((c) => c === '/v1/pull').length).toBeGreaterThan(1);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls.length).toBe(after);

    const offline = depsFor({ url: 'http://127.0.0.1:9' }, device);
    const outcome = await runSync(offline, { retry: { maxAttempts: 2 } });
    expect(outcome).toMatchObject({ ok: false, error: 'network' });
    expect(await loadSyncStatus(device.db)).toMatchObject({ online: false, lastError: 'network' });

    // A run the app stops (its screen closed), before or during an exchange, tells nothing new:
    // the last real outcome stays.
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError')));
      });
    for (const when of ['before', 'during'] as const) {
      const stopper = new AbortController();
      if (when === 'before') stopper.abort();
      else setTimeout(() => stopper.abort(), 50);
      const stopped = await runSync(depsFor(platform, device, { fetch: hanging }), {
        signal: stopper.signal,
      });
      expect(stopped, when).toMatchObject({ ran: true, ok: false, error: 'aborted' });
      expect(await loadSyncStatus(device.db), when).toMatchObject({
        running: false,
        online: false,
        lastError: 'network',
      });
    }
  });

  it('says "offline" at the first unanswered request, not after the retries give up', async () => {
    await records(1);
    await updateSyncStatus(device.db, { online: true });
    const seen: boolean[] = [];
    const deps = depsFor({ url: 'http://127.0.0.1:9' }, device);
    const outcome = await runSync(
      {
        ...deps,
        // At the first backoff wait, what does the status line already say?
        sleep: async () => {
          seen.push((await loadSyncStatus(device.db)).online);
        },
      },
      { retry: { maxAttempts: 3 }, steps: ['push'] },
    );
    expect(outcome).toMatchObject({ ok: false, error: 'network' });
    expect(seen).toEqual([false, false]);

    // A platform that answers on the second try: offline while it did not, online at the end.
    let calls = 0;
    const flaky: typeof fetch = (input, init) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new TypeError('refused')) : fetch(input, init);
    };
    const during: boolean[] = [];
    const back = depsFor(platform, device, { fetch: flaky });
    const recovered = await runSync(
      {
        ...back,
        sleep: async () => {
          during.push((await loadSyncStatus(device.db)).online);
        },
      },
      { steps: ['push'] },
    );
    expect(recovered).toMatchObject({ ok: true });
    expect(during).toEqual([false]);
    expect(await loadSyncStatus(device.db)).toMatchObject({ online: true, lastError: null });
  });

  it('clears a "running" status a crash left behind, but not one of a sync that runs', async () => {
    await updateSyncStatus(device.db, { running: true, phase: 'push' });
    await clearStaleRunning(device.db);
    expect(await loadSyncStatus(device.db)).toMatchObject({ running: false, phase: 'idle' });

    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError')));
      });
    const stopper = new AbortController();
    await records(1);
    const run = runSync(depsFor(platform, device, { fetch: hanging }), { signal: stopper.signal });
    await expect.poll(async () => (await loadSyncStatus(device.db)).running).toBe(true);
    await clearStaleRunning(device.db);
    expect((await loadSyncStatus(device.db)).running).toBe(true);
    stopper.abort();
    await run;
  });

  it('builds its dependencies from the hall settings and the stored identity', async () => {
    expect(await deviceSyncDeps(device.db)).toBeNull();
    await saveSettings(device.db, { ...DEFAULT_SETTINGS, platformUrl: platform.url });
    const deps = await deviceSyncDeps(device.db);
    expect(deps?.client.deviceId).toBe(device.identity.deviceId);
    await records(1);
    if (!deps) throw new Error('no deps');
    expect(await runSync(deps, { steps: ['push'] })).toMatchObject({ ok: true });
  });
});

describe('store upgrade', () => {
  it('keeps every version 1 row when the store opens at version 2', async () => {
    const name = `upgrade-${process.pid}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      events: '&eventId, &seq, recordId, type',
      outbox: '&eventId, &seq, state, recordId',
      records:
        '&recordId, &commitmentCode, day, signedAt, matterCode, state, synced, entityName, idNumber',
      blobs: '&key',
      meta: '&key',
    });
    await v1
      .table('outbox')
      .add({ eventId: 'd:1', seq: 1, recordId: 'r', state: 'pending', attempts: 0 });
    await v1.table('meta').add({ key: 'x', value: 42 });
    v1.close();
    const v2 = new KioskDb(name, testDataKeys());
    expect(await v2.outbox.get('d:1')).toMatchObject({ state: 'pending' });
    expect((await v2.meta.get('x'))?.value).toBe(42);
    expect(await v2.central.count()).toBe(0);
    expect(
      await v2.outbox.where('[state+seq]').between(['pending', 0], ['pending', Infinity]).count(),
    ).toBe(1);
    v2.close();
  });
});

describe('page kill during a local write', () => {
  it('leaves a record wholly there or wholly absent', async () => {
    await records(1);
    const before = await device.db.events.count();
    const killed = await appendEvents(
      device.db,
      device.signer,
      () => [
        {
          deviceId: device.identity.deviceId,
          recordId: null,
          type: 'audit.clerk.signed-in',
          at: '2026-03-15T09:30:00+08:00',
          actor: { kind: 'clerk', id: 'c-1' },
          payload: { clerkId: 'c-1', role: 'clerk' },
        },
      ],
      async () => {
        throw new Error('killed');
      },
    ).catch((e: unknown) => e);
    expect(killed).toBeInstanceOf(Error);
    expect(await device.db.events.count()).toBe(before);
    expect(await device.db.outbox.count()).toBe(before);
  });
});
