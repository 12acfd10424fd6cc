import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetDemoDevice } from '../../../../renderer/device/demo-reset';
import { loadDeviceIdentity, saveDeviceIdentity } from '../../../../renderer/device/identity';
import { createClerk, listClerks } from '../../../../renderer/store/clerks';
import { readHead } from '../../../../renderer/store/event-log';
import { consoleContext, signedRecord } from './fixture';

type Ctx = Awaited<ReturnType<typeof consoleContext>>;
let ctx: Ctx;

beforeEach(async () => {
  ctx = await consoleContext();
  await saveDeviceIdentity(ctx.db, ctx.device);
  await createClerk(ctx.db, {
    id: 'S001',
    name: '王负责',
    role: 'supervisor',
    pin: '482916',
    pinAgain: '482916',
  });
});
afterEach(async () => {
  ctx.db.close();
  await ctx.db.delete();
});

describe('leaving demo mode', () => {
  it('removes the demo chain and identity, keeping staff and settings', async () => {
    await signedRecord(ctx, 'r-1');
    await ctx.db.meta.put({ key: 'settings', value: { kept: true } });
    expect(await resetDemoDevice(ctx.db)).toEqual({ ok: true, removedRecords: 1 });
    expect(await ctx.db.events.count()).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);
    expect(await ctx.db.records.count()).toBe(0);
    expect(await ctx.db.blobs.count()).toBe(0);
    expect(await loadDeviceIdentity(ctx.db)).toBeNull();
    expect((await readHead(ctx.db)).seq).toBe(0);
    expect(await ctx.db.meta.where('key').startsWith('serial:').count()).toBe(0);
    expect(await listClerks(ctx.db)).toHaveLength(1);
    expect((await ctx.db.meta.get('settings'))?.value).toEqual({ kept: true });
  });

  it('never removes the records of an enrolled device', async () => {
    await saveDeviceIdentity(ctx.db, { ...ctx.device, demo: false });
    await signedRecord(ctx, 'r-1');
    expect(await resetDemoDevice(ctx.db)).toEqual({ ok: false, error: 'not-demo' });
    expect(await ctx.db.records.count()).toBe(1);
    expect(await ctx.db.events.count()).toBe(1);
  });
});
