import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeOwnPin,
  createClerk,
  MAX_FAILED_ATTEMPTS,
  signIn,
  verifyClerkPin,
  type Clerk,
  type NewClerk,
} from '../../../../renderer/store/clerks';
import { writeMetaOf } from '../../../../renderer/store/meta';
import {
  changeClerkRole,
  listStaff,
  normaliseStaffNumbers,
  resetClerkPin,
  setClerkDisabled,
  unlockClerk,
} from '../../../../renderer/store/staff-admin';
import { consoleContext } from './fixture';

type Ctx = Awaited<ReturnType<typeof consoleContext>>;
let ctx: Ctx;

const SUPERVISOR: Clerk = { id: 'S001', name: '王负责', role: 'supervisor' };
const CLERK: Clerk = { id: 'C002', name: '李窗口', role: 'clerk' };
const withPin = (c: Clerk, pin: string): NewClerk => ({ ...c, pin, pinAgain: pin });

beforeEach(async () => {
  ctx = await consoleContext();
  await createClerk(ctx.db, withPin(SUPERVISOR, '482916'));
  await createClerk(ctx.db, withPin(CLERK, '735190'));
});
afterEach(async () => {
  ctx.db.close();
  await ctx.db.delete();
});

const auditTypes = async () =>
  (await ctx.db.events.orderBy('seq').toArray()).map((e) => [e.type, e.actor.id, e.payload]);

