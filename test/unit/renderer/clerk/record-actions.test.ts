import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClerk } from '../../../../renderer/store/clerks';
import { recordAction, voidRecord } from '../../../../renderer/store/record-actions';
import { ORGAN_USCC } from '../../shared/record/fixtures';
import { consoleContext, markSynced, signedRecord } from './fixture';

type Ctx = Awaited<ReturnType<typeof consoleContext>>;
let ctx: Ctx;

beforeEach(async () => {
  ctx = await consoleContext();
  await createClerk(ctx.db, {
    id: 'S001',
    name: '王负责',
    role: 'supervisor',
    pin: '482916',
    pinAgain: '482916',
  });
  await createClerk(ctx.db, {
    id: 'C002',
    name: '李窗口',
    role: 'clerk',
    pin: '735190',
    pinAgain: '735190',
  });
});
afterEach(async () => {
  ctx.db.close();
  await ctx.db.delete();
});

const CLERK = { id: 'C002', role: 'clerk' } as const;
const REASON = { reasonCode: 'entered-in-error', reasonText: '录入错误' } as const;

describe('clerk actions on a record', () => {
  it('voids an unsynced record with a reason, signed as the clerk, and refuses a second void', async () => {
    const record = await signedRecord(ctx, 'r-1');
    const voided = await voidRecord(ctx, record.recordId, CLERK, REASON);
    expect(voided).toMatchObject({ ok: true, row: { state: 'voided', synced: 0 } });
    const last = (await ctx.db.events.orderBy('seq').toArray()).at(-1);
    expect(last).toMatchObject({
      type: 'record.voided',
      actor: { kind: 'clerk', id: 'C002' },
      payload: { by: 'C002', reasonCode: 'entered-in-error' },
    });
    expect(await ctx.db.outbox.where('state').equals('pending').count()).toBe(2);
    expect(await voidRecord(ctx, record.recordId, CLERK, REASON)).toEqual({
      ok: false,
      error: 'already-voided',
    });
    expect(await ctx.db.events.count()).toBe(2);
  });

  it('needs a supervisor PIN to void a synced record, and signs the approver in', async () => {
    const record = await signedRecord(ctx, 'r-1');
    await markSynced(ctx, record.recordId);
    expect(await voidRecord(ctx, record.recordId, CLERK, REASON)).toEqual({
      ok: false,
      error: 'approval-required',
    });
    expect(
      await voidRecord(ctx, record.recordId, CLERK, REASON, { clerkId: 'S001', pin: '000001' }),
    ).toEqual({ ok: false, error: 'approval-failed' });
    expect(
      await voidRecord(ctx, record.recordId, CLERK, REASON, { clerkId: 'C002', pin: '735190' }),
    ).toEqual({ ok: false, error: 'self-approved' });
    await createClerk(ctx.db, {
      id: 'C003',
      name: '赵窗口',
      role: 'clerk',
      pin: '590317',
      pinAgain: '590317',
    });
    expect(
      await voidRecord(ctx, record.recordId, CLERK, REASON, { clerkId: 'C003', pin: '590317' }),
    ).toEqual({ ok: false, error: 'approver-not-supervisor' });
    expect(await ctx.db.events.count()).toBe(1);
    const approved = await voidRecord(ctx, record.recordId, CLERK, REASON, {
      clerkId: 'S001',
      pin: '482916',
    });
    expect(approved).toMatchObject({ ok: true, row: { state: 'voided' } });
    const last = (await ctx.db.events.orderBy('seq').toArray()).at(-1);
    expect(last?.payload).toMatchObject({ by: 'C002', approvedBy: 'S001' });
  });

  it('lets a supervisor void a synced record alone', async () => {
    const record = await signedRecord(ctx, 'r-1');
    await markSynced(ctx, record.recordId);
    const voided = await voidRecord(
      ctx,
      record.recordId,
      { id: 'S001', role: 'supervisor' },
      REASON,
    );
    expect(voided).toMatchObject({ ok: true });
  });

  it('records a broken commitment with the permit revoked, and refuses a second outcome', async () => {
    const record = await signedRecord(ctx, 'r-1');
    const outcome = {
      type: 'fulfilment.recorded',
      payload: {
        status: 'false-commitment',
        notKept: '承诺的场所与实际不符',
        permitRevoked: true,
        findingDate: '2026-11-25',
        findingOrgan: { name: '长安区市场监督管理局', code: ORGAN_USCC },
      },
    } as const;
    const first = await recordAction(ctx, record.recordId, CLERK, outcome);
    expect(first).toMatchObject({ ok: true });
    if (first.ok) expect(['broken', 'revoked']).toContain(first.row.state);
    expect(await recordAction(ctx, record.recordId, CLERK, outcome)).toMatchObject({ ok: false });
  });

  it('refuses an action on a record the device does not hold', async () => {
    expect(await voidRecord(ctx, 'nope', CLERK, REASON)).toEqual({ ok: false, error: 'not-found' });
    expect(await ctx.db.events.count()).toBe(0);
  });
});
