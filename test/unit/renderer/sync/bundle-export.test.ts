import 'fake-indexeddb/auto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPendingBundles } from '../../../../renderer/sync/bundle-export';
import { runSync } from '../../../../renderer/sync/engine';
import { importReceipts } from '../../../../renderer/sync/receipts-import';
import { loadTrustedKeys } from '../../../../renderer/platform/trust';
import { appendEvents } from '../../../../renderer/store/event-log';
import { loadSyncStatus } from '../../../../renderer/sync/status';
import { envelopeHash, signedBytes } from '../../../../shared/events/envelope';
import { adminHeaders, startPlatform, verifiers } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import type { AppDevice } from './harness';
import { depsFor, enrolAppDevice, makeRecord, platformEvents } from './harness';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

describe('offline bundles from the device', () => {
  it('carry every pending event to the platform once; the later network sync finds them held', async () => {
    const device = await enrolAppDevice(platform);
    for (const id of ['a', 'b', 'c'])
      expect(await makeRecord(device, `${device.name}/${id}`)).toMatchObject({ ok: true });
    const deps = {
      db: device.db,
      signer: device.signer,
      device: device.identity,
      now: () => new Date(),
    };

    const exported = await exportPendingBundles(deps);
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.files).toHaveLength(1);
    expect(exported.files[0]).toMatchObject({ fromSeq: 1, toSeq: 3, events: 3 });
    const file = exported.files[0]?.bytes ?? new Uint8Array();
    expect(new TextDecoder().decode(file)).not.toContain('石家庄');

    // Imported at a connected machine, twice by mistake: held once.
    for (let i = 0; i < 2; i += 1) {
      const answer = await platform.server.admin.importBundle(file);
      expect(answer.status).toBe(200);
    }
    expect(platformEvents(platform, device.identity.deviceId).map((e) => e.seq)).toEqual([1, 2, 3]);

    // Back online: the same events come back as held, with the receipts from the import.
    const receipts = platformEvents(platform, device.identity.deviceId).map((e) => e.receipt_no);
    await runSync(depsFor(platform, device));
    const outbox = await device.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => o.state)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(outbox.map((o) => o.receipt?.receiptNo)).toEqual(receipts);
    expect(platformEvents(platform, device.identity.deviceId)).toHaveLength(3);
    expect(await exportPendingBundles(deps)).toEqual({ ok: false, error: 'no-pending' });
  });
});