describe('staff management', () => {
  it('unlocks a locked clerk, who then signs in with their PIN', async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) await signIn(ctx, 'C002', '000001');
    expect(await signIn(ctx, 'C002', '735190')).toMatchObject({ reason: 'locked-out' });
    expect((await listStaff(ctx.db)).find((s) => s.id === 'C002')?.lockedForMs).toBeGreaterThan(0);
    expect(await unlockClerk(ctx, SUPERVISOR, 'c002')).toEqual({ ok: true });
    expect(await signIn(ctx, 'C002', '735190')).toMatchObject({ ok: true });
    expect(await auditTypes()).toContainEqual([
      'audit.clerk.unlocked',
      'S001',
      { by: 'S001', clerkId: 'C002' },
    ]);
  });

  it('resets a PIN to a one-time one the clerk must replace before working', async () => {
    expect(
      await resetClerkPin(ctx, SUPERVISOR, 'C002', { pin: '123456', pinAgain: '123456' }),
    ).toEqual({ ok: false, error: 'weak-pin' });
    expect(
      await resetClerkPin(ctx, SUPERVISOR, 'C002', { pin: '610483', pinAgain: '610483' }),
    ).toEqual({ ok: true });
    expect(await verifyClerkPin(ctx.db, 'C002', '735190')).toMatchObject({ ok: false });
    expect(await signIn(ctx, 'C002', '610483')).toMatchObject({ ok: true, mustChangePin: true });
    // Not signed in yet: no signed-in event until the new PIN is set.
    expect((await auditTypes()).filter(([t]) => t === 'audit.clerk.signed-in')).toEqual([]);
    expect(
      await changeOwnPin(ctx, 'C002', '610483', { pin: '610483', pinAgain: '610483' }),
    ).toEqual({ ok: false, error: 'same-pin' });
    expect(
      await changeOwnPin(ctx, 'C002', '610483', { pin: '958207', pinAgain: '958207' }),
    ).toMatchObject({ ok: true });
    expect(await verifyClerkPin(ctx.db, 'C002', '958207')).toMatchObject({
      ok: true,
      mustChangePin: false,
    });
    const types = (await auditTypes()).map(([t]) => t);
    expect(types).toEqual([
      'audit.clerk.pin-reset',
      'audit.clerk.pin-changed',
      'audit.clerk.signed-in',
    ]);
  });

  it('disables a leaver (kept, never deleted): the right PIN no longer signs in', async () => {
    expect(await setClerkDisabled(ctx, SUPERVISOR, 'C002', true)).toEqual({ ok: true });
    expect(await signIn(ctx, 'C002', '735190')).toMatchObject({ ok: false, reason: 'disabled' });
    // A wrong PIN gets the ordinary answer: being disabled is told only to the PIN's owner.
    expect(await signIn(ctx, 'C002', '000001')).toMatchObject({ reason: 'bad-credentials' });
    expect((await listStaff(ctx.db)).map((s) => [s.id, s.disabled])).toEqual([
      ['C002', true],
      ['S001', false],
    ]);
    expect(await setClerkDisabled(ctx, SUPERVISOR, 'C002', true)).toEqual({
      ok: false,
      error: 'unchanged',
    });
    expect(await setClerkDisabled(ctx, SUPERVISOR, 'C002', false)).toEqual({ ok: true });
    expect(await signIn(ctx, 'C002', '735190')).toMatchObject({ ok: true });
  });

  it('changes roles, never one own, and only an active supervisor changes anything', async () => {
    expect(await changeClerkRole(ctx, SUPERVISOR, 'C002', 'supervisor')).toEqual({ ok: true });
    expect(await changeClerkRole(ctx, SUPERVISOR, 'S001', 'clerk')).toEqual({
      ok: false,
      error: 'self',
    });
    expect(await setClerkDisabled(ctx, SUPERVISOR, 'S001', true)).toEqual({
      ok: false,
      error: 'self',
    });
    // C002, now a supervisor, demotes S001; S001 can then change nothing.
    const c002: Clerk = { ...CLERK, role: 'supervisor' };
    expect(await changeClerkRole(ctx, c002, 'S001', 'clerk')).toEqual({ ok: true });
    expect(await unlockClerk(ctx, SUPERVISOR, 'C002')).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    expect(await unlockClerk(ctx, c002, 'NOBODY')).toEqual({ ok: false, error: 'unknown' });
    expect((await auditTypes()).map(([t, , p]) => [t, p])).toEqual([
      [
        'audit.clerk.role-changed',
        { by: 'S001', clerkId: 'C002', from: 'clerk', to: 'supervisor' },
      ],
      [
        'audit.clerk.role-changed',
        { by: 'C002', clerkId: 'S001', from: 'supervisor', to: 'clerk' },
      ],
    ]);
  });

  it('moves lower-case staff numbers to upper case, and disables a duplicate rather than merge', async () => {
    const stored = async (id: string) =>
      ({
        id,
        name: `旧 ${id}`,
        role: 'clerk' as const,
        salt: 'c2FsdA',
        hash: 'aGFzaA',
        iterations: 210_000,
        failedAttempts: 0,
        lockedUntil: null,
        lock: null,
        createdAt: '2026-01-01T00:00:00.000+08:00',
        disabled: false,
        mustChangePin: false,
      }) satisfies Parameters<typeof writeMetaOf<'clerk'>>[3];
    await writeMetaOf(ctx.db, 'clerk', 'c003', await stored('c003'));
    await writeMetaOf(ctx.db, 'clerk', 'c002', await stored('c002'));
    expect(await normaliseStaffNumbers(ctx)).toBe(2);
    expect(await normaliseStaffNumbers(ctx)).toBe(0);
    expect((await listStaff(ctx.db)).map((s) => [s.id, s.name, s.disabled])).toEqual([
      ['C002', '李窗口', false],
      ['C003', '旧 c003', false],
      ['S001', '王负责', false],
      ['c002', '旧 c002', true],
    ]);
    expect(await setClerkDisabled(ctx, SUPERVISOR, 'c002', false)).toEqual({
      ok: false,
      error: 'duplicate',
    });
    expect((await auditTypes()).map(([, , p]) => p)).toEqual([
      { from: 'c002', to: 'C002', outcome: 'disabled-duplicate' },
      { from: 'c003', to: 'C003', outcome: 'renamed' },
    ]);
  });
});
