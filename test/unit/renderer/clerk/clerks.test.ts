import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createClerk,
  hasClerks,
  isWeakPin,
  listClerks,
  LOCK_OUT_MS,
  MAX_FAILED_ATTEMPTS,
  type NewClerk,
  signIn,
  verifyClerkPin,
} from '../../../../renderer/store/clerks';
import type { MonoReading } from '../../../../shared/console/pin-guard';
import { readMeta } from '../../../../renderer/store/meta';
import { consoleContext } from './fixture';

type Ctx = Awaited<ReturnType<typeof consoleContext>>;
let ctx: Ctx;

beforeEach(async () => {
  ctx = await consoleContext();
});
afterEach(async () => {
  ctx.db.close();
  await ctx.db.delete();
});

const SUPERVISOR: NewClerk = {
  id: 'S001',
  name: '王负责',
  role: 'supervisor',
  pin: '482916',
  pinAgain: '482916',
};

describe('clerks and PINs', () => {
  it('stores no PIN, only a salted slow hash, and signs in with the right one', async () => {
    const created = await createClerk(ctx.db, SUPERVISOR, { onlyIfNone: true });
    expect(created.ok).toBe(true);
    const stored = JSON.stringify(await ctx.db.meta.toArray());
    expect(stored).not.toContain('482916');
    expect(await hasClerks(ctx.db)).toBe(true);
    expect(await listClerks(ctx.db)).toEqual([{ id: 'S001', name: '王负责', role: 'supervisor' }]);
    expect(await verifyClerkPin(ctx.db, 'S001', '482916')).toMatchObject({ ok: true });
    expect(await verifyClerkPin(ctx.db, 'S001', '482917')).toEqual({
      ok: false,
      reason: 'bad-credentials',
      unknown: false,
    });
    // An unknown number gets the same answer; only the audit is told why.
    expect(await verifyClerkPin(ctx.db, 'NOBODY', '482916')).toEqual({
      ok: false,
      reason: 'bad-credentials',
      unknown: true,
    });
  });

  it('refuses weak, malformed and mismatched PINs, and a second first supervisor', async () => {
    expect(isWeakPin('111111')).toBe(true);
    expect(isWeakPin('123456')).toBe(true);
    expect(isWeakPin('987654')).toBe(true);
    expect(isWeakPin('482916')).toBe(false);
    const attempt = (over: Partial<NewClerk>) => createClerk(ctx.db, { ...SUPERVISOR, ...over });
    expect(await attempt({ pin: '123456', pinAgain: '123456' })).toEqual({
      ok: false,
      error: 'weak-pin',
    });
    expect(await attempt({ pin: '48291', pinAgain: '48291' })).toEqual({
      ok: false,
      error: 'bad-pin',
    });
    expect(await attempt({ pinAgain: '482915' })).toEqual({ ok: false, error: 'pin-mismatch' });
    expect(await attempt({ id: 'S 001' })).toEqual({ ok: false, error: 'bad-id' });
    expect(await attempt({ name: '  ' })).toEqual({ ok: false, error: 'bad-name' });
    expect((await attempt({})).ok).toBe(true);
    expect(await attempt({})).toEqual({ ok: false, error: 'exists' });
    expect(await createClerk(ctx.db, { ...SUPERVISOR, id: 'S002' }, { onlyIfNone: true })).toEqual({
      ok: false,
      error: 'not-first',
    });
  });

  it('locks a clerk out after repeated wrong PINs, even for the right PIN, until the time passes', async () => {
    await createClerk(ctx.db, SUPERVISOR);
    const at = (ms: number): MonoReading => ({ session: 'run-1', ms });
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i += 1)
      expect(await verifyClerkPin(ctx.db, 'S001', '000001', at(0))).toMatchObject({
        reason: 'bad-credentials',
      });
    expect(await verifyClerkPin(ctx.db, 'S001', '000001', at(0))).toMatchObject({
      reason: 'locked-out',
      lockedForMs: LOCK_OUT_MS,
    });
    expect(await verifyClerkPin(ctx.db, 'S001', '482916', at(LOCK_OUT_MS - 1))).toMatchObject({
      reason: 'locked-out',
      lockedForMs: 1,
    });
    expect(await verifyClerkPin(ctx.db, 'S001', '482916', at(LOCK_OUT_MS))).toMatchObject({
      ok: true,
    });
  });

  it('keeps a lock-out across a restart and a changed wall clock: only the monotonic clock counts', async () => {
    await createClerk(ctx.db, SUPERVISOR);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1)
      await verifyClerkPin(ctx.db, 'S001', '000001', { session: 'run-1', ms: 1_000 });
    // Ten minutes of this run pass, then the program restarts (a new monotonic clock from 0).
    expect(
      await verifyClerkPin(ctx.db, 'S001', '482916', { session: 'run-1', ms: 601_000 }),
    ).toMatchObject({ reason: 'locked-out', lockedForMs: 5 * 60_000 });
    ctx.clock.now = new Date('2030-01-01T00:00:00Z');
    expect(
      await verifyClerkPin(ctx.db, 'S001', '482916', { session: 'run-2', ms: 0 }),
    ).toMatchObject({ reason: 'locked-out', lockedForMs: 5 * 60_000 });
    expect(
      await verifyClerkPin(ctx.db, 'S001', '482916', { session: 'run-2', ms: 5 * 60_000 }),
    ).toMatchObject({ ok: true });
  });

  it('answers unknown staff numbers exactly as known ones, lock-out included', async () => {
    await createClerk(ctx.db, SUPERVISOR);
    const at: MonoReading = { session: 'run-1', ms: 0 };
    const answers = async (id: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i <= MAX_FAILED_ATTEMPTS; i += 1) {
        const r = await verifyClerkPin(ctx.db, id, '000001', at);
        seen.push(r.ok ? r : { reason: r.reason, lockedForMs: r.lockedForMs });
      }
      return seen;
    };
    const known = await answers('S001');
    expect(known.at(-1)).toMatchObject({ reason: 'locked-out' });
    expect(await answers('X999')).toEqual(known);
    // Stored under the same rule as a real number: a reload does not reset it.
    expect(await readMeta(ctx.db, 'unknownStaffGuards')).toEqual([
      {
        id: 'X999',
        guard: { failedAttempts: 0, lock: { remainingMs: LOCK_OUT_MS, session: 'run-1', at: 0 } },
      },
    ]);
  });

  it('reads staff numbers case-insensitively', async () => {
    await createClerk(ctx.db, { ...SUPERVISOR, id: 's001' });
    expect(await listClerks(ctx.db)).toEqual([{ id: 'S001', name: '王负责', role: 'supervisor' }]);
    expect(await verifyClerkPin(ctx.db, ' s001 ', '482916')).toMatchObject({ ok: true });
    expect(await createClerk(ctx.db, { ...SUPERVISOR, id: 'S001' })).toEqual({
      ok: false,
      error: 'exists',
    });
  });

  it('counts concurrent wrong attempts one by one', async () => {
    await createClerk(ctx.db, SUPERVISOR);
    const results = await Promise.all(
      Array.from({ length: MAX_FAILED_ATTEMPTS }, () => verifyClerkPin(ctx.db, 'S001', '000001')),
    );
    expect(results.filter((r) => !r.ok && r.reason === 'locked-out')).toHaveLength(1);
  });

  it('writes sign-in and failed sign-in into the signed chain, never the PIN', async () => {
    await createClerk(ctx.db, SUPERVISOR);
    expect((await signIn(ctx, 'S001', '482916')).ok).toBe(true);
    expect((await signIn(ctx, 'S001', '000001')).ok).toBe(false);
    const events = await ctx.db.events.orderBy('seq').toArray();
    expect(events.map((e) => e.type)).toEqual([
      'audit.clerk.signed-in',
      'audit.clerk.sign-in-failed',
    ]);
    expect(JSON.stringify(events)).not.toMatch(/482916|000001/);
    expect(await ctx.db.outbox.count()).toBe(2);
  });
});