describe('the receipts file carried back', () => {
  async function enrolled() {
    const device = await enrolAppDevice(platform);
    const deps = {
      db: device.db,
      deviceId: device.identity.deviceId,
      trusted: await loadTrustedKeys(device.db),
      verifiers,
    };
    return { device, deps };
  }

  /** The bundle files of the device's pending events. */
  async function exportAll(device: AppDevice) {
    const exported = await exportPendingBundles({
      db: device.db,
      signer: device.signer,
      device: device.identity,
      now: () => new Date(),
    });
    if (!exported.ok) throw new Error(exported.error);
    return exported.files;
  }

  /** Exports the device's pending events and imports the bundles at the platform's console. */
  async function carryBundles(device: AppDevice) {
    for (const file of await exportAll(device))
      expect((await platform.server.admin.importBundle(file.bytes)).status).toBe(200);
  }

  async function offlineDevice(records: readonly string[]) {
    const { device, deps } = await enrolled();
    for (const id of records)
      expect(await makeRecord(device, `${device.name}/${id}`)).toMatchObject({ ok: true });
    await carryBundles(device);
    return { device, deps };
  }

  async function receiptsOf(deviceId: string): Promise<Uint8Array> {
    const answer = await platform.server.admin.receipts(deviceId);
    if (!answer.ok) throw new Error(answer.error);
    return answer.bytes;
  }

  it('marks the records synced with the platform receipts, without network; a second import changes nothing', async () => {
    const { device, deps } = await offlineDevice(['a', 'b']);
    const file = await receiptsOf(device.identity.deviceId);
    const calls: string[] = [];
    const imported = await importReceipts(deps, file);
    expect(imported).toMatchObject({
      ok: true,
      value: { accepted: 2, refused: 0, alreadyKnown: 0 },
    });
    const outbox = await device.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => [o.state, o.receipt?.receiptNo])).toEqual(
      platformEvents(platform, device.identity.deviceId).map((e) => ['accepted', e.receipt_no]),
    );
    expect((await device.db.records.toArray()).map((r) => r.synced)).toEqual([1, 1]);
    expect(await importReceipts(deps, file)).toMatchObject({
      ok: true,
      value: { accepted: 0, refused: 0, alreadyKnown: 2 },
    });
    // Nothing is left to send when the network comes back.
    await runSync(depsFor(platform, device, { fetch: countingFetch(calls) }), { steps: ['push'] });
    expect(calls).toEqual([]);
  });

  it('refuses, changing nothing, a file that is altered, for another device, or unsigned by a trusted key', async () => {
    const { device, deps } = await offlineDevice(['a']);
    const other = await offlineDevice(['b']);
    const file = await receiptsOf(device.identity.deviceId);
    const text = new TextDecoder().decode(file);
    const pending = async () => device.db.outbox.where('state').equals('pending').count();

    const altered = text.replace(/"receiptNo":"R-(\d)/u, '"receiptNo":"R-9');
    expect(altered).not.toBe(text);
    expect(await importReceipts(deps, new TextEncoder().encode(altered))).toEqual({
      ok: false,
      error: 'bad-signature',
    });
    expect(await importReceipts(deps, await receiptsOf(other.device.identity.deviceId))).toEqual({
      ok: false,
      error: 'other-device',
    });
    expect(await importReceipts({ ...deps, trusted: [] }, file)).toEqual({
      ok: false,
      error: 'bad-signature',
    });
    expect(await importReceipts(deps, new TextEncoder().encode('{"body":'))).toEqual({
      ok: false,
      error: 'bad-format',
    });
    // A local event altered since the bundle: its receipt no longer signs what the device holds.
    const [event] = await device.db.events.orderBy('seq').toArray();
    if (!event) throw new Error('no event');
    await device.db.events.put({ ...event, hash: 'f'.repeat(64) });
    expect(await importReceipts(deps, file)).toEqual({ ok: false, error: 'bad-timestamp-token' });
    expect(await pending()).toBe(1);
    // A device put back from an older copy: the file names an event it does not hold.
    await device.db.outbox.delete(event.eventId);
    expect(await importReceipts(deps, file)).toEqual({ ok: false, error: 'unknown-event' });
  });

  it('checks the chain after an import: a receipt-bearing event altered on the device is named', async () => {
    const { device, deps } = await offlineDevice(['a', 'b', 'c']);
    const file = await receiptsOf(device.identity.deviceId);
    // The second event, still pending, altered in place: its hash and signature are untouched,
    // so its receipt's token still matches and the file is taken.
    const second = await device.db.events.where('seq').equals(2).first();
    if (!second) throw new Error('no event 2');
    await device.db.events.put({ ...second, payload: { ...second.payload, validUntil: '2099' } });
    expect((await loadSyncStatus(device.db)).damage).toEqual([]);
    expect(await importReceipts(deps, file)).toMatchObject({ ok: true, value: { accepted: 3 } });
    expect(await loadSyncStatus(device.db)).toMatchObject({
      lastError: 'store-damaged',
      damage: [{ seq: 2, eventId: second.eventId, reason: 'altered' }],
    });

    // Once it bears its receipt: the third re-hashed and re-signed with the device's own key. The
    // next import (nothing new in it) names it as not the event the platform receipted.
    const third = await device.db.events.where('seq').equals(3).first();
    if (!third) throw new Error('no event 3');
    const content = { ...third, payload: { ...third.payload, validUntil: '2099' } };
    const hash = envelopeHash(content);
    const value = await device.signer.sign(signedBytes(hash));
    await device.db.events.bulkPut([
      second,
      { ...content, hash, sig: { alg: device.signer.algorithm, value } },
    ]);
    expect(await importReceipts(deps, file)).toMatchObject({
      ok: true,
      value: { accepted: 0, alreadyKnown: 3 },
    });
    expect((await loadSyncStatus(device.db)).damage).toEqual([
      { seq: 3, eventId: third.eventId, reason: 'not-as-receipted' },
    ]);
  });

  it('carries the refusal of an event whose content the platform refused', async () => {
    const { device, deps } = await enrolled();
    const odd = await appendEvents(
      device.db,
      device.signer,
      () => [
        {
          deviceId: device.identity.deviceId,
          recordId: `${device.name}/odd`,
          type: 'record.signed',
          at: '2026-03-15T09:30:00+08:00',
          actor: { kind: 'applicant' },
          payload: { unexpected: true },
        },
      ],
      () => Promise.resolve(null),
    );
    expect(odd.ok).toBe(true);
    expect(await makeRecord(device, `${device.name}/fine`)).toMatchObject({ ok: true });
    await carryBundles(device);
    const imported = await importReceipts(deps, await receiptsOf(device.identity.deviceId));
    expect(imported).toMatchObject({ ok: true, value: { accepted: 1, refused: 1 } });
    const outbox = await device.db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => [o.state, o.rejection?.code])).toEqual([
      ['rejected', 'schema'],
      ['accepted', undefined],
    ]);
  });

  it('is written by the command line and served on the admin route, the same file either way', async () => {
    const { device, deps } = await enrolled();
    expect(await makeRecord(device, `${device.name}/a`)).toMatchObject({ ok: true });
    // The loopback admin route imports the bundle as the command line does.
    const [bundle] = await exportAll(device);
    if (!bundle) throw new Error('no bundle');
    const posted = await fetch(`${platform.url}/admin/bundles`, {
      method: 'POST',
      headers: adminHeaders(platform),
      body: new Uint8Array(bundle.bytes),
    });
    expect(posted.status).toBe(200);
    const id = device.identity.deviceId;
    const served = await fetch(`${platform.url}/admin/receipts/${encodeURIComponent(id)}`, {
      headers: adminHeaders(platform),
    });
    expect(served.status).toBe(200);
    const fromRoute = new Uint8Array(await served.arrayBuffer());
    const unknown = await fetch(`${platform.url}/admin/receipts/130102-01.99`, {
      headers: adminHeaders(platform),
    });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'unknown-device' }]);

    const dir = mkdtempSync(join(tmpdir(), 'receipts-cli-'));
    try {
      const out = join(dir, 'receipts.json');
      const args = ['--import', 'tsx', 'test/platform/cli.ts', 'receipts', '--db', platform.dbPath];
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [...args, '--device', id, '--out', out],
        { timeout: 60_000 },
      );
      expect(stdout).toContain(`verdicts for ${id} written to ${out}`);
      const fromCli = new Uint8Array(readFileSync(out));
      // Signed at different moments, so compared by what they settle.
      const verdicts = (bytes: Uint8Array) =>
        (JSON.parse(new TextDecoder().decode(bytes)) as { body: { verdicts: unknown[] } }).body
          .verdicts;
      expect(verdicts(fromCli)).toEqual(verdicts(fromRoute));
      expect(await importReceipts(deps, fromCli)).toMatchObject({
        ok: true,
        value: { accepted: verdicts(fromCli).length, refused: 0 },
      });
      await expect(
        promisify(execFile)(process.execPath, [...args, '--device', '130102-01.99', '--out', out]),
      ).rejects.toMatchObject({ stderr: expect.stringContaining('refused: unknown-device') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Counts the requests the engine makes, by path. */
function countingFetch(calls: string[]): typeof fetch {
  return (input, init) => {
    calls.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
}
