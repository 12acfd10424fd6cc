import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPendingBundles } from '../../../../renderer/sync/bundle-export';
import { runSync } from '../../../../renderer/sync/engine';
import { startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
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
