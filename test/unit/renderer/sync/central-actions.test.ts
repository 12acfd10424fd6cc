import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAction } from '../../../../renderer/store/record-actions';
import { loadRecordView } from '../../../../renderer/store/records';
import { runSync } from '../../../../renderer/sync/engine';
import { reconcile } from '../../../../renderer/sync/reconcile';
import { historyRows, signedReceipt } from '../../../../renderer/clerk/records/history';
import { gatherDay } from '../../../../renderer/clerk/report/gather';
import { reconciliationRows } from '../../../../renderer/clerk/report/reconciliation-view';
import { demoFinding } from '../../../platform/central';
import { startPlatform, type TestPlatform } from '../../platform/helpers';
import { depsFor, enrolAppDevice, makeRecord, SIGNED_AT, type AppDevice } from './harness';

/**
 * What the clerk's views make of a synced device: a finding made at the platform shows in the
 * record, the report and the history, and a clerk's later action never sets the row back.
 */

let platform: TestPlatform;
let device: AppDevice;
const CLERK = { id: 'C002', role: 'clerk' } as const;

beforeAll(async () => {
  platform = await startPlatform();
  device = await enrolAppDevice(platform);
});
afterAll(() => platform.stop());

const ctx = () => ({
  db: device.db,
  signer: device.signer,
  device: device.identity,
  now: () => new Date('2026-04-02T02:00:00Z'),
});

describe('a finding made centrally, in the clerk’s views', () => {
  it('lets the clerk act on it and keeps it in the row, the report and the history', async () => {
    const id = `${device.name}/broken`;
    expect(await makeRecord(device, id)).toMatchObject({ ok: true });
    expect(await runSync(depsFor(platform, device))).toMatchObject({ ok: true });
    const row = await device.db.records.get(id);
    const made = await platform.server.admin.createCentralChange(
      row?.commitmentCode ?? '',
      demoFinding('broken', '2026-04-01'),
    );
    expect(made).toMatchObject({ ok: true });
    expect((await runSync(depsFor(platform, device))).pulled).toBe(1);
    expect((await device.db.records.get(id))?.state).toBe('broken');

    // The lifecycle sees the pulled finding: a repair may start, and the row stays past 'signed'.
    const started = await recordAction(ctx(), id, CLERK, {
      type: 'repair.started',
      payload: { startedOn: '2026-04-02' },
    });
    expect(started).toMatchObject({ ok: true, row: { state: 'repairing', synced: 0 } });
    expect((await device.db.records.get(id))?.state).toBe('repairing');
    expect((await loadRecordView(device.db, id))?.fulfilment?.status).toBe('not-kept');

    const day = row?.day ?? '';
    const report = await gatherDay(device.db, day);
    expect(report.rows.find((r) => r.recordId === id)?.state).toBe('repairing');

    // History: signed (with its receipt), the central finding, then the clerk's repair.
    const [events, central, outbox] = await Promise.all([
      device.db.events.where('recordId').equals(id).toArray(),
      device.db.central.where('recordId').equals(id).toArray(),
      device.db.outbox.where('recordId').equals(id).toArray(),
    ]);
    const source = { events, central, outbox: new Map(outbox.map((o) => [o.eventId, o])) };
    expect(historyRows(source).map((h) => [h.type, h.source])).toEqual([
      ['record.signed', 'device'],
      ['fulfilment.recorded', 'central'],
      ['repair.started', 'device'],
    ]);
    const receipt = signedReceipt(source);
    expect(receipt?.receiptNo).toMatch(/\S/);
    expect(Date.parse(receipt?.platformTime ?? '')).toBeGreaterThan(SIGNED_AT.getTime());
  });

  it('reconciles the day by count and by list, and says so when a record is unaccounted for', async () => {
    const id = `${device.name}/pending`;
    await makeRecord(device, id);
    const day = (await device.db.records.get(id))?.day ?? '';
    const before = await reconcile(device.db, { day });
    expect(before.addsUp).toBe(true);
    const rows = reconciliationRows(before);
    expect(rows.length).toBe(before.made.length);
    expect(rows.find((r) => r.recordId === id)?.state).toBe('pending');
    expect(rows.filter((r) => r.state === 'accepted').length).toBe(before.accepted.length);

    // A lost outbox entry: the count no longer adds up and the list names the record.
    const entry = await device.db.outbox.where('recordId').equals(id).first();
    await device.db.outbox.delete(entry?.eventId ?? '');
    const after = await reconcile(device.db, { day });
    expect(after.addsUp).toBe(false);
    expect(reconciliationRows(after).find((r) => r.recordId === id)).toMatchObject({
      state: 'unaccounted',
      problems: ['no-outbox-entry'],
    });
  });
});
