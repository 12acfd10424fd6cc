import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordRow } from '../../../../renderer/store/db';
import { refreshRecordRows } from '../../../../renderer/store/records';
import { runSync } from '../../../../renderer/sync/engine';
import { startPlatform } from '../../platform/helpers';
import type { TestPlatform } from '../../platform/helpers';
import { depsFor, enrolAppDevice, makeRecord } from './harness';

/**
 * A push sets only the synced flag of its records' search rows (refreshSyncedFlags): the rows it
 * leaves are the very rows a full rebuild from events, central changes and outbox makes.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

describe('search rows after a push', () => {
  it('are synced, and equal to the rows rebuilt in full', async () => {
    const device = await enrolAppDevice(platform);
    for (const id of ['a', 'b', 'c'])
      expect(await makeRecord(device, `${device.name}/${id}`)).toMatchObject({ ok: true });
    const { db } = device;
    const rows = (): Promise<RecordRow[]> => db.records.orderBy('recordId').toArray();
    expect((await rows()).map((r) => r.synced)).toEqual([0, 0, 0]);

    expect((await runSync(depsFor(platform, device))).ok).toBe(true);
    const afterPush = await rows();
    expect(afterPush.map((r) => r.synced)).toEqual([1, 1, 1]);
    await db.transaction('rw', [db.records, db.events, db.central, db.outbox], () =>
      refreshRecordRows(
        db,
        afterPush.map((r) => r.recordId),
      ),
    );
    expect(await rows()).toEqual(afterPush);
  });
});
