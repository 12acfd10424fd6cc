import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeUnlockPinRecord,
  MAX_UNLOCK_FAILURES,
  UNLOCK_LOCK_OUT_MS,
  UnlockGuard,
  UnlockPinRecordSchema,
} from '../../../electron/main/kiosk-unlock';
import { unlockStateFile } from '../../../electron/main/unlock-state';

// Fewer iterations than a real record, the same code path.
const record = makeUnlockPinRecord('602841', 100_000);

/** A monotonic clock the test moves by hand. */
function fakeMonotonic(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function lockOut(guard: UnlockGuard): void {
  for (let i = 1; i < MAX_UNLOCK_FAILURES; i += 1)
    expect(guard.attempt('000001')).toBe('wrong-pin');
  expect(guard.attempt('000001')).toBe('locked-out');
}

const dirs: string[] = [];
function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unlock-state-'));
  dirs.push(dir);
  return join(dir, 'kiosk-unlock-state.json');
}
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('leaving kiosk mode', () => {
  it('keeps only a salted hash of the maintenance PIN', () => {
    expect(UnlockPinRecordSchema.parse(record)).toEqual(record);
    expect(JSON.stringify(record)).not.toContain('602841');
    expect(makeUnlockPinRecord('602841', 100_000).hash).not.toBe(record.hash);
    expect(() => makeUnlockPinRecord('12345')).toThrow();
  });

  it('opens with the right PIN only', () => {
    const guard = new UnlockGuard(record);
    expect(guard.attempt('602842')).toBe('wrong-pin');
    expect(guard.attempt('not a pin')).toBe('wrong-pin');
    expect(guard.attempt(undefined)).toBe('wrong-pin');
    expect(guard.attempt('602841')).toBe('unlocked');
  });

  it('locks out after repeated wrong PINs, even for the right one, until the time is up', () => {
    const clock = fakeMonotonic();
    const guard = new UnlockGuard(record, { monotonicNow: clock.now });
    lockOut(guard);
    clock.advance(UNLOCK_LOCK_OUT_MS - 1);
    expect(guard.attempt('602841')).toBe('locked-out');
    clock.advance(1);
    expect(guard.attempt('602841')).toBe('unlocked');
  });

  it('cannot be unlocked from the screen where no PIN was set', () => {
    expect(new UnlockGuard(null).attempt('602841')).toBe('not-configured');
  });
});

describe('the maintenance-PIN lock-out (issue 17)', () => {
  it('is not ended by setting the system clock ahead, nor lengthened by setting it back', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T09:00:00Z'));
    const clock = fakeMonotonic(1_000);
    const guard = new UnlockGuard(record, { monotonicNow: clock.now });
    lockOut(guard);
    // A day ahead on the wall clock: still locked, nothing of the lock-out spent.
    vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
    expect(guard.attempt('602841')).toBe('locked-out');
    expect(guard.lockRemainingMs()).toBe(UNLOCK_LOCK_OUT_MS);
    // A year back: the countdown goes on as real time passes, no slower.
    vi.setSystemTime(new Date('2025-12-06T09:00:00Z'));
    clock.advance(UNLOCK_LOCK_OUT_MS / 2);
    expect(guard.lockRemainingMs()).toBe(UNLOCK_LOCK_OUT_MS / 2);
    clock.advance(UNLOCK_LOCK_OUT_MS / 2);
    expect(guard.attempt('602841')).toBe('unlocked');
  });

  it('survives a restart of the main process, resuming where it was saved', () => {
    const path = stateFile();
    const first = fakeMonotonic(50_000);
    const guard = new UnlockGuard(record, {
      store: unlockStateFile(path),
      monotonicNow: first.now,
    });
    lockOut(guard);
    first.advance(60_000);
    guard.checkpoint();
    // The new process's monotonic clock starts anywhere, lower included.
    const second = fakeMonotonic(3);
    const restarted = new UnlockGuard(record, {
      store: unlockStateFile(path),
      monotonicNow: second.now,
    });
    expect(restarted.attempt('602841')).toBe('locked-out');
    expect(restarted.lockRemainingMs()).toBe(UNLOCK_LOCK_OUT_MS - 60_000);
    second.advance(UNLOCK_LOCK_OUT_MS - 60_000 - 1);
    expect(restarted.attempt('602841')).toBe('locked-out');
    second.advance(1);
    expect(restarted.attempt('602841')).toBe('unlocked');
  });

  it('keeps the count of wrong PINs across a restart', () => {
    const path = stateFile();
    const guard = new UnlockGuard(record, { store: unlockStateFile(path) });
    for (let i = 1; i < MAX_UNLOCK_FAILURES; i += 1)
      expect(guard.attempt('000001')).toBe('wrong-pin');
    const restarted = new UnlockGuard(record, { store: unlockStateFile(path) });
    expect(restarted.attempt('000001')).toBe('locked-out');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      failures: 0,
      lockRemainingMs: UNLOCK_LOCK_OUT_MS,
    });
  });

  it('fails closed on a state file it cannot read', () => {
    const path = stateFile();
    writeFileSync(path, '{"failures": -1');
    const guard = new UnlockGuard(record, { store: unlockStateFile(path) });
    expect(guard.attempt('602841')).toBe('locked-out');
    // No file at all is a kiosk never locked out.
    expect(unlockStateFile(`${path}.absent`).load()).toEqual({ failures: 0, lockRemainingMs: 0 });
  });
});
